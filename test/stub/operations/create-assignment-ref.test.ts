import t from "tap";
import { build } from "../../helpers/build.js";
import {
  assertContract,
  documentedStatuses,
  type ErrorBody,
  exercisedStatuses,
} from "../../helpers/contract.js";
import { assertInjectedFaults } from "../../helpers/faults.js";
import { assignmentsPath, auth, json, seedRequest } from "../../helpers/requests.js";
import { bearer, jwt, readOnly } from "../../helpers/tokens.js";

t.test(
  "the seed's request line …/assignments/$ref → 400 naming the right path; nothing created",
  async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: "POST",
      url: `${assignmentsPath}/$ref`,
      headers: json,
      payload: seedRequest,
    });
    t.equal(res.statusCode, 400);
    const body = assertContract<ErrorBody>(t, "createAssignmentRef", res);
    t.equal(body.error.code, "No method match route template");
    t.equal(
      body.error.message,
      `No OData route exists that match template ~/singleton/navigation/key/navigation/$ref with http verb POST for request ${assignmentsPath}/$ref. Contained assignments have no $ref route: add an assignment with POST ${assignmentsPath}.`,
    );
    const list = await app.inject({ url: assignmentsPath, headers: auth });
    t.same(list.json().value, [], "nothing was created");
  },
);

t.test("the body the spec documents ({'@odata.id'}) gets the same route error", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    method: "POST",
    url: `${assignmentsPath}/$ref`,
    headers: json,
    payload: {
      "@odata.id": `https://graph.microsoft.com/beta${assignmentsPath.slice("/beta".length)}/x`,
    },
  });
  t.equal(res.statusCode, 400);
  const body = assertContract<ErrorBody>(t, "createAssignmentRef", res);
  t.equal(body.error.code, "No method match route template");
  t.match(body.error.message, "Contained assignments have no $ref route");
});

t.test("auth and body errors come first, as on every write", async (t) => {
  const app = await build(t, { bodyLimit: 100 });
  const url = `${assignmentsPath}/$ref`;
  const cases: [string, Record<string, string>, string, number, string][] = [
    ["no token", { "content-type": "application/json" }, "{}", 401, "InvalidAuthenticationToken"],
    [
      "Read.All",
      { ...bearer(jwt({ scp: readOnly })), "content-type": "application/json" },
      "{}",
      403,
      "Forbidden",
    ],
    ["too large", json, JSON.stringify({ x: "y".repeat(200) }), 413, "RequestEntityTooLarge"],
    ["text/plain", { ...auth, "content-type": "text/plain" }, "x", 415, "RequestBodyRead"],
  ];
  for (const [name, headers, payload, status, code] of cases) {
    const res = await app.inject({ method: "POST", url, headers, payload });
    t.equal(res.statusCode, status, name);
    t.equal(assertContract<ErrorBody>(t, "createAssignmentRef", res).error.code, code, name);
  }
});

t.test("an unexpected failure → 500", async (t) => {
  const app = await build(t);
  app.addHook("preHandler", async () => {
    throw new Error("boom");
  });
  const res = await app.inject({
    method: "POST",
    url: `${assignmentsPath}/$ref`,
    headers: json,
    payload: "{}",
  });
  t.equal(res.statusCode, 500);
  t.equal(assertContract<ErrorBody>(t, "createAssignmentRef", res).error.code, "generalException");
});

t.test("injected faults are documented Graph replies", async (t) => {
  const app = await build(t);
  await assertInjectedFaults(t, app, "createAssignmentRef", {
    method: "POST",
    url: `${assignmentsPath}/$ref`,
    headers: json,
    payload: "{}",
  });
});

t.test("every documented status of createAssignmentRef is exercised", async (t) => {
  t.same(exercisedStatuses("createAssignmentRef"), documentedStatuses("createAssignmentRef"));
});
