import t from "tap";
import { build } from "../../helpers/build.js";
import {
  assertContract,
  documentedStatuses,
  type ErrorBody,
  exercisedStatuses,
} from "../../helpers/contract.js";
import {
  auth,
  configurationsPath,
  demoConfigurationId,
  json,
  seedRequest,
} from "../../helpers/requests.js";
import { assertSharedStatuses } from "../../helpers/statuses.js";

const demo = `${configurationsPath}/${demoConfigurationId}`;
const security = {
  "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
  id: "sec",
  priority: 5,
};

t.test("PATCH changes only the properties sent and answers 204", async (t) => {
  const app = await build(t);
  const before = (await app.inject({ url: demo, headers: auth })).json();
  const res = await app.inject({
    method: "PATCH",
    url: demo,
    headers: json,
    payload: { displayName: "Renamed", priority: 7 },
  });
  t.equal(res.statusCode, 204);
  t.equal(res.body, "");
  assertContract(t, "updateClientConfiguration", res);
  const after = (await app.inject({ url: demo, headers: auth })).json();
  t.same(after, { ...before, displayName: "Renamed", priority: 7 });
  const same = await app.inject({
    method: "PATCH",
    url: demo,
    headers: json,
    payload: {
      "@odata.type": "microsoft.graph.windowsOfficeClientConfiguration",
      id: demoConfigurationId,
    },
  });
  t.equal(same.statusCode, 204, "the same type and id may be restated");
});

t.test(
  "PATCH refusals: type change, id change, priority clash, unknown id, bad body",
  async (t) => {
    const app = await build(t);
    await app.inject({ method: "POST", url: configurationsPath, headers: json, payload: security });
    const cases: [string, string, unknown, number, string, string][] = [
      [
        "type change",
        demo,
        { "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration" },
        400,
        "BadRequest",
        "The type of a configuration cannot change: it is '#microsoft.graph.windowsOfficeClientConfiguration', the body says '#microsoft.graph.windowsOfficeClientSecurityConfiguration'.",
      ],
      [
        "id change",
        demo,
        { id: "other" },
        400,
        "BadRequest",
        `The id in the body ('other') is not the id in the URL ('${demoConfigurationId}').`,
      ],
      [
        "unknown property",
        demo,
        { assignments: [] },
        400,
        "RequestBodyRead",
        "The property 'assignments' does not exist on type 'microsoft.graph.officeClientConfiguration'. Make sure to only use property names that are defined by the type or mark the type as open type.",
      ],
      [
        "empty id",
        `${configurationsPath}/`,
        {},
        400,
        "BadRequest",
        "The path parameter 'officeClientConfigurationId' must not be empty.",
      ],
      [
        "priority clash",
        demo,
        { priority: 5 },
        409,
        "Conflict",
        "Priority 5 is already used by officeClientConfiguration 'sec': priorities must be unique in the tenant.",
      ],
      [
        "unknown id",
        `${configurationsPath}/nope`,
        { displayName: "x" },
        404,
        "ResourceNotFound",
        "Resource not found: no officeClientConfiguration with id 'nope' exists.",
      ],
    ];
    for (const [name, url, payload, status, code, message] of cases) {
      const res = await app.inject({
        method: "PATCH",
        url,
        headers: json,
        payload: payload as object,
      });
      t.equal(res.statusCode, status, name);
      t.match(
        assertContract<ErrorBody>(t, "updateClientConfiguration", res),
        { error: { code, message } },
        name,
      );
    }
    t.match(
      (await app.inject({ url: demo, headers: auth })).json(),
      { priority: 0, displayName: "Demo Office client configuration" },
      "nothing changed",
    );
  },
);

t.test(
  "a create that reuses a priority → 409; an omitted priority takes the next free one",
  async (t) => {
    const app = await build(t);
    const clash = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: { ...security, priority: 0 },
    });
    t.equal(clash.statusCode, 409);
    t.match(clash.json(), { error: { code: "Conflict", target: "priority" } });
    const next = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: { "@odata.type": security["@odata.type"] },
    });
    t.equal(next.json().priority, 1);
  },
);

t.test("DELETE → 204 and takes the assignments with it; then 404", async (t) => {
  const app = await build(t);
  await app.inject({
    method: "POST",
    url: `${demo}/assignments`,
    headers: json,
    payload: seedRequest,
  });
  const res = await app.inject({ method: "DELETE", url: demo, headers: auth });
  t.equal(res.statusCode, 204);
  assertContract(t, "deleteClientConfiguration", res);
  t.equal((await app.inject({ url: demo, headers: auth })).statusCode, 404);
  t.equal((await app.inject({ url: `${demo}/assignments`, headers: auth })).statusCode, 404);
  const again = await app.inject({ method: "DELETE", url: demo, headers: auth });
  t.equal(again.statusCode, 404);
  t.equal(
    assertContract<ErrorBody>(t, "deleteClientConfiguration", again).error.code,
    "ResourceNotFound",
  );
  const empty = await app.inject({
    method: "DELETE",
    url: `${configurationsPath}/`,
    headers: auth,
  });
  t.equal(empty.statusCode, 400);
  assertContract(t, "deleteClientConfiguration", empty);
  const recreated = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: { ...security, priority: 0 },
  });
  t.equal(recreated.statusCode, 201, "its priority is free again");
});

t.test("$count of configurations is text/plain", async (t) => {
  const app = await build(t);
  await app.inject({ method: "POST", url: configurationsPath, headers: json, payload: security });
  const res = await app.inject({ url: `${configurationsPath}/$count`, headers: auth });
  t.equal(res.statusCode, 200);
  t.match(res.headers["content-type"], /^text\/plain/);
  t.equal(assertContract(t, "countClientConfigurations", res), "2");
  const count = async (query: string) => {
    const reply = await app.inject({
      url: `${configurationsPath}/$count?${query}`,
      headers: auth,
    });
    return {
      status: reply.statusCode,
      body: assertContract(t, "countClientConfigurations", reply),
    };
  };
  t.same(await count("$filter=priority%20eq%200"), { status: 200, body: "1" }, "$filter applies");
  t.same(await count("filter=priority%20ge%200"), { status: 200, body: "2" });
  t.same(await count("$filter=startsWith(displayName,'X')"), { status: 200, body: "0" });
  t.match(await count("$filter=priority%20eq"), {
    status: 400,
    body: {
      error: {
        code: "BadRequest",
        message: "Invalid $filter: expected a value at the end of the expression.",
      },
    },
  });
  t.match(await count("$top=1"), {
    status: 400,
    body: {
      error: {
        code: "BadRequest",
        message:
          "The query specified in the URI is not valid. Query option '$top' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.",
        target: "$top",
      },
    },
  });
  t.match(await count("$search=x"), { status: 400, body: { error: { target: "$search" } } });
});

t.test("shared statuses", async (t) => {
  await assertSharedStatuses(t, "updateClientConfiguration", {
    method: "PATCH",
    url: demo,
    headers: json,
    payload: {},
  });
  await assertSharedStatuses(t, "deleteClientConfiguration", {
    method: "DELETE",
    url: demo,
    headers: auth,
  });
  await assertSharedStatuses(t, "countClientConfigurations", {
    url: `${configurationsPath}/$count`,
    headers: auth,
  });
});

t.test("every documented status is exercised", async (t) => {
  for (const op of [
    "updateClientConfiguration",
    "deleteClientConfiguration",
    "countClientConfigurations",
  ] as const) {
    t.same(exercisedStatuses(op), documentedStatuses(op), op);
  }
});
