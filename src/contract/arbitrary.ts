// JSON Schema (2020-12, as openapi.yaml writes it) → fast-check arbitraries: request bodies
// generated from the spec's own schemas, reproducible from a seed and shrinkable, so that a
// failing body is reported at its smallest.
import fc from "fast-check";
import type { JsonSchema } from "../spec/document.js";
import { bodyAjv, compile } from "../spec/validation.js";

const int32 = { min: -2_147_483_648, max: 2_147_483_647 };
/** Bounds that keep generated requests small and readable. */
const maxString = 24;
const maxItems = 3;

function asSchemas(value: unknown): JsonSchema[] {
  return Array.isArray(value) ? (value as JsonSchema[]) : [];
}

/** Merges `allOf` into one schema: properties and `required` are unions, the rest is kept. */
export function flatten(schema: JsonSchema): JsonSchema {
  const parts = asSchemas(schema.allOf).map(flatten);
  if (parts.length === 0) return schema;
  const { allOf: _allOf, ...own } = schema;
  const merged: JsonSchema = {};
  for (const part of [...parts, own]) {
    const properties = { ...(merged.properties as object), ...(part.properties as object) };
    const required = [
      ...new Set([
        ...((merged.required as string[]) ?? []),
        ...((part.required as string[]) ?? []),
      ]),
    ];
    Object.assign(merged, part, { properties, required });
  }
  return merged;
}

/** The JSON types a schema admits, or undefined when it does not say. */
export function jsonTypes(schema: JsonSchema): string[] | undefined {
  const flat = flatten(schema);
  if (flat.type !== undefined) return ([] as string[]).concat(flat.type as string | string[]);
  const values = "const" in flat ? [flat.const] : (flat.enum as unknown[] | undefined);
  if (values) return [...new Set(values.map(typeOf))];
  const branches = [...asSchemas(flat.oneOf), ...asSchemas(flat.anyOf)];
  if (branches.length === 0) return undefined;
  const types = branches.map(jsonTypes);
  if (types.some((t) => t === undefined)) return undefined;
  return [...new Set(types.flat() as string[])];
}

export function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.max(
    minLength,
    Math.min((schema.maxLength as number) ?? maxString, maxString),
  );
  if (typeof schema.pattern === "string") return fc.stringMatching(new RegExp(schema.pattern));
  if (schema.contentEncoding === "base64") return fc.base64String({ maxLength: 16 });
  switch (schema.format) {
    case "uuid":
      return fc.uuid();
    case "date-time":
      return fc
        .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
        .map((date) => date.toISOString());
    case "date":
      return fc
        .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case "uri":
      return fc.webUrl();
    case "email":
      return fc.emailAddress();
  }
  return fc.string({ minLength, maxLength });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const bounds = schema.format === "int32" || integer ? { ...int32 } : { min: -1e9, max: 1e9 };
  if (typeof schema.minimum === "number") bounds.min = schema.minimum;
  if (typeof schema.maximum === "number") bounds.max = schema.maximum;
  if (typeof schema.exclusiveMinimum === "number") bounds.min = schema.exclusiveMinimum + 1;
  if (typeof schema.exclusiveMaximum === "number") bounds.max = schema.exclusiveMaximum - 1;
  return integer
    ? fc.integer(bounds)
    : fc.double({ ...bounds, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = ((schema.required as string[] | undefined) ?? []).filter(
    (name) => name in properties,
  );
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, arbitrary(property)]),
  );
  return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
}

/** An arbitrary of values that the schema describes. */
export function arbitrary(input: JsonSchema): fc.Arbitrary<unknown> {
  const schema = flatten(input);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const branches = [...asSchemas(schema.oneOf), ...asSchemas(schema.anyOf)];
  if (branches.length > 0) {
    const { oneOf: _oneOf, anyOf: _anyOf, discriminator: _d, ...rest } = schema;
    return fc.oneof(...branches.map((branch) => arbitrary(flatten({ allOf: [rest, branch] }))));
  }
  const types = schema.type === undefined ? [] : ([] as string[]).concat(schema.type as string);
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => arbitrary({ ...schema, type })));
  }
  switch (types[0]) {
    case "string":
      return stringArbitrary(schema);
    case "integer":
      return numberArbitrary(schema, true);
    case "number":
      return numberArbitrary(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const items = (schema.items as JsonSchema | undefined) ?? {};
      return fc.array(arbitrary(items), {
        minLength,
        maxLength: Math.max(minLength, maxItems),
      });
    }
    case "object":
      return objectArbitrary(schema);
  }
  return schema.properties ? objectArbitrary(schema) : fc.jsonValue({ maxDepth: 1 });
}

/** Bodies valid against `schema` by the server's own Ajv rules (anything else is filtered out). */
export function bodyArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const validate = compile(schema, bodyAjv);
  return arbitrary(schema).filter((value) => validate(value));
}
