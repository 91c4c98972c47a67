import { writeFileSync } from "node:fs";
import t from "tap";
import { fixtureViolationsShown, loadFixtures, readFixtures } from "../../src/stub/fixtures.js";
import { MemoryStore } from "../../src/stub/store/memory.js";
import { build } from "../helpers/build.js";
import { auth, configurationsPath } from "../helpers/requests.js";

const fixtures = {
  clientConfigurations: [
    {
      "@odata.type": "microsoft.graph.windowsOfficeClientSecurityConfiguration",
      id: "sec",
      displayName: "Security baseline",
      priority: 2,
      assignments: [
        {
          id: "a1",
          target: {
            "@odata.type": "#microsoft.graph.officeConfigurationGroupAssignmentTarget",
            groupId: "g1",
          },
        },
      ],
    },
  ],
};

t.test("a fixtures file replaces the demo configuration", async (t) => {
  const dir = t.testdir({ "fixtures.json": JSON.stringify(fixtures) });
  const app = await build(t, { fixtures: `${dir}/fixtures.json` });
  const config = await app.inject({ url: `${configurationsPath}/sec`, headers: auth });
  t.match(config.json(), {
    "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
    displayName: "Security baseline",
    priority: 2,
  });
  const assignment = await app.inject({
    url: `${configurationsPath}/sec/assignments/a1`,
    headers: auth,
  });
  t.match(assignment.json(), { id: "a1", target: { groupId: "g1" } });
  const demo = await app.inject({
    url: `${configurationsPath}/c0ffee00-0000-4000-8000-000000000001`,
    headers: auth,
  });
  t.equal(demo.statusCode, 404);
});

t.test("fixtures that break the spec are refused with the place and the reason", async (t) => {
  const bad: [string, unknown, RegExp | string][] = [
    [
      "not a list",
      { clientConfigurations: {} },
      "fixtures: 1 violation of the stubFixtures schema:\n  - The property 'clientConfigurations' must be of type array, not object.",
    ],
    [
      "abstract type",
      {
        clientConfigurations: [
          { "@odata.type": "#microsoft.graph.officeClientConfiguration", id: "x" },
        ],
      },
      "fixtures: 1 violation of the stubFixtures schema:\n  - '#microsoft.graph.officeClientConfiguration' is not a valid '@odata.type' for 'clientConfigurations.0': expected one of '#microsoft.graph.windowsOfficeClientConfiguration', 'microsoft.graph.windowsOfficeClientConfiguration', '#microsoft.graph.windowsOfficeClientSecurityConfiguration', 'microsoft.graph.windowsOfficeClientSecurityConfiguration'.",
    ],
    [
      "bad assignment",
      {
        clientConfigurations: [
          { ...fixtures.clientConfigurations[0], assignments: [{ target: {} }] },
        ],
      },
      /^fixtures: 1 violation of the stubFixtures schema:\n {2}- The property '@odata\.type' is required on 'clientConfigurations\.0\.assignments\.0\.target'/,
    ],
    [
      "repeated configuration",
      {
        clientConfigurations: [
          { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "x" },
          { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "x" },
        ],
      },
      /clientConfigurations\[1\] repeats id 'x'/,
    ],
    [
      "a priority taken by one numbered before it",
      {
        clientConfigurations: [
          { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "first" },
          {
            "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
            id: "y",
            priority: 0,
          },
        ],
      },
      /^fixtures: clientConfigurations\[1\] repeats priority 0$/,
    ],
    [
      "repeated priority",
      {
        clientConfigurations: [
          {
            "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
            id: "p",
            priority: 3,
          },
          {
            "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
            id: "q",
            priority: 3,
          },
        ],
      },
      /clientConfigurations\[1\] repeats priority 3/,
    ],
    [
      "repeated assignment",
      {
        clientConfigurations: [
          {
            ...fixtures.clientConfigurations[0],
            assignments: [
              {
                id: "a",
                target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
              },
              {
                id: "a",
                target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
              },
            ],
          },
        ],
      },
      /assignments\[1\] repeats id 'a'/,
    ],
  ];
  for (const [name, value, message] of bad) {
    t.throws(() => loadFixtures(value as never, new MemoryStore()), { message }, name);
  }
  const dir = t.testdir({
    "broken.json": '{\n  "clientConfigurations": [\n    { id: 1 }\n  ]\n}\n',
    "cut.json": '{\n  "clientConfigurations": [\n',
  });
  t.throws(
    () => loadFixtures(`${dir}/broken.json`, new MemoryStore()),
    {
      name: "FixturesError",
      message: `fixtures file ${dir}/broken.json: invalid JSON at line 3, column 7: Expected property name or '}'`,
    },
    "invalid JSON: the file, line and column",
  );
  t.throws(
    () => loadFixtures(`${dir}/cut.json`, new MemoryStore()),
    {
      message: `fixtures file ${dir}/cut.json: invalid JSON at line 3, column 1: Unexpected end of JSON input`,
    },
    "JSON cut short: where it ends",
  );
  writeFileSync(`${dir}/null.json`, "null");
  t.throws(() => loadFixtures(`${dir}/null.json`, new MemoryStore()), {
    message: `fixtures file ${dir}/null.json: 1 violation of the stubFixtures schema:\n  - The document must be a JSON object, not null.`,
  });
});

t.test("a repeated priority is refused before anything is loaded", async (t) => {
  const entry = { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration" as const };
  t.throws(
    () =>
      readFixtures({
        clientConfigurations: [
          { ...entry, id: "a", priority: 3 },
          { ...entry, id: "b", priority: 3 },
        ],
      }),
    { name: "FixturesError", message: "fixtures: clientConfigurations[1] repeats priority 3" },
  );
});

t.test("fixtures that break the schema in many places: every violation, capped", async (t) => {
  const many = {
    clientConfigurations: Array.from({ length: fixtureViolationsShown + 5 }, (_, index) => ({
      "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
      id: `c${index}`,
      priority: "high",
    })),
    extra: true,
  };
  const error = t.throws(() => readFixtures(many as never)) as Error;
  const lines = error.message.split("\n");
  t.equal(
    lines[0],
    `fixtures: ${fixtureViolationsShown + 6} violations of the stubFixtures schema:`,
  );
  t.equal(lines.length, fixtureViolationsShown + 2, "the cap, then how many more");
  t.equal(
    lines[1],
    "  - The property 'clientConfigurations.0.priority' must be of type integer, not string.",
  );
  t.equal(lines.at(-1), "  … and 6 more");
  const enumError = t.throws(() =>
    readFixtures({
      clientConfigurations: [
        {
          "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
          id: "c",
          assignments: [
            {
              "@odata.type": "#microsoft.graph.assignment",
              target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
            },
          ],
        },
      ],
    } as never),
  ) as Error;
  t.match(
    enumError.message,
    "clientConfigurations.0.assignments.0': expected one of '#microsoft.graph.officeClientConfigurationAssignment', 'microsoft.graph.officeClientConfigurationAssignment'.",
    "an enum names its allowed values",
  );
});
