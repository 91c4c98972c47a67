// What the stub starts with: by default one demo configuration with a fixed id, so the
// README's curl line works on a fresh start; or a fixtures document (the spec's stubFixtures
// schema), from a file, from POST /_stub/reset, or from GET /_stub/export.
import { readFileSync } from "node:fs";
import type { components } from "../../generated/schema.js";
import { componentValidator } from "../spec/request-validators.js";
import { newAssignment, newConfiguration, updatedOfficeConfiguration } from "./entities.js";
import type { Store } from "./store/store.js";

export type Fixtures = components["schemas"]["stubFixtures"];

/** The id of the demo configuration seeded at start (documented in the README). */
export const demoConfigurationId = "c0ffee00-0000-4000-8000-000000000001";

export const demoFixtures: Fixtures = {
  clientConfigurations: [
    {
      "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
      id: demoConfigurationId,
      displayName: "Demo Office client configuration",
      description: "Seeded at start so that the seed's example request has a parent.",
      priority: 0,
    },
  ],
};

/** A fixtures document that cannot be loaded as a whole; its message names the place. */
export class FixturesError extends Error {
  override readonly name = "FixturesError";
}

/**
 * Reads a fixtures file or document and checks it whole: the spec's schema, then repeats
 * (checkFixtures), so what it returns loads without a conflict.
 * @throws Error naming the place when it breaks the schema; FixturesError on a repeat.
 */
export function readFixtures(source: string | Fixtures): Fixtures {
  const fixtures: unknown =
    typeof source === "string" ? JSON.parse(readFileSync(source, "utf8")) : source;
  // Compiled ahead of time (npm run generate): compiling it here was most of the stub's start.
  const validate = componentValidator("stubFixtures");
  if (!validate(fixtures)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath || "(the document)";
    throw new FixturesError(`fixtures: ${where} ${first?.message ?? "is invalid"}`);
  }
  // The schema validator is not a type guard: it has just checked what the cast says.
  const document = fixtures as Fixtures;
  checkFixtures(document);
  return document;
}

/**
 * Checks what the schema cannot: no configuration id or priority twice, no assignment id twice
 * in one configuration. Priorities left out are numbered as the store numbers them (one more
 * than the highest so far), so a document that passes loads without a conflict.
 * @throws FixturesError naming the first repeat.
 */
export function checkFixtures(fixtures: Fixtures): void {
  const ids = new Set<string>();
  const priorities = new Set<number>();
  let highest = -1;
  fixtures.clientConfigurations.forEach((entry, index) => {
    const where = `clientConfigurations[${index}]`;
    if (entry.id !== undefined) {
      if (ids.has(entry.id)) throw new FixturesError(`fixtures: ${where} repeats id '${entry.id}'`);
      ids.add(entry.id);
    }
    const priority = entry.priority ?? highest + 1;
    if (priorities.has(priority)) {
      throw new FixturesError(`fixtures: ${where} repeats priority ${priority}`);
    }
    priorities.add(priority);
    highest = Math.max(highest, priority);
    const assignmentIds = new Set<string>();
    (entry.assignments ?? []).forEach((assignment, position) => {
      if (assignment.id === undefined) return;
      if (assignmentIds.has(assignment.id)) {
        throw new FixturesError(
          `fixtures: ${where}.assignments[${position}] repeats id '${assignment.id}'`,
        );
      }
      assignmentIds.add(assignment.id);
    });
  });
}

/**
 * Loads a fixtures file or document into an empty store.
 * @throws as readFixtures does, before anything is written.
 */
export function loadFixtures(source: string | Fixtures, store: Store): void {
  storeFixtures(readFixtures(source), store);
}

/**
 * Writes a fixtures document that readFixtures has checked into an empty store (a reset runs it
 * inside the store's `replaceAll`, so it is one transaction).
 */
export function storeFixtures(fixtures: Fixtures, store: Store): void {
  if (fixtures.officeConfiguration) {
    store.setOfficeConfiguration(
      updatedOfficeConfiguration(store.getOfficeConfiguration(), fixtures.officeConfiguration),
    );
  }
  // The store starts empty, so its highest priority is the highest loaded so far: kept here
  // rather than asked per row (a scan in MemoryStore, quadratic over a large document).
  let highest = -1;
  for (const { assignments = [], ...configuration } of fixtures.clientConfigurations) {
    const created = store.createConfiguration(newConfiguration(configuration, highest + 1));
    if (!created.ok) throw new FixturesError(`fixtures: cannot load '${configuration.id}'`);
    highest = Math.max(highest, created.value.priority);
    for (const assignment of assignments) {
      store.createAssignment(created.value.id, newAssignment(assignment));
    }
  }
}
