// The default store: Maps in memory, in insertion order.
import type {
  StoredAssignment,
  StoredConfiguration,
  StoredOfficeConfiguration,
} from "../entities.js";
import { emptyOfficeConfiguration } from "../entities.js";
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

export class MemoryStore implements Store {
  #office: StoredOfficeConfiguration = emptyOfficeConfiguration();
  #configurations = new Map<string, Entry>();
  /** priority → configuration id, so a clash is found without a scan. */
  #priorities = new Map<number, string>();

  getOfficeConfiguration(): StoredOfficeConfiguration {
    return this.#office;
  }

  setOfficeConfiguration(value: StoredOfficeConfiguration): void {
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
    this.#priorities.delete(entry.configuration.priority);
    this.#priorities.set(configuration.priority, configuration.id);
    entry.configuration = configuration;
    return { ok: true, value: configuration };
  }

  deleteConfiguration(id: string): boolean {
    const entry = this.#configurations.get(id);
    if (!entry) return false;
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
    entry.assignments.set(assignment.id, assignment);
    return { ok: true, value: assignment };
  }

  replaceAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): Result<StoredAssignment, NotFound> {
    const entry = this.#configurations.get(configurationId);
    if (!entry) return { ok: false, reason: "notFound", id: configurationId };
    if (!entry.assignments.has(assignment.id)) {
      return { ok: false, reason: "notFound", id: assignment.id };
    }
    entry.assignments.set(assignment.id, assignment);
    return { ok: true, value: assignment };
  }

  deleteAssignment(configurationId: string, assignmentId: string): boolean {
    return this.#configurations.get(configurationId)?.assignments.delete(assignmentId) ?? false;
  }

  replaceAssignments(
    configurationId: string,
    assignments: StoredAssignment[],
  ): Result<StoredAssignment[], NotFound | Conflict> {
    const entry = this.#configurations.get(configurationId);
    if (!entry) return { ok: false, reason: "notFound", id: configurationId };
    const repeated = repeatedId(assignments);
    if (repeated !== undefined) return { ok: false, reason: "conflict", id: repeated };
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
    const next = new MemoryStore();
    fill(next);
    this.#office = next.#office;
    this.#configurations = next.#configurations;
    this.#priorities = next.#priorities;
  }

  close(): void {}
}
