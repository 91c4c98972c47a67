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

/** Reads a fixtures file; throws a readable error when it breaks the spec's schema. */
export function readFixtures(source: string | Fixtures): Fixtures {
  const fixtures: unknown =
    typeof source === "string" ? JSON.parse(readFileSync(source, "utf8")) : source;
  // Compiled ahead of time (npm run generate): compiling it here was most of the stub's start.
  const validate = componentValidator("stubFixtures");
  if (!validate(fixtures)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath || "(the document)";
    throw new Error(`fixtures: ${where} ${first?.message ?? "is invalid"}`);
  }
  return fixtures as Fixtures;
}

/** Loads fixtures into an empty store; throws on a repeated id or priority. */
export function loadFixtures(source: string | Fixtures, store: Store): void {
  const fixtures = readFixtures(source);
  if (fixtures.officeConfiguration) {
    store.setOfficeConfiguration(
      updatedOfficeConfiguration(store.getOfficeConfiguration(), fixtures.officeConfiguration),
    );
  }
  fixtures.clientConfigurations.forEach((entry, index) => {
    const { assignments = [], ...configuration } = entry;
    const where = `clientConfigurations[${index}]`;
    const created = store.createConfiguration(
      newConfiguration(configuration, store.maxPriority() + 1),
    );
    if (!created.ok) {
      throw new Error(
        created.reason === "conflict"
          ? `fixtures: ${where} repeats id '${configuration.id}'`
          : `fixtures: ${where} repeats priority ${configuration.priority}`,
      );
    }
    assignments.forEach((assignment, position) => {
      const added = store.createAssignment(created.value.id, newAssignment(assignment));
      if (!added.ok) {
        throw new Error(
          `fixtures: ${where}.assignments[${position}] repeats id '${assignment.id}'`,
        );
      }
    });
  });
}
