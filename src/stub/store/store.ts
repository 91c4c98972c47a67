// The storage interface behind the handlers. Synchronous on purpose: each call is atomic, so
// concurrent requests cannot interleave inside a check-then-write.
import type { components } from "../../../generated/schema.js";
import type {
  StoredAssignment,
  StoredConfiguration,
  StoredOfficeConfiguration,
} from "../entities.js";

/** A fixtures document (the spec's stubFixtures): what a store loads and exports. */
type Fixtures = components["schemas"]["stubFixtures"];

export type Failure = "conflict" | "notFound" | "priorityTaken";
export type Result<T> = { ok: true; value: T } | { ok: false; reason: Failure; detail?: string };

export interface Store {
  /** The tenant's singleton. */
  getOfficeConfiguration(): StoredOfficeConfiguration;
  setOfficeConfiguration(value: StoredOfficeConfiguration): void;

  /** Configurations in creation order. Lazy: a page walks only what it needs. */
  listConfigurations(): Iterable<StoredConfiguration>;
  countConfigurations(): number;
  getConfiguration(id: string): StoredConfiguration | undefined;
  /** Adds one; `conflict` when the id exists, `priorityTaken` when its priority is used. */
  createConfiguration(configuration: StoredConfiguration): Result<StoredConfiguration>;
  /** Replaces one by id; `notFound`, or `priorityTaken` by another configuration. */
  replaceConfiguration(configuration: StoredConfiguration): Result<StoredConfiguration>;
  /** Deletes one and its assignments; false when it did not exist. */
  deleteConfiguration(id: string): boolean;
  /** The highest priority in use, or -1 when there is none. */
  maxPriority(): number;
  /** Sets several priorities at once, or none: `notFound` for an unknown id, `priorityTaken`. */
  updatePriorities(pairs: [id: string, priority: number][]): Result<null>;

  /** The configuration's assignments in creation order, or undefined when it does not exist. */
  listAssignments(configurationId: string): Iterable<StoredAssignment> | undefined;
  countAssignments(configurationId: string): number | undefined;
  getAssignment(configurationId: string, assignmentId: string): StoredAssignment | undefined;
  /** Adds one; `notFound` without the configuration, `conflict` when the id exists. */
  createAssignment(configurationId: string, assignment: StoredAssignment): Result<StoredAssignment>;
  /** Replaces one by id; `notFound` when it or its configuration does not exist. */
  replaceAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): Result<StoredAssignment>;
  deleteAssignment(configurationId: string, assignmentId: string): boolean;
  /** `assign`: replaces all of a configuration's assignments at once, or none. */
  replaceAssignments(
    configurationId: string,
    assignments: StoredAssignment[],
  ): Result<StoredAssignment[]>;

  /** Everything, as a fixtures document (`/_stub/export`). */
  exportFixtures(): Fixtures;
  /** Empties the store (then the caller loads fixtures). */
  clear(): void;
  /** Releases resources (a file handle); the store is unusable afterwards. */
  close(): void;
}
