import { writeFileSync } from "node:fs";
import t from "tap";
import { loadFixtures, readFixtures } from "../../src/stub/fixtures.js";
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
  const bad: [string, unknown, RegExp][] = [
    [
      "not a list",
      { clientConfigurations: {} },
      /^fixtures: \/clientConfigurations must be array$/,
    ],
    [
      "abstract type",
      {
        clientConfigurations: [
          { "@odata.type": "#microsoft.graph.officeClientConfiguration", id: "x" },
        ],
      },
      /^fixtures: \/clientConfigurations\/0\/@odata\.type must be equal to one of the allowed values$/,
    ],
    [
      "bad assignment",
      {
        clientConfigurations: [
          { ...fixtures.clientConfigurations[0], assignments: [{ target: {} }] },
        ],
      },
      /^fixtures: \/clientConfigurations\/0\/assignments\/0\/target/,
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
  const dir = t.testdir({ "broken.json": "{" });
  t.throws(
    () => loadFixtures(`${dir}/broken.json`, new MemoryStore()),
    SyntaxError,
    "a file that is not JSON",
  );
  writeFileSync(`${dir}/null.json`, "null");
  t.throws(() => loadFixtures(`${dir}/null.json`, new MemoryStore()), {
    message: "fixtures: (the document) must be object",
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
