import t from "tap";
import { build } from "../../helpers/build.js";
import { assertContract, documentedStatuses, exercisedStatuses } from "../../helpers/contract.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  demoConfigurationId,
  json,
  seedRequest,
} from "../../helpers/requests.js";
import { assertStoreFull } from "../../helpers/statuses.js";

const plainJson = { "content-type": "application/json" };

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

t.test("an unexpected failure in a control route → 500", async (t) => {
  for (const [op, method, url] of [
    ["resetStub", "POST", "/_stub/reset"],
    ["exportStub", "GET", "/_stub/export"],
    ["queueFaults", "POST", "/_stub/faults"],
    ["clearFaults", "DELETE", "/_stub/faults"],
  ] as const) {
    const app = await build(t);
    app.addHook("preHandler", async () => {
      throw new Error("a bug");
    });
    const res = await app.inject(
      op === "queueFaults"
        ? { method, url, headers: plainJson, payload: { status: 429 } }
        : { method, url },
    );
    t.equal(res.statusCode, 500, op);
    assertContract(t, op, res);
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

t.test("every documented status is exercised", async (t) => {
  for (const op of ["resetStub", "exportStub", "queueFaults", "clearFaults"] as const) {
    t.same(exercisedStatuses(op), documentedStatuses(op), op);
  }
});
