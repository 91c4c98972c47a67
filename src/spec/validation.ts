// The Ajv setup that the server (request validation, compiled ahead of time by
// scripts/generate.ts) and the reply checks (the stub's self-check, the contract checker) share.
// OpenAPI 3.1 schemas are JSON Schema 2020-12, hence Ajv2020.
import { createRequire } from "node:module";
import type { Ajv2020, ErrorObject, Options } from "ajv/dist/2020.js";
import type addFormatsModule from "ajv-formats";
import { plainUuid, rfc3339DateTime } from "./formats.js";
import type { JsonSchema } from "./operation-table.js";

/** A compiled validator: returns true, or false with `errors` set. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const require = createRequire(import.meta.url);

/**
 * An Ajv2020 with the project's rules (strict, all errors, verbose, nothing removed or defaulted,
 * ajv-formats, the OpenAPI annotations); `options` add to them, e.g. `coerceTypes`. Exported for
 * scripts/generate.ts, which compiles the request validators ahead of time with the same rules.
 */
export function createAjv(options: Options): Ajv2020 {
  // Required on first use, not imported: the stub's requests need only the precompiled code, and
  // loading Ajv2020 and ajv-formats cost 50 ms of CPU at every start.
  const ajvModule: typeof import("ajv/dist/2020.js") = require("ajv/dist/2020.js");
  const addFormats: typeof addFormatsModule.default = require("ajv-formats");
  const ajv = new ajvModule.Ajv2020({
    strict: true,
    allErrors: true,
    // `verbose` keeps each error's schema and data, so errors can name the Graph type.
    verbose: true,
    removeAdditional: false,
    useDefaults: false,
    ...options,
  });
  addFormats(ajv);
  // Stricter than ajv-formats' (formats.ts says how); as regular expressions they are inlined
  // into standalone code instead of required from ajv-formats.
  ajv.addFormat("date-time", rfc3339DateTime);
  ajv.addFormat("uuid", plainUuid);
  // OpenAPI-only keywords, and x-graph-type (the Graph type a schema describes, which error
  // messages name): annotations here, not validation rules.
  for (const keyword of [
    "discriminator",
    "example",
    "xml",
    "externalDocs",
    "x-graph-type",
    "x-graph-navigation",
  ]) {
    ajv.addKeyword(keyword);
  }
  return ajv;
}

/** One of the two Ajv setups; its instance is made on the first compile. */
export interface AjvSetup {
  readonly options: Options;
}

/** Bodies are validated exactly as sent: no coercion, no defaults, nothing removed. */
export const bodyAjv: AjvSetup = { options: { coerceTypes: false } };
/** Path, query and header values arrive as strings, so they may be coerced. */
export const parameterAjv: AjvSetup = { options: { coerceTypes: true } };

const instances = new WeakMap<AjvSetup, { ajv: Ajv2020; cache: WeakMap<JsonSchema, Validator> }>();

/** Compiles once per schema object and Ajv setup (schemas are cut once, from the spec). */
export function compile(schema: JsonSchema, setup: AjvSetup = bodyAjv): Validator {
  let instance = instances.get(setup);
  if (!instance) {
    instance = { ajv: createAjv(setup.options), cache: new WeakMap() };
    instances.set(setup, instance);
  }
  let validator = instance.cache.get(schema);
  if (!validator) {
    validator = instance.ajv.compile(schema) as Validator;
    instance.cache.set(schema, validator);
  }
  return validator;
}
