import t from "tap";
import type { components } from "../../../generated/schema.js";
import { MemoryStore } from "../../../src/stub/store/memory.js";
import { build } from "../../helpers/build.js";
import { assertContract, documentedStatuses, exercisedStatuses } from "../../helpers/contract.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  demoConfigurationId,
  guid,
  json,
  seedRequest,
} from "../../helpers/requests.js";
import { assertStoreFull } from "../../helpers/statuses.js";

const plainJson = { "content-type": "application/json" };

type JournalReport = components["schemas"]["stubRequestJournal"];

t.test(
  "export → reset with that document gives back the same state; reset alone restores the start",
  async (t) => {
    const app = await build(t);
    await app.inject({
      method: "POST",
      url: assignmentsPath,
      headers: json,
      payload: { ...seedRequest, id: "a1" },
    });
    await app.inject({
      method: "PATCH",
      url: "/beta/officeConfiguration",
      headers: json,
      payload: { tenantUserCheckinSummary: { succeededUserCount: 1, failedUserCount: 2 } },
    });
    const exported = await app.inject({ url: "/_stub/export" });
    t.equal(exported.statusCode, 200);
    const state = assertContract<{ clientConfigurations: { assignments: unknown[] }[] }>(
      t,
      "exportStub",
      exported,
    );
    t.equal(state.clientConfigurations[0]?.assignments.length, 1);

    const reset = await app.inject({ method: "POST", url: "/_stub/reset" });
    t.equal(reset.statusCode, 204);
    assertContract(t, "resetStub", reset);
    t.same(
      (await app.inject({ url: assignmentsPath, headers: auth })).json().value,
      [],
      "back to the start",
    );
    t.same((await app.inject({ url: `${configurationsPath}/$count`, headers: auth })).body, "1");

    const restore = await app.inject({
      method: "POST",
      url: "/_stub/reset",
      headers: plainJson,
      payload: state,
    });
    t.equal(restore.statusCode, 204);
    t.same((await app.inject({ url: "/_stub/export" })).json(), state, "the same state again");
  },
);

t.test("reset refusals: a document that breaks the schema, too large, not JSON", async (t) => {
  const app = await build(t, { bodyLimit: 200 });
  const bad = await app.inject({
    method: "POST",
    url: "/_stub/reset",
    headers: plainJson,
    payload: { clientConfigurations: [{ id: "x" }] },
  });
  t.equal(bad.statusCode, 400);
  t.match(assertContract(t, "resetStub", bad), {
    error: {
      code: "BadRequest",
      message:
        "The property 'clientConfigurations.0.@odata.type' is required on type 'microsoft.graph.officeClientConfiguration'.",
    },
  });
  const big = await app.inject({
    method: "POST",
    url: "/_stub/reset",
    headers: plainJson,
    payload: { clientConfigurations: [], x: "y".repeat(300) },
  });
  t.equal(big.statusCode, 413);
  assertContract(t, "resetStub", big);
  const text = await app.inject({
    method: "POST",
    url: "/_stub/reset",
    headers: { "content-type": "text/plain" },
    payload: "reset",
  });
  t.equal(text.statusCode, 415);
  assertContract(t, "resetStub", text);
  const repeated = await app.inject({
    method: "POST",
    url: "/_stub/reset",
    headers: plainJson,
    payload: {
      clientConfigurations: [
        { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "a" },
        { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "a" },
      ],
    },
  });
  t.equal(repeated.statusCode, 400, "a repeated id is refused before anything is cleared");
  t.match(assertContract(t, "resetStub", repeated), {
    error: { code: "BadRequest", message: "fixtures: clientConfigurations[1] repeats id 'a'" },
  });
  t.equal(
    (await app.inject({ url: `${configurationsPath}/${demoConfigurationId}`, headers: auth }))
      .statusCode,
    200,
    "nothing changed",
  );
});

t.test("queued faults fail the next Graph requests, then stop; DELETE clears them", async (t) => {
  const app = await build(t);
  const queue = await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: plainJson,
    payload: { status: 429, retryAfter: 2, count: 2 },
  });
  t.equal(queue.statusCode, 204);
  assertContract(t, "queueFaults", queue);
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ url: assignmentsPath, headers: auth });
    statuses.push([res.statusCode, res.headers["retry-after"]]);
  }
  t.same(statuses, [
    [429, "2"],
    [429, "2"],
    [200, undefined],
  ]);
  await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: plainJson,
    payload: { status: 503 },
  });
  const cleared = await app.inject({ method: "DELETE", url: "/_stub/faults" });
  t.equal(cleared.statusCode, 204);
  assertContract(t, "clearFaults", cleared);
  t.equal((await app.inject({ url: assignmentsPath, headers: auth })).statusCode, 200);
  const bad = await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: plainJson,
    payload: { status: 418 },
  });
  t.equal(bad.statusCode, 400);
  t.match(assertContract(t, "queueFaults", bad), {
    error: { message: "The property 'status' must be one of '429', '500', '502', '503', '504'." },
  });
  const text = await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: { "content-type": "text/plain" },
    payload: "429",
  });
  t.equal(text.statusCode, 415);
  assertContract(t, "queueFaults", text);
  const small = await build(t, { bodyLimit: 20 });
  const big = await small.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: plainJson,
    payload: { status: 429, count: 1, latencyMs: 0, retryAfter: 1 },
  });
  t.equal(big.statusCode, 413);
  assertContract(t, "queueFaults", big);
});

/** Every /_stub control, with a request that succeeds. */
const controls = [
  ["resetStub", "POST", "/_stub/reset"],
  ["exportStub", "GET", "/_stub/export"],
  ["queueFaults", "POST", "/_stub/faults"],
  ["clearFaults", "DELETE", "/_stub/faults"],
  ["listStubRequests", "GET", "/_stub/requests"],
  ["clearStubRequests", "DELETE", "/_stub/requests"],
  ["getStubPermissions", "GET", "/_stub/permissions"],
] as const;

function controlRequest([op, method, url]: (typeof controls)[number], headers = {}) {
  return op === "queueFaults"
    ? { method, url, headers: { ...plainJson, ...headers }, payload: { status: 429 } }
    : { method, url, headers };
}

t.test("an unexpected failure in a control route → 500", async (t) => {
  for (const control of controls) {
    const app = await build(t);
    app.addHook("preHandler", async () => {
      throw new Error("a bug");
    });
    const res = await app.inject(controlRequest(control));
    t.equal(res.statusCode, 500, control[0]);
    assertContract(t, control[0], res);
  }
});

t.test("a reset past the store's cap → 507, nothing changed", async (t) => {
  await assertStoreFull(t, "resetStub", {
    method: "POST",
    url: "/_stub/reset",
    headers: { "content-type": "application/json" },
    payload: {
      clientConfigurations: [
        {
          "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
          id: "a-larger-state",
          displayName: "x".repeat(1000),
        },
      ],
    },
  });
});

t.test("a reset the store fails → 500, the error logged", async (t) => {
  class FailingStore extends MemoryStore {
    override replaceAll(): never {
      throw new Error("disk full");
    }
  }
  const app = await build(t, { store: new FailingStore() });
  const res = await app.inject({ method: "POST", url: "/_stub/reset" });
  t.equal(res.statusCode, 500);
  t.match(assertContract(t, "resetStub", res), { error: { code: "generalException" } });
});

t.test("reset with no body, an empty JSON body or {} → back to the start fixtures", async (t) => {
  const app = await build(t);
  for (const [name, request] of [
    ["no body", {}],
    ["an empty JSON body", { headers: plainJson, payload: "" }],
    ["{}", { headers: plainJson, payload: {} }],
  ] as const) {
    await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: seedRequest });
    const reset = await app.inject({ method: "POST", url: "/_stub/reset", ...request });
    t.equal(reset.statusCode, 204, name);
    assertContract(t, "resetStub", reset);
    t.same((await app.inject({ url: assignmentsPath, headers: auth })).json().value, [], name);
  }
  const faults = await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: plainJson,
    payload: "",
  });
  t.equal(faults.statusCode, 400, "a control whose body is required still needs one");
  t.match(assertContract(t, "queueFaults", faults), {
    error: { code: "BadRequest", message: "The request body must be a JSON object, not null." },
  });
});

t.test("a page of another origin cannot reach any control: 403, and nothing changes", async (t) => {
  const app = await build(t);
  await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: seedRequest });
  for (const headers of [
    { origin: "http://evil.example" },
    { origin: "null" },
    { origin: "http://localhost:5173" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
  ]) {
    for (const control of controls) {
      const res = await app.inject(controlRequest(control, headers));
      t.equal(res.statusCode, 403, `${control[0]} ${JSON.stringify(headers)}`);
      t.match(assertContract(t, control[0], res), {
        error: {
          code: "Forbidden",
          message: `The stub's control routes answer only pages of their own origin and clients outside a browser; this request came from '${headers.origin ?? `a ${headers["sec-fetch-site"]} page`}'.`,
        },
      });
    }
  }
  t.equal(app.store.countAssignments(demoConfigurationId), 1, "the reset was refused");
  const own = await app.inject({
    method: "POST",
    url: "/_stub/reset",
    headers: {
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      "sec-fetch-site": "same-origin",
    },
  });
  t.equal(own.statusCode, 204, "the stub's own page (Swagger UI) may reset");
  t.equal(app.store.countAssignments(demoConfigurationId), 0);
  const typed = await app.inject({ url: "/_stub/export", headers: { "sec-fetch-site": "none" } });
  t.equal(typed.statusCode, 200, "a URL typed into the address bar is not cross-site");
});

t.test("--control-token: every control needs it as a bearer token", async (t) => {
  const app = await build(t, { controlToken: "s3cret" });
  for (const control of controls) {
    for (const authorization of [undefined, "Bearer wrong", "s3cret", "Bearer s3cret "]) {
      const res = await app.inject(
        controlRequest(control, authorization === undefined ? {} : { authorization }),
      );
      t.equal(res.statusCode, 401, `${control[0]} with ${authorization}`);
      t.equal(res.headers["www-authenticate"], 'Bearer realm="stub-control"');
      t.match(assertContract(t, control[0], res), {
        error: {
          code: "InvalidAuthenticationToken",
          message:
            "The stub's control routes need its control token (--control-token) as 'Authorization: Bearer <token>'.",
        },
      });
    }
    const res = await app.inject(controlRequest(control, { authorization: "Bearer s3cret" }));
    t.ok(res.statusCode < 300, `${control[0]} with the token → ${res.statusCode}`);
    assertContract(t, control[0], res);
  }
  const graph = await app.inject({ url: assignmentsPath, headers: auth });
  t.equal(graph.statusCode, 200, "the Graph routes keep their own auth");
});

t.test(
  "the request journal lists /beta requests with filters; DELETE and reset clear it",
  async (t) => {
    const app = await build(t);
    await app.inject({ url: assignmentsPath, headers: { ...auth, "client-request-id": "mine-1" } });
    await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: seedRequest });
    await app.inject({
      method: "POST",
      url: assignmentsPath,
      headers: json,
      payload: { color: 1 },
    });
    await app.inject({ url: "/_stub/export" });
    await app.inject({ url: "/docs/nothing-here" });
    const all = await app.inject({ url: "/_stub/requests" });
    t.equal(all.statusCode, 200);
    const journal = assertContract<JournalReport>(t, "listStubRequests", all);
    t.match(journal.value, [
      {
        method: "GET",
        path: assignmentsPath,
        query: "",
        operationId: "listAssignments",
        status: 200,
        code: null,
        clientRequestId: "mine-1",
        scopes: [
          ["DeviceManagementConfiguration.Read.All"],
          ["DeviceManagementConfiguration.ReadWrite.All"],
        ],
      },
      {
        method: "POST",
        operationId: "createAssignment",
        status: 201,
        body: seedRequest,
        bodyBytes: JSON.stringify(seedRequest).length,
        scopes: [["DeviceManagementConfiguration.ReadWrite.All"]],
      },
      { method: "POST", status: 400, code: "BadRequest", body: { color: 1 } },
    ]);
    t.equal(journal.value.length, 3, "only requests under /beta");
    t.match(journal.value[0], { requestId: guid, time: /^\d{4}-\d\d-\d\dT[\d:.]+Z$/ });
    t.same(journal.summary, {
      requests: 3,
      operations: { listAssignments: 1, createAssignment: 2 },
      statuses: { 200: 1, 201: 1, 400: 1 },
      permissions: {
        delegated: ["DeviceManagementConfiguration.ReadWrite.All"],
        application: ["DeviceManagementConfiguration.ReadWrite.All"],
      },
    });
    const filtered = await app.inject({
      url: "/_stub/requests?operationId=createAssignment&method=POST&status=201",
    });
    t.same(
      assertContract<JournalReport>(t, "listStubRequests", filtered).value.map((e) => e.status),
      [201],
    );
    const later = await app.inject({ url: "/_stub/requests?since=2999-01-01T00:00:00Z" });
    t.same(later.json().value, [], "since: nothing after that time");
    const bad = await app.inject({ url: "/_stub/requests?status=teapot" });
    t.equal(bad.statusCode, 400);
    t.match(assertContract(t, "listStubRequests", bad), {
      error: {
        code: "BadRequest",
        message: "The query option 'status' must be of type integer, not string.",
      },
    });

    const permissions = await app.inject({ url: "/_stub/permissions" });
    t.equal(permissions.statusCode, 200);
    t.same(assertContract(t, "getStubPermissions", permissions), {
      requests: 3,
      leastPrivileged: {
        delegated: ["DeviceManagementConfiguration.ReadWrite.All"],
        application: ["DeviceManagementConfiguration.ReadWrite.All"],
      },
      operations: [
        {
          operationId: "listAssignments",
          requests: 1,
          scopes: [
            ["DeviceManagementConfiguration.Read.All"],
            ["DeviceManagementConfiguration.ReadWrite.All"],
          ],
        },
        {
          operationId: "createAssignment",
          requests: 2,
          scopes: [["DeviceManagementConfiguration.ReadWrite.All"]],
        },
      ],
    });

    const cleared = await app.inject({ method: "DELETE", url: "/_stub/requests" });
    t.equal(cleared.statusCode, 204);
    assertContract(t, "clearStubRequests", cleared);
    t.same((await app.inject({ url: "/_stub/requests" })).json().value, []);
    await app.inject({ url: assignmentsPath, headers: auth });
    t.equal((await app.inject({ url: "/_stub/requests" })).json().value.length, 1);
    await app.inject({ method: "POST", url: "/_stub/reset" });
    t.same((await app.inject({ url: "/_stub/requests" })).json().value, [], "reset clears it");
    const reads = await app.inject({ url: "/_stub/permissions" });
    t.same(reads.json().leastPrivileged.delegated, [], "no requests, no permissions");
  },
);

t.test("every documented status is exercised", async (t) => {
  for (const [op] of controls) {
    t.same(exercisedStatuses(op), documentedStatuses(op), op);
  }
});
