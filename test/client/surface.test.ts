import t from "tap";
import { createGraphClient, GraphApiError } from "../../src/client/index.js";
import { listen } from "../helpers/listen.js";
import { demoConfigurationId, groupRequest, seedRequest } from "../helpers/requests.js";

t.test("a typed helper for every operation, against a listening stub", async (t) => {
  const { baseUrl } = await listen(t, { pageSize: 2 });
  const graph = createGraphClient({ baseUrl, getAccessToken: () => "token", retry: false });

  await graph.updateOfficeConfiguration({
    tenantUserCheckinSummary: { succeededUserCount: 5, failedUserCount: 1 },
  });
  t.match(await graph.getOfficeConfiguration(), {
    tenantUserCheckinSummary: { succeededUserCount: 5 },
  });

  const security = await graph.createClientConfiguration({
    "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
    displayName: "Security",
  });
  await graph.createClientConfiguration({
    "@odata.type": "microsoft.graph.windowsOfficeClientConfiguration",
    id: "third",
  });
  t.equal(await graph.countClientConfigurations(), 3);
  const page = await graph.listClientConfigurations({ $top: 1, $select: "displayName" });
  t.same(
    page.value.map((c) => c.id),
    [demoConfigurationId],
  );
  const all = await graph.allClientConfigurations({ $orderby: "priority desc" });
  t.same(
    all.map((c) => c.id),
    ["third", security.id, demoConfigurationId],
    "all pages, in order",
  );

  await graph.updateClientConfiguration(security.id, { description: "Baseline" });
  t.equal((await graph.getClientConfiguration(security.id)).description, "Baseline");
  await graph.updatePriorities([security.id, "third"], [2, 1]);
  t.same(
    (await graph.allClientConfigurations({ $orderby: "priority" })).map((c) => c.id),
    [demoConfigurationId, "third", security.id],
  );

  t.equal(await graph.getPayload(security.id, "policyPayload"), undefined, "an empty stream");
  const bytes = new TextEncoder().encode('{"setting":true}');
  await graph.setPayload(security.id, "userPreferencePayload", bytes);
  t.same(await graph.getPayload(security.id, "userPreferencePayload"), bytes);

  const assigned = await graph.assign(demoConfigurationId, [
    seedRequest,
    groupRequest,
    { ...seedRequest, id: "x" },
  ]);
  t.equal(assigned.length, 3);
  const read = await graph.getClientConfiguration(demoConfigurationId, {
    $select: "displayName",
    $expand: "assignments",
  });
  t.same(Object.keys(read), [
    "@odata.context",
    "@odata.type",
    "id",
    "displayName",
    "assignments@odata.context",
    "assignments",
  ]);
  t.same(
    read.assignments?.map((a) => a.id),
    assigned.map((a) => a.id),
    "$expand through the client",
  );
  const topped = await graph.allClientConfigurations({ $top: 1, $select: "displayName" });
  t.equal(topped.length, 3, "$top=1 pages through every configuration");
  t.equal(await graph.countAssignments(demoConfigurationId), 3);
  t.equal((await graph.listAssignments(demoConfigurationId)).value.length, 2, "a page of 2");
  t.same(
    (await graph.allAssignments(demoConfigurationId)).map((a) => a.id),
    assigned.map((a) => a.id),
  );
  t.same(
    (await graph.allAssignments(demoConfigurationId, { $filter: "target/groupId ne null" })).map(
      (a) => a.target,
    ),
    [groupRequest.target],
  );
  await t.rejects(
    graph.allAssignments(demoConfigurationId, {}, 1),
    { name: "PagingError", reason: "maxPages", maxPages: 1, pages: 1 },
    "maxPages bounds the walk: a cut result is an error",
  );
  await graph.updateAssignment(demoConfigurationId, "x", { target: groupRequest.target });
  t.same((await graph.getAssignment(demoConfigurationId, "x")).target, groupRequest.target);
  await graph.deleteAssignment(demoConfigurationId, "x");
  await graph.deleteClientConfiguration("third");
  t.equal(await graph.countClientConfigurations(), 2);

  const failures: [string, () => Promise<unknown>][] = [
    ["updateOfficeConfiguration", () => graph.updateOfficeConfiguration({ nope: 1 } as never)],
    ["deleteClientConfiguration", () => graph.deleteClientConfiguration("third")],
    ["updateClientConfiguration", () => graph.updateClientConfiguration("third", {})],
    ["updatePriorities", () => graph.updatePriorities(["a"], [])],
    ["getPayload", () => graph.getPayload("third", "policyPayload")],
    ["setPayload", () => graph.setPayload("third", "policyPayload", bytes)],
    ["assign", () => graph.assign("third", [])],
    ["countAssignments", () => graph.countAssignments("third")],
    ["updateAssignment", () => graph.updateAssignment(demoConfigurationId, "x", {})],
    ["deleteAssignment", () => graph.deleteAssignment(demoConfigurationId, "x")],
  ];
  for (const [name, call] of failures) {
    const error = await call().catch((e: unknown) => e);
    t.ok(error instanceof GraphApiError, `${name} throws GraphApiError`);
    t.match(error, { code: /^(BadRequest|RequestBodyRead|ResourceNotFound)$/ }, name);
  }
});

t.test("a nextLink page that fails throws too", async (t) => {
  const { app, baseUrl } = await listen(t, { pageSize: 1 });
  await app.inject({
    method: "POST",
    url: "/beta/officeConfiguration/clientConfigurations",
    headers: { authorization: "Bearer x", "content-type": "application/json" },
    payload: { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration" },
  });
  let calls = 0;
  const graph = createGraphClient({
    baseUrl,
    retry: false,
    getAccessToken: () => "token",
    fetch: async (input) => {
      calls += 1;
      const request = input as Request;
      if (calls === 2) request.headers.set("x-stub-fault", "500");
      return fetch(request);
    },
  });
  await t.rejects(graph.allClientConfigurations(), { status: 500, code: "generalException" });
});
