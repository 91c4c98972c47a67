// What the stub starts with: by default one demo configuration with a fixed id, so the
// README's curl line works on a fresh start; or a fixtures document (the spec's stubFixtures
// schema), from a file, from POST /_stub/reset, or from GET /_stub/export.
import { readFileSync } from "node:fs";
import type { components } from "../../generated/schema.js";
import { componentValidator } from "../spec/request-validators.js";
import { newAssignment, newConfiguration, updatedOfficeConfiguration } from "./entities.js";
import { validationError } from "./errors.js";
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

/** The most schema violations a fixtures error lists; the rest are counted. */
export const fixtureViolationsShown = 20;

/** Line and column (both from 1) of a character offset in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * A fixtures file's JSON. @throws FixturesError naming the file, line and column of invalid
 * JSON (JSON.parse gives only an offset, and not always that: the end of the text then).
 */
function parseFixturesFile(path: string): unknown {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const offset = Number(/at position (\d+)/.exec(reason)?.[1] ?? text.length);
    const { line, column } = lineAndColumn(text, offset);
    const why = reason.replace(/ in JSON at position \d+.*$/, "");
    throw new FixturesError(
      `fixtures file ${path}: invalid JSON at line ${line}, column ${column}: ${why}`,
    );
  }
}

/**
 * Reads a fixtures file or document and checks it whole: the spec's schema, then repeats
 * (checkFixtures), so what it returns loads without a conflict.
 * @throws FixturesError naming the file and, for invalid JSON, the line and column; for schema
 *   violations each one (at most `fixtureViolationsShown`) with its property path and, for an
 *   enum, the allowed values; or the first repeat.
 */
export function readFixtures(source: string | Fixtures): Fixtures {
  const fixtures: unknown = typeof source === "string" ? parseFixturesFile(source) : source;
  // Compiled ahead of time (npm run generate): compiling it here was most of the stub's start.
  const validate = componentValidator("stubFixtures");
  if (!validate(fixtures)) {
    // Every problem, counted here and capped below (not by --max-error-details, a reply limit).
    const error = validationError(validate.errors ?? [], "body", Number.POSITIVE_INFINITY);
    const problems = (error.details?.map((detail) => detail.message) ?? [error.message]).map(
      (problem) => problem.replace(/^The request body/, "The document"),
    );
    const shown = problems.slice(0, fixtureViolationsShown).map((problem) => `\n  - ${problem}`);
    const more = problems.length - shown.length;
    const where = typeof source === "string" ? `fixtures file ${source}` : "fixtures";
    throw new FixturesError(
      `${where}: ${problems.length} violation${problems.length === 1 ? "" : "s"} of the stubFixtures schema:${shown.join("")}${more > 0 ? `\n  … and ${more} more` : ""}`,
    );
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
