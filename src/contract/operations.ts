// What the checker reads from openapi.yaml for each operation, beyond src/spec/document.ts: the order of
// path parameters, required query parameters, request body examples, and which operations
// create, list and read the same collection (for parent ids and stateful checks).
import {
  deref,
  type JsonSchema,
  type OperationSpec,
  operationsById,
  specDocument,
} from "../spec/document.js";

export interface QueryParameter {
  name: string;
  example: unknown;
}

export interface OperationInfo {
  spec: OperationSpec;
  /** Path parameter names in the order the path names them. */
  pathParams: string[];
  /** Required query parameters, with the value to send (the spec's example, default or enum). */
  query: QueryParameter[];
  /** The request body's named examples (`examples`, else `example`). */
  examples: { name: string; value: unknown }[];
  /** Whether the operation requires a token (it has a non-empty `security`). */
  secured: boolean;
}

interface RawParameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: JsonSchema;
}

interface RawOperation {
  parameters?: RawParameter[];
  security?: unknown[];
  requestBody?: {
    content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }> }>;
  };
}

const document = deref(specDocument) as {
  paths: Record<string, Record<string, unknown>>;
  security?: unknown[];
};

function exampleOf(parameter: RawParameter): unknown {
  const schema = parameter.schema ?? {};
  return (
    parameter.example ??
    schema.example ??
    schema.default ??
    (Array.isArray(schema.enum) ? schema.enum[0] : undefined)
  );
}

/** What the checker needs of one operation, read from its path item in the spec. */
export function readOperationInfo(
  spec: OperationSpec,
  item: Record<string, unknown>,
  rootSecurity: unknown[] = [],
): OperationInfo {
  const raw = (item[spec.method] ?? {}) as RawOperation;
  const parameters = [...((item.parameters as RawParameter[]) ?? []), ...(raw.parameters ?? [])];
  const json = raw.requestBody?.content?.["application/json"];
  const examples = json?.examples
    ? Object.entries(json.examples).map(([name, example]) => ({ name, value: example.value }))
    : json?.example !== undefined
      ? [{ name: "example", value: json.example }]
      : [];
  const security = raw.security ?? rootSecurity;
  return {
    spec,
    pathParams: [...spec.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string),
    query: parameters
      .filter((parameter) => parameter.in === "query" && parameter.required)
      .map((parameter) => ({ name: parameter.name, example: exampleOf(parameter) })),
    examples,
    secured: security.some((requirement) => Object.keys(requirement as object).length > 0),
  };
}

/** Every operation of the spec, in the spec's order, with what the checker needs. */
// The stub's own /_stub controls (x-stub-only) are not part of the contract other servers keep.
export const operationInfos: OperationInfo[] = [...operationsById.values()]
  .filter((spec) => !spec.outsideGraph)
  .map((spec) => readOperationInfo(spec, document.paths[spec.path] ?? {}, document.security));

/** The POST that creates members of the collection at `path`, if the spec has one. */
export function creatorOf(all: OperationInfo[], path: string): OperationInfo | undefined {
  return all.find(
    (info) => info.spec.method === "post" && info.spec.path === path && info.spec.body,
  );
}

/** The GET of the collection at `path` (list) and of one member (by id), if the spec has them. */
export function readersOf(
  all: OperationInfo[],
  path: string,
): { list?: OperationInfo; byId?: OperationInfo } {
  const member = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\{\\w+\\}$`);
  return {
    list: all.find((info) => info.spec.method === "get" && info.spec.path === path),
    byId: all.find((info) => info.spec.method === "get" && member.test(info.spec.path)),
  };
}
