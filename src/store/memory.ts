// The default store: Maps in memory, in insertion order.
import type { StoredAssignment, StoredConfiguration } from "../entities.js";
import type { CreateResult, Store } from "./store.js";

interface Entry {
  configuration: StoredConfiguration;
  assignments: Map<string, StoredAssignment>;
}

export class MemoryStore implements Store {
  readonly #configurations = new Map<string, Entry>();

  getConfiguration(id: string): StoredConfiguration | undefined {
    return this.#configurations.get(id)?.configuration;
  }

  createConfiguration(configuration: StoredConfiguration): CreateResult<StoredConfiguration> {
    if (this.#configurations.has(configuration.id)) return { ok: false, reason: "conflict" };
    this.#configurations.set(configuration.id, { configuration, assignments: new Map() });
    return { ok: true, value: configuration };
  }

  listAssignments(configurationId: string): StoredAssignment[] | undefined {
    const entry = this.#configurations.get(configurationId);
    return entry ? [...entry.assignments.values()] : undefined;
  }

  getAssignment(configurationId: string, assignmentId: string): StoredAssignment | undefined {
    return this.#configurations.get(configurationId)?.assignments.get(assignmentId);
  }

  createAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): CreateResult<StoredAssignment> {
    const entry = this.#configurations.get(configurationId);
    if (!entry) return { ok: false, reason: "notFound" };
    if (entry.assignments.has(assignment.id)) return { ok: false, reason: "conflict" };
    entry.assignments.set(assignment.id, assignment);
    return { ok: true, value: assignment };
  }
}
