// The operation table of an OpenAPI 3.1 document, cut once: scripts/generate.ts writes it to
// generated/operations.json at build time, and src/spec/document.ts reads that at start. No I/O
// here, so the generator can run it on a spec that is not written yet.
import type { operations } from "../../generated/schema.js";

export type OperationId = keyof operations;
export type JsonSchema = Record<string, unknown>;
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** The routes and schemas of one operation, cut from the spec. */
export interface OperationSpec {
  operationId: OperationId;
  method: HttpMethod;
  /** The OpenAPI path, e.g. `/officeConfiguration/clientConfigurations/{officeClientConfigurationId}`. */
  path: string;
  /** The Fastify URL under the `/beta` prefix, e.g. `/officeConfiguration/clientConfigurations/:officeClientConfigurationId`. */
  url: string;
  params?: JsonSchema;
  querystring?: JsonSchema;
  headers?: JsonSchema;
  /** The JSON request body's schema, when the body is JSON. */
  body?: JsonSchema;
  /** The media types the request body may have; empty when the operation takes no body. */
  bodyContentTypes: string[];
  /** JSON response body schema by status code. */
  responses: Record<string, JsonSchema>;
  /** Response media type by status code; absent for replies without a body. */
  responseContentTypes: Record<string, string>;
  /** Response headers by status code (lower-case names) and whether each is required. */
  responseHeaders: Record<string, Record<string, { required: boolean; schema: JsonSchema }>>;
  /** Permission alternatives from `security`: any one inner list, all of whose scopes are granted, is enough. */
  scopes: string[][];
  /**
   * Whether a request without a token must be refused: `security` is not empty and offers no
   * empty requirement (`{}`, OpenAPI's "no auth" alternative).
   */
  tokenRequired: boolean;
  /** Path parameter names in the order the path names them. */
  pathParams: string[];
  /** Required query parameters, with the value to send (the spec's example, default or enum). */
  requiredQuery: { name: string; example: unknown }[];
  /** The JSON request body's named examples (`examples`, else `example`). */
  examples: { name: string; value: unknown }[];
  /** True when the path item overrides `servers`: served at the root, not under `/beta`. */
  outsideGraph: boolean;
}

const methods: HttpMethod[] = ["get", "post", "put", "patch", "delete"];

/**
 * Resolves every local `$ref` of `node` against the document `root`; the spec has no
 * cycles, and one would be a spec bug.
 */
export function deref(node: unknown, root: unknown, trail: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => deref(item, root, trail));
  if (node === null || typeof node !== "object") return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    if (trail.includes(ref)) throw new Error(`openapi.yaml: cyclic $ref ${ref}`);
    return deref(resolvePointer(ref, root), root, [...trail, ref]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = deref(value, root, trail);
  return out;
}

function resolvePointer(ref: string, root: unknown): unknown {
  if (!ref.startsWith("#/"))
    throw new Error(`openapi.yaml: only local $refs are supported: ${ref}`);
  let target: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    target = (target as Record<string, unknown> | undefined)?.[key];
  }
  if (target === undefined) throw new Error(`openapi.yaml: unresolved $ref ${ref}`);
  return target;
}

/** A component schema of `document` with its refs resolved, e.g. `componentSchema(spec, "odataError")`. */
export function componentSchema(document: unknown, name: string): JsonSchema {
  return deref({ $ref: `#/components/schemas/${name}` }, document) as JsonSchema;
}

interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  example?: unknown;
  schema: JsonSchema;
}

interface MediaTypeObject {
  schema: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

function exampleOf(parameter: ParameterObject): unknown {
  const schema = parameter.schema ?? {};
  return (
    parameter.example ??
    schema.example ??
    schema.default ??
    (Array.isArray(schema.enum) ? schema.enum[0] : undefined)
  );
}

function examplesOf(json: MediaTypeObject | undefined): OperationSpec["examples"] {
  if (json?.examples) {
    return Object.entries(json.examples).map(([name, example]) => ({ name, value: example.value }));
  }
  return json?.example === undefined ? [] : [{ name: "example", value: json.example }];
}

function objectSchema(
  parameters: ParameterObject[],
  lowerCase: boolean,
  closed = false,
): JsonSchema | undefined {
  if (parameters.length === 0) return undefined;
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const parameter of parameters) {
    const name = lowerCase ? parameter.name.toLowerCase() : parameter.name;
    properties[name] = parameter.schema;
    if (parameter.required) required.push(name);
  }
  return closed
    ? { type: "object", properties, required, additionalProperties: false }
    : { type: "object", properties, required };
}

/** An optional body may be absent: Fastify then validates null. */
function optionalBody(body: JsonSchema | undefined, required = false): JsonSchema | undefined {
  if (body === undefined || required) return body;
  return { oneOf: [{ type: "null" }, body] };
}

/**
 * The operation table of an OpenAPI 3.1 document: every operation, by operationId, with its
 * schemas cut out and its `$ref`s resolved. The stub routes by it and the checker tests by it.
 */
export function readOperationTable(spec: unknown): Map<OperationId, OperationSpec> {
  const byId = new Map<OperationId, OperationSpec>();
  const document = deref(spec, spec) as {
    paths: Record<string, Record<string, unknown>>;
    security?: Record<string, string[]>[];
  };
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item.parameters ?? []) as ParameterObject[];
    for (const method of methods) {
      const operation = item[method] as
        | {
            operationId: OperationId;
            parameters?: ParameterObject[];
            requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
            responses: Record<
              string,
              {
                content?: Record<string, { schema: JsonSchema }>;
                headers?: Record<string, { required?: boolean; schema: JsonSchema }>;
              }
            >;
            security?: Record<string, string[]>[];
          }
        | undefined;
      if (!operation) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])];
      const responses: OperationSpec["responses"] = {};
      const responseContentTypes: OperationSpec["responseContentTypes"] = {};
      const responseHeaders: OperationSpec["responseHeaders"] = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const body = response.content?.["application/json"]?.schema;
        if (body) responses[status] = body;
        const [contentType] = Object.keys(response.content ?? {});
        if (contentType) responseContentTypes[status] = contentType;
        responseHeaders[status] = Object.fromEntries(
          Object.entries(response.headers ?? {}).map(([name, header]) => [
            name.toLowerCase(),
            { required: header.required === true, schema: header.schema },
          ]),
        );
      }
      const security = operation.security ?? document.security ?? [];
      const requestContent = operation.requestBody?.content ?? {};
      byId.set(operation.operationId, {
        operationId: operation.operationId,
        method,
        path,
        url: path.replace(/\{(\w+)\}/g, ":$1"),
        params: objectSchema(
          parameters.filter((p) => p.in === "path"),
          false,
        ),
        // Graph ignores query parameters it does not know; the stub's own routes that take some
        // refuse others, so a misspelled journal filter is a 400, not a filter matching all.
        querystring: objectSchema(
          parameters.filter((p) => p.in === "query"),
          false,
          item.servers !== undefined,
        ),
        headers: objectSchema(
          parameters.filter((p) => p.in === "header"),
          true,
        ),
        body: optionalBody(
          requestContent["application/json"]?.schema,
          operation.requestBody?.required,
        ),
        bodyContentTypes: Object.keys(requestContent),
        responses,
        responseContentTypes,
        responseHeaders,
        scopes: security.flatMap((requirement) => Object.values(requirement)),
        tokenRequired:
          security.length > 0 &&
          security.every((requirement) => Object.keys(requirement).length > 0),
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => String(match[1])),
        requiredQuery: parameters
          .filter((parameter) => parameter.in === "query" && parameter.required)
          .map((parameter) => ({ name: parameter.name, example: exampleOf(parameter) })),
        examples: examplesOf(requestContent["application/json"]),
        outsideGraph: item.servers !== undefined,
      });
    }
  }
  return byId;
}
