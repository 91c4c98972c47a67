// Loads the spec once: generated/openapi.json as written, and the operation table that
// scripts/generate.ts cut from it at build time (generated/operations.json), with every `$ref`
// resolved. The stub's routes, its validators and the contract checker all read this one table.
import { existsSync, readFileSync } from "node:fs";
import {
  componentSchema,
  type JsonSchema,
  type OperationId,
  type OperationSpec,
} from "./operation-table.js";

export {
  deref,
  type HttpMethod,
  type JsonSchema,
  type OperationId,
  type OperationSpec,
  readOperationTable,
} from "./operation-table.js";

// The package root: above src/spec/ when run from source (tsx), above dist/src/spec/ when
// run as built JavaScript (the package's bin and ./testing export).
const root = new URL(
  existsSync(new URL("../../generated/openapi.json", import.meta.url)) ? "../../" : "../../../",
  import.meta.url,
);
export const specUrl = new URL("generated/openapi.json", root);
export const specYamlUrl = new URL("openapi.yaml", root);

/** The spec document, exactly as generated/openapi.json holds it. */
export const specDocument = JSON.parse(readFileSync(specUrl, "utf8")) as Record<string, unknown>;

/** A component schema with its refs resolved, e.g. `schema("odataError")`. */
export function schema(name: string): JsonSchema {
  return componentSchema(specDocument, name);
}

const operationTable: OperationSpec[] = JSON.parse(
  readFileSync(new URL("generated/operations.json", root), "utf8"),
);

/** Every operation of the spec, by operationId. */
export const operationsById: ReadonlyMap<OperationId, OperationSpec> = new Map(
  operationTable.map((operation) => [operation.operationId, operation]),
);

export function operationSpec(operationId: OperationId): OperationSpec {
  const found = operationsById.get(operationId);
  if (!found) throw new Error(`openapi.yaml has no operation ${operationId}`);
  return found;
}
