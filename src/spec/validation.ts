// The Ajv setup that the server (request validation) and the contract tests (response
// validation) share. OpenAPI 3.1 schemas are JSON Schema 2020-12, hence Ajv2020.
import { Ajv2020, type ErrorObject, type Options } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { JsonSchema } from "./document.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** A compiled validator: returns true, or false with `errors` set. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * An Ajv2020 with the project's rules (strict, all errors, verbose, nothing removed or defaulted,
 * ajv-formats, the OpenAPI annotations); `options` add to them, e.g. `coerceTypes`. Exported for
 * scripts/generate.ts, which compiles the request validators ahead of time with the same rules.
 */
export function createAjv(options: Options): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    // `verbose` keeps each error's schema and data, so errors can name the Graph type.
    verbose: true,
    removeAdditional: false,
    useDefaults: false,
    ...options,
  });
  addFormats(ajv);
  // OpenAPI-only keywords, and x-graph-type (the Graph type a schema describes, which error
  // messages name): annotations here, not validation rules.
  for (const keyword of ["discriminator", "example", "xml", "externalDocs", "x-graph-type"]) {
    ajv.addKeyword(keyword);
  }
  return ajv;
}

/** Bodies are validated exactly as sent: no coercion, no defaults, nothing removed. */
export const bodyAjvOptions: Options = { coerceTypes: false };
/** Path, query and header values arrive as strings, so they may be coerced. */
export const parameterAjvOptions: Options = { coerceTypes: true };

export const bodyAjv = createAjv(bodyAjvOptions);
export const parameterAjv = createAjv(parameterAjvOptions);

const caches = new WeakMap<Ajv2020, WeakMap<JsonSchema, Validator>>();

/** Compiles once per schema object and Ajv instance (schemas are cut once at start-up). */
export function compile(schema: JsonSchema, ajv: Ajv2020 = bodyAjv): Validator {
  let cache = caches.get(ajv);
  if (!cache) {
    cache = new WeakMap();
    caches.set(ajv, cache);
  }
  let validator = cache.get(schema);
  if (!validator) {
    validator = ajv.compile(schema) as Validator;
    cache.set(schema, validator);
  }
  return validator;
}
