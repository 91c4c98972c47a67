// What the checker tests: the Graph operations of the one operation table (src/spec), and
// which of them create, list and read the same collection (for parent ids and stateful checks).
import { type OperationSpec, operationsById } from "../spec/document.js";

/** Every Graph operation of the spec, in the spec's order. */
// The stub's own /_stub controls are not part of the contract other servers keep.
export const graphOperations: OperationSpec[] = [...operationsById.values()].filter(
  (operation) => !operation.outsideGraph,
);

/** The POST that creates members of the collection at `path`, if the spec has one. */
export function creatorOf(all: OperationSpec[], path: string): OperationSpec | undefined {
  return all.find(
    (operation) => operation.method === "post" && operation.path === path && operation.body,
  );
}

/** The GET of the collection at `path` (list) and of one member (by id), if the spec has them. */
export function readersOf(
  all: OperationSpec[],
  path: string,
): { list?: OperationSpec; byId?: OperationSpec } {
  const member = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\{\\w+\\}$`);
  return {
    list: all.find((operation) => operation.method === "get" && operation.path === path),
    byId: all.find((operation) => operation.method === "get" && member.test(operation.path)),
  };
}
