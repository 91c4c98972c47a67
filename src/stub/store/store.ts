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

/** No entity with this id (the configuration, or the assignment in `replaceAssignment`). */
export type NotFound = { reason: "notFound"; id: string };
/** The id is in use already (for `replaceAssignments`: the list names it twice). */
export type Conflict = { reason: "conflict"; id: string };
/** The priority belongs to another configuration, `owner`. */
export type PriorityTaken = { reason: "priorityTaken"; priority: number; owner: string };

/** The value written, or why nothing was: typed fields, so a message never parses a string. */
export type Result<T, F extends NotFound | Conflict | PriorityTaken> =
  | { ok: true; value: T }
  | ({ ok: false } & F);

/** The first id the list names twice, if any: `replaceAssignments`' conflict. */
export function repeatedId(items: { id: string }[]): string | undefined {
  const seen = new Set<string>();
  for (const { id } of items) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}

export interface Store {
  /** The tenant's singleton. */
  getOfficeConfiguration(): StoredOfficeConfiguration;
  setOfficeConfiguration(value: StoredOfficeConfiguration): void;

  /** Configurations in creation order. Lazy: a page walks only what it needs. */
  listConfigurations(): Iterable<StoredConfiguration>;
  countConfigurations(): number;
  getConfiguration(id: string): StoredConfiguration | undefined;
  /** Adds one; `conflict` when the id exists, `priorityTaken` when its priority is used. */
  createConfiguration(
    configuration: StoredConfiguration,
  ): Result<StoredConfiguration, Conflict | PriorityTaken>;
  /** Replaces one by id; `notFound`, or `priorityTaken` by another configuration. */
  replaceConfiguration(
    configuration: StoredConfiguration,
  ): Result<StoredConfiguration, NotFound | PriorityTaken>;
  /** Deletes one and its assignments; false when it did not exist. */
  deleteConfiguration(id: string): boolean;
  /** The highest priority in use, or -1 when there is none. */
  maxPriority(): number;
  /** Sets several priorities at once, or none: `notFound` for an unknown id, `priorityTaken`. */
  updatePriorities(pairs: [id: string, priority: number][]): Result<null, NotFound | PriorityTaken>;

  /** The configuration's assignments in creation order, or undefined when it does not exist. */
  listAssignments(configurationId: string): Iterable<StoredAssignment> | undefined;
  countAssignments(configurationId: string): number | undefined;
  getAssignment(configurationId: string, assignmentId: string): StoredAssignment | undefined;
  /** Adds one; `notFound` without the configuration, `conflict` when the id exists. */
  createAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): Result<StoredAssignment, NotFound | Conflict>;
  /** Replaces one by id; `notFound` when it or its configuration does not exist. */
  replaceAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): Result<StoredAssignment, NotFound>;
  deleteAssignment(configurationId: string, assignmentId: string): boolean;
  /** `assign`: replaces all of a configuration's assignments at once, or none. */
  replaceAssignments(
    configurationId: string,
    assignments: StoredAssignment[],
  ): Result<StoredAssignment[], NotFound | Conflict>;

  /** Everything, as a fixtures document (`/_stub/export`). */
  exportFixtures(): Fixtures;
  /**
   * Empties the store and runs `fill` on it, as one transaction: when `fill` throws (or the
   * process dies midway), the store keeps exactly its old state. A reset goes through here.
   */
  replaceAll(fill: (empty: Store) => void): void;
  /** Releases resources (a file handle); the store is unusable afterwards. */
  close(): void;
}
