// The storage interface behind the handlers. Synchronous on purpose: each call is atomic, so
// concurrent requests cannot interleave inside a check-then-write.
import type { StoredAssignment, StoredConfiguration } from "../entities.js";

export type CreateResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "conflict" | "notFound" };

export interface Store {
  getConfiguration(id: string): StoredConfiguration | undefined;
  /** Adds a configuration; `conflict` when its id exists. */
  createConfiguration(configuration: StoredConfiguration): CreateResult<StoredConfiguration>;
  /** The configuration's assignments in creation order, or undefined when it does not exist. */
  listAssignments(configurationId: string): StoredAssignment[] | undefined;
  getAssignment(configurationId: string, assignmentId: string): StoredAssignment | undefined;
  /** Adds an assignment; `notFound` without the configuration, `conflict` when the id exists. */
  createAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): CreateResult<StoredAssignment>;
}
