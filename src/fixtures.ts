// What the stub starts with: by default one demo configuration with a fixed id, so the
// README's curl line works on a fresh start; or a JSON file checked against the spec's schemas.
import { readFileSync } from "node:fs";
import {
  type AssignmentCreate,
  type ConfigurationCreate,
  newAssignment,
  newConfiguration,
} from "./entities.js";
import { schema } from "./spec.js";
import type { Store } from "./store/store.js";
import { compile } from "./validation.js";

/** The fixtures format: configurations (create bodies with an id), each with its assignments. */
export interface Fixtures {
  clientConfigurations: (ConfigurationCreate & { id: string; assignments?: AssignmentCreate[] })[];
}

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

function check(body: unknown, schemaName: string, where: string): void {
  const validate = compile(schema(schemaName));
  if (!validate(body)) {
    const first = validate.errors?.[0];
    throw new Error(
      `fixtures: ${where}${first?.instancePath ?? ""} ${first?.message ?? "is invalid"} (schema ${schemaName})`,
    );
  }
}

/** Loads fixtures into the store; throws a readable error on a file that breaks the spec. */
export function loadFixtures(source: string | Fixtures, store: Store): void {
  const fixtures: unknown =
    typeof source === "string" ? JSON.parse(readFileSync(source, "utf8")) : source;
  const list = (fixtures as Partial<Fixtures> | null)?.clientConfigurations;
  if (!Array.isArray(list)) throw new Error("fixtures: expected { clientConfigurations: [...] }");
  list.forEach((entry, index) => {
    const { assignments = [], ...configuration } = entry;
    const where = `clientConfigurations[${index}]`;
    check(configuration, "officeClientConfigurationCreate", where);
    const created = store.createConfiguration(newConfiguration(configuration));
    if (!created.ok) throw new Error(`fixtures: ${where} repeats id '${configuration.id}'`);
    assignments.forEach((assignment, position) => {
      check(
        assignment,
        "officeClientConfigurationAssignmentCreate",
        `${where}.assignments[${position}]`,
      );
      const added = store.createAssignment(created.value.id, newAssignment(assignment));
      if (!added.ok) {
        throw new Error(
          `fixtures: ${where}.assignments[${position}] repeats id '${assignment.id}'`,
        );
      }
    });
  });
}
