// Query options where Graph takes them (issue 11 §3): $select and $expand on single reads and the
// singleton, $expand on the list; OData key syntax (§4); property order with odata.streaming.
import t, { type Test } from "tap";
import { build } from "../helpers/build.js";
import { assertContract } from "../helpers/contract.js";
import {
  auth,
  configurationsPath,
  demoConfigurationId,
  groupRequest,
  json,
  seedRequest,
} from "../helpers/requests.js";

const demo = `${configurationsPath}/${demoConfigurationId}`;
const root = "http://localhost:80/beta";
const notAllowed = (option: string) =>
  `The query specified in the URI is not valid. Query option '${option}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`;

/** The demo configuration with two assignments, and a second configuration without any. */
async function withAssignments(t: Test) {
  const app = await build(t);
  for (const [id, body] of [
    ["a1", seedRequest],
    ["a2", groupRequest],
  ] as const) {
    const res = await app.inject({
      method: "POST",
      url: `${demo}/assignments`,
      headers: json,
      payload: { ...body, id },
    });
    t.equal(res.statusCode, 201);
  }
  const other = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: {
      "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
      id: "c2",
    },
  });
  t.equal(other.statusCode, 201);
  return app;
}

const get = (app: Awaited<ReturnType<typeof build>>, url: string) =>
  app.inject({ url, headers: auth });

t.test("$select on one configuration: only the selected properties, id and type", async (t) => {
  const app = await build(t);
  const res = await get(app, `${demo}?$select=displayName,priority`);
  t.equal(res.statusCode, 200);
  t.same(assertContract(t, "getClientConfiguration", res), {
    "@odata.context": `${root}/$metadata#officeConfiguration/clientConfigurations(displayName,priority)/$entity`,
    "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
    id: demoConfigurationId,
    displayName: "Demo Office client configuration",
    priority: 0,
  });
  t.same(Object.keys(res.json()), [
    "@odata.context",
    "@odata.type",
    "id",
    "displayName",
    "priority",
  ]);
});

t.test("$expand=assignments (and *) on one configuration and on the list", async (t) => {
  const app = await withAssignments(t);
  const one = await get(app, `${demo}?$expand=assignments&$select=displayName`);
  const body = assertContract<Record<string, unknown>>(t, "getClientConfiguration", one);
  t.same(Object.keys(body), [
    "@odata.context",
    "@odata.type",
    "id",
    "displayName",
    "assignments@odata.context",
    "assignments",
  ]);
  t.equal(
    body["assignments@odata.context"],
    `${root}/$metadata#officeConfiguration/clientConfigurations('${demoConfigurationId}')/assignments`,
  );
  t.same(
    body.assignments,
    [
      {
        "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
        id: "a1",
        target: seedRequest.target,
      },
      {
        "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
        id: "a2",
        target: groupRequest.target,
      },
    ],
    "exactly this configuration's assignments",
  );
  const star = await get(app, `${demo}?expand=*`);
  t.same(
    assertContract<Record<string, unknown>>(t, "getClientConfiguration", star).assignments,
    body.assignments,
  );

  const list = await get(app, `${configurationsPath}?$expand=assignments&$select=id`);
  const page = assertContract<{ value: Record<string, unknown>[] }>(
    t,
    "listClientConfigurations",
    list,
  );
  t.same(
    page.value.map((item) => [item.id, (item.assignments as { id: string }[]).map((a) => a.id)]),
    [
      [demoConfigurationId, ["a1", "a2"]],
      ["c2", []],
    ],
  );
  t.equal(
    page.value[1]?.["assignments@odata.context"],
    `${root}/$metadata#officeConfiguration/clientConfigurations('c2')/assignments`,
  );
  const plain = await get(app, configurationsPath);
  t.notOk("assignments" in (plain.json().value[0] as object), "nothing inline without $expand");
});

t.test("single reads refuse what they do not take, with the list's messages", async (t) => {
  const app = await build(t);
  const cases: [string, string, string, string][] = [
    [
      `${demo}?$select=color`,
      "getClientConfiguration",
      "color",
      "Could not find a property named 'color' on type 'microsoft.graph.officeClientConfiguration'.",
    ],
    [
      `${demo}?$expand=displayName`,
      "getClientConfiguration",
      "displayName",
      "Property 'displayName' on type 'microsoft.graph.officeClientConfiguration' is not a navigation property or complex property. Only navigation properties can be expanded.",
    ],
    [`${demo}?$foo=1`, "getClientConfiguration", "$foo", notAllowed("$foo")],
    [`${demo}?$top=1`, "getClientConfiguration", "$top", notAllowed("$top")],
    [
      `${demo}?$select=id&$select=priority`,
      "getClientConfiguration",
      "$select",
      "The query specified in the URI is not valid. Query option '$select' was specified more than once, but it must be specified at most once.",
    ],
    [`${demo}/assignments/a1?$expand=*`, "getAssignment", "$expand", notAllowed("$expand")],
    [
      "/beta/officeConfiguration?$select=nope",
      "getOfficeConfiguration",
      "nope",
      "Could not find a property named 'nope' on type 'microsoft.graph.officeConfiguration'.",
    ],
    [
      "/beta/officeConfiguration?$filter=x",
      "getOfficeConfiguration",
      "$filter",
      notAllowed("$filter"),
    ],
  ];
  await app.inject({
    method: "POST",
    url: `${demo}/assignments`,
    headers: json,
    payload: { ...seedRequest, id: "a1" },
  });
  for (const [url, operationId, target, message] of cases) {
    const res = await get(app, url);
    t.equal(res.statusCode, 400, url);
    t.match(
      assertContract(t, operationId as "getClientConfiguration", res),
      { error: { code: "BadRequest", target, message } },
      url,
    );
  }
});

t.test("$select on an assignment and on the singleton; the singleton's $expand", async (t) => {
  const app = await withAssignments(t);
  const assignment = await get(app, `${demo}/assignments/a2?$select=id`);
  t.same(assertContract(t, "getAssignment", assignment), {
    "@odata.context": `${root}/$metadata#officeConfiguration/clientConfigurations('${demoConfigurationId}')/assignments(id)/$entity`,
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    id: "a2",
  });
  const singleton = await get(app, "/beta/officeConfiguration?$select=tenantUserCheckinSummary");
  t.same(assertContract(t, "getOfficeConfiguration", singleton), {
    "@odata.context": `${root}/$metadata#officeConfiguration(tenantUserCheckinSummary)/$entity`,
    tenantUserCheckinSummary: { succeededUserCount: 0, failedUserCount: 0 },
  });
  const expanded = await get(app, "/beta/officeConfiguration?$expand=clientConfigurations");
  const body = assertContract<Record<string, unknown>>(t, "getOfficeConfiguration", expanded);
  t.equal(
    body["clientConfigurations@odata.context"],
    `${root}/$metadata#officeConfiguration/clientConfigurations`,
  );
  t.same(
    (body.clientConfigurations as { id: string }[]).map((c) => c.id),
    [demoConfigurationId, "c2"],
  );
  t.notOk("clientConfigurations@odata.nextLink" in body, "all fit one page");
});

t.test("the singleton's $expand holds one page and links the rest", async (t) => {
  const app = await build(t, { pageSize: 1 });
  await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "c2" },
  });
  const res = await get(app, "/beta/officeConfiguration?expand=*");
  const body = assertContract<Record<string, unknown>>(t, "getOfficeConfiguration", res);
  t.same(
    (body.clientConfigurations as { id: string }[]).map((c) => c.id),
    [demoConfigurationId],
  );
  const next = String(body["clientConfigurations@odata.nextLink"]);
  t.equal(next, `${root}/officeConfiguration/clientConfigurations?$skip=1`);
  const rest = await get(app, next.replace("http://localhost:80", ""));
  t.same(
    rest.json().value.map((c: { id: string }) => c.id),
    ["c2"],
  );
});

t.test("function names in $filter match in any case", async (t) => {
  const app = await build(t);
  for (const name of ["startsWith", "startswith", "STARTSWITH", "endsWith", "Contains"]) {
    const res = await get(app, `${configurationsPath}?$filter=${name}(displayName,'Demo')`);
    t.equal(res.statusCode, 200, name);
    const expected = name.toLowerCase() === "endswith" ? [] : [demoConfigurationId];
    t.same(
      res.json().value.map((c: { id: string }) => c.id),
      expected,
      name,
    );
  }
});

t.test("property order per OData JSON with odata.streaming=true, on both stores", async (t) => {
  for (const data of [undefined, `${t.testdir()}/order.db`]) {
    const app = await build(t, { data, pageSize: 1 });
    const created = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: {
        displayName: "Late type",
        id: "c2",
        "@odata.type": "microsoft.graph.windowsOfficeClientConfiguration",
      },
    });
    t.same(Object.keys(created.json()).slice(0, 3), ["@odata.context", "@odata.type", "id"]);
    const assignment = await app.inject({
      method: "POST",
      url: `${configurationsPath}/c2/assignments`,
      headers: json,
      payload: {
        target: {
          groupId: groupRequest.target.groupId,
          "@odata.type": groupRequest.target["@odata.type"],
        },
        id: "a1",
      },
    });
    t.equal(assignment.statusCode, 201);
    for (const url of [`${configurationsPath}/c2`, `${configurationsPath}/c2/assignments/a1`]) {
      const res = await get(app, url);
      t.same(Object.keys(res.json()).slice(0, 3), ["@odata.context", "@odata.type", "id"], url);
    }
    const read = await get(app, `${configurationsPath}/c2/assignments/a1`);
    t.same(
      Object.keys(read.json().target),
      ["@odata.type", "groupId"],
      "inside a complex value too",
    );
    await app.inject({
      method: "PATCH",
      url: `${configurationsPath}/c2/assignments/a1`,
      headers: json,
      payload: { target: { groupId: "g2", "@odata.type": groupRequest.target["@odata.type"] } },
    });
    const patched = await get(app, `${configurationsPath}/c2/assignments/a1`);
    t.same(Object.keys(patched.json().target), ["@odata.type", "groupId"], "and after a PATCH");
    const page = await get(app, `${configurationsPath}?$count=true&$select=displayName`);
    t.same(Object.keys(page.json()), [
      "@odata.context",
      "@odata.count",
      "value",
      "@odata.nextLink",
    ]);
    t.same(Object.keys(page.json().value[0]), ["@odata.type", "id", "displayName"]);
  }
});
