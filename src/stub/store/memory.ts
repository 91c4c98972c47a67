// The default store: Maps in memory, in insertion order, with a cap on what it holds (counted as
// the entities' JSON text), so a flood of large writes is a Graph 507, not an out-of-memory exit.
import type {
  StoredAssignment,
  StoredConfiguration,
  StoredOfficeConfiguration,
} from "../entities.js";
import { emptyOfficeConfiguration } from "../entities.js";
import { graphErrors } from "../errors.js";
import type { Fixtures } from "../fixtures.js";
import {
  type Conflict,
  type NotFound,
  type PriorityTaken,
  type Result,
  repeatedId,
  type Store,
} from "./store.js";

interface Entry {
  configuration: StoredConfiguration;
  assignments: Map<string, StoredAssignment>;
}

/** An entity's size as the cap counts it: the UTF-8 bytes of its JSON text. */
function sizeOf(entity: object): number {
  return Buffer.byteLength(JSON.stringify(entity));
}

export class MemoryStore implements Store {
  /** The most bytes of entities (as JSON) the store holds; a write past it throws 507. */
  readonly maxStoredBytes: number;
  #storedBytes = 0;
  #office: StoredOfficeConfiguration = emptyOfficeConfiguration();
  #configurations = new Map<string, Entry>();
  /** priority → configuration id, so a clash is found without a scan. */
  #priorities = new Map<number, string>();

  /** `maxStoredBytes`: default no cap (buildApp passes `--max-stored-bytes`). */
  constructor(maxStoredBytes = Number.POSITIVE_INFINITY) {
    this.maxStoredBytes = maxStoredBytes;
  }

  /** Bytes of entities held now (JSON text, as the cap counts them). */
  get storedBytes(): number {
    return this.#storedBytes;
  }

  /**
   * Accounts for a write that adds `added` bytes and frees `freed`, before it is made.
   * @throws GraphError 507 `quotaLimitReached` when it would grow the store past the cap.
   */
  #account(added: number, freed = 0): void {
    const next = this.#storedBytes + added - freed;
    if (added > freed && next > this.maxStoredBytes) {
      throw graphErrors.storeFull(this.maxStoredBytes);
    }
    this.#storedBytes = next;
  }

  getOfficeConfiguration(): StoredOfficeConfiguration {
    return this.#office;
  }

  setOfficeConfiguration(value: StoredOfficeConfiguration): void {
    this.#account(sizeOf(value), sizeOf(this.#office));
    this.#office = value;
  }

  *listConfigurations(): Iterable<StoredConfiguration> {
    for (const entry of this.#configurations.values()) yield entry.configuration;
  }

  countConfigurations(): number {
    return this.#configurations.size;
  }

  getConfiguration(id: string): StoredConfiguration | undefined {
    return this.#configurations.get(id)?.configuration;
  }

  #priorityOwner(priority: number, except?: string): string | undefined {
    const owner = this.#priorities.get(priority);
    return owner === except ? undefined : owner;
  }

  createConfiguration(
    configuration: StoredConfiguration,
  ): Result<StoredConfiguration, Conflict | PriorityTaken> {
    const { id, priority } = configuration;
    if (this.#configurations.has(id)) return { ok: false, reason: "conflict", id };
    const owner = this.#priorityOwner(priority);
    if (owner !== undefined) return { ok: false, reason: "priorityTaken", priority, owner };
    this.#account(sizeOf(configuration));
    this.#configurations.set(configuration.id, { configuration, assignments: new Map() });
    this.#priorities.set(configuration.priority, configuration.id);
    return { ok: true, value: configuration };
  }

  replaceConfiguration(
    configuration: StoredConfiguration,
  ): Result<StoredConfiguration, NotFound | PriorityTaken> {
    const { id, priority } = configuration;
    const entry = this.#configurations.get(id);
    if (!entry) return { ok: false, reason: "notFound", id };
    const owner = this.#priorityOwner(priority, id);
    if (owner !== undefined) return { ok: false, reason: "priorityTaken", priority, owner };
    this.#account(sizeOf(configuration), sizeOf(entry.configuration));
    this.#priorities.delete(entry.configuration.priority);
    this.#priorities.set(configuration.priority, configuration.id);
    entry.configuration = configuration;
    return { ok: true, value: configuration };
  }

  deleteConfiguration(id: string): boolean {
    const entry = this.#configurations.get(id);
    if (!entry) return false;
    this.#account(0, sizeOf(entry.configuration) + sizeOfAll(entry.assignments.values()));
    this.#priorities.delete(entry.configuration.priority);
    return this.#configurations.delete(id);
  }

  maxPriority(): number {
    let max = -1;
    for (const priority of this.#priorities.keys()) if (priority > max) max = priority;
    return max;
  }

  updatePriorities(pairs: [string, number][]): Result<null, NotFound | PriorityTaken> {
    const changing = new Set(pairs.map(([id]) => id));
    for (const [id] of pairs) {
      if (!this.#configurations.has(id)) return { ok: false, reason: "notFound", id };
    }
    for (const [, priority] of pairs) {
      const owner = this.#priorities.get(priority);
      if (owner !== undefined && !changing.has(owner)) {
        return { ok: false, reason: "priorityTaken", priority, owner };
      }
    }
    for (const [id] of pairs) {
      const entry = this.#configurations.get(id) as Entry;
      this.#priorities.delete(entry.configuration.priority);
    }
    for (const [id, priority] of pairs) {
      const entry = this.#configurations.get(id) as Entry;
      // A priority's digits are all that changes: counted, never refused (all or nothing).
      this.#storedBytes += String(priority).length - String(entry.configuration.priority).length;
      entry.configuration = { ...entry.configuration, priority };
      this.#priorities.set(priority, id);
    }
    return { ok: true, value: null };
  }

  listAssignments(configurationId: string): Iterable<StoredAssignment> | undefined {
    return this.#configurations.get(configurationId)?.assignments.values();
  }

  countAssignments(configurationId: string): number | undefined {
    return this.#configurations.get(configurationId)?.assignments.size;
  }

  getAssignment(configurationId: string, assignmentId: string): StoredAssignment | undefined {
    return this.#configurations.get(configurationId)?.assignments.get(assignmentId);
  }

  createAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): Result<StoredAssignment, NotFound | Conflict> {
    const entry = this.#configurations.get(configurationId);
    if (!entry) return { ok: false, reason: "notFound", id: configurationId };
    if (entry.assignments.has(assignment.id)) {
      return { ok: false, reason: "conflict", id: assignment.id };
    }
    this.#account(sizeOf(assignment));
    entry.assignments.set(assignment.id, assignment);
    return { ok: true, value: assignment };
  }

  replaceAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): Result<StoredAssignment, NotFound> {
    const entry = this.#configurations.get(configurationId);
    if (!entry) return { ok: false, reason: "notFound", id: configurationId };
    const old = entry.assignments.get(assignment.id);
    if (!old) return { ok: false, reason: "notFound", id: assignment.id };
    this.#account(sizeOf(assignment), sizeOf(old));
    entry.assignments.set(assignment.id, assignment);
    return { ok: true, value: assignment };
  }

  deleteAssignment(configurationId: string, assignmentId: string): boolean {
    const assignments = this.#configurations.get(configurationId)?.assignments;
    const old = assignments?.get(assignmentId);
    if (!assignments || !old) return false;
    this.#account(0, sizeOf(old));
    return assignments.delete(assignmentId);
  }

  replaceAssignments(
    configurationId: string,
    assignments: StoredAssignment[],
  ): Result<StoredAssignment[], NotFound | Conflict> {
    const entry = this.#configurations.get(configurationId);
    if (!entry) return { ok: false, reason: "notFound", id: configurationId };
    const repeated = repeatedId(assignments);
    if (repeated !== undefined) return { ok: false, reason: "conflict", id: repeated };
    this.#account(sizeOfAll(assignments), sizeOfAll(entry.assignments.values()));
    entry.assignments = new Map(assignments.map((assignment) => [assignment.id, assignment]));
    return { ok: true, value: assignments };
  }

  exportFixtures(): Fixtures {
    return {
      officeConfiguration: this.#office,
      clientConfigurations: [...this.#configurations.values()].map((entry) => ({
        ...entry.configuration,
        assignments: [...entry.assignments.values()],
      })),
    };
  }

  replaceAll(fill: (empty: Store) => void): void {
    // Filled aside and swapped in whole: a fill that throws leaves this store as it was.
    const next = new MemoryStore(this.maxStoredBytes);
    fill(next);
    this.#storedBytes = next.#storedBytes;
    this.#office = next.#office;
    this.#configurations = next.#configurations;
    this.#priorities = next.#priorities;
  }

  close(): void {}
}

function sizeOfAll(entities: Iterable<object>): number {
  let total = 0;
  for (const entity of entities) total += sizeOf(entity);
  return total;
}
