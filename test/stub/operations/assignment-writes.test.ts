import t from "tap";
import { build } from "../../helpers/build.js";
import { assertContract, documentedStatuses, exercisedStatuses } from "../../helpers/contract.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  groupRequest,
  json,
  seedRequest,
} from "../../helpers/requests.js";
import { assertSharedStatuses } from "../../helpers/statuses.js";

async function withAssignment(t: Parameters<typeof build>[0]) {
  const app = await build(t);
  await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: { ...seedRequest, id: "a1" },
  });
  return app;
}

t.test("PATCH an assignment's target → 204; it reads back changed", async (t) => {
  const app = await withAssignment(t);
  const res = await app.inject({
    method: "PATCH",
    url: `${assignmentsPath}/a1`,
    headers: json,
    payload: { target: groupRequest.target },
  });
  t.equal(res.statusCode, 204);
  assertContract(t, "updateAssignment", res);
  t.same(
    (await app.inject({ url: `${assignmentsPath}/a1`, headers: auth })).json().target,
    groupRequest.target,
  );
  const noop = await app.inject({
    method: "PATCH",
    url: `${assignmentsPath}/a1`,
    headers: json,
    payload: { id: "a1" },
  });
  t.equal(noop.statusCode, 204, "restating the id changes nothing");
  t.same(
    (await app.inject({ url: `${assignmentsPath}/a1`, headers: auth })).json().target,
    groupRequest.target,
  );
});

t.test("PATCH refusals", async (t) => {
  const app = await withAssignment(t);
  const cases: [string, unknown, number, string, string][] = [
    [
      `${assignmentsPath}/a1`,
      { id: "a2" },
      400,
      "BadRequest",
      "The id in the body ('a2') is not the id in the URL ('a1').",
    ],
    [
      `${assignmentsPath}/a1`,
      { target: { "@odata.type": "#microsoft.graph.nope" } },
      400,
      "BadRequest",
      "'#microsoft.graph.nope' is not a valid '@odata.type' for 'target': expected one of '#microsoft.graph.officeConfigurationAssignmentTarget', 'microsoft.graph.officeConfigurationAssignmentTarget', '#microsoft.graph.officeConfigurationGroupAssignmentTarget', 'microsoft.graph.officeConfigurationGroupAssignmentTarget'.",
    ],
    [
      `${assignmentsPath}/nope`,
      {},
      404,
      "ResourceNotFound",
      "Resource not found: no officeClientConfigurationAssignment with id 'nope' exists.",
    ],
    [
      `${configurationsPath}/nope/assignments/a1`,
      {},
      404,
      "ResourceNotFound",
      "Resource not found: no officeClientConfiguration with id 'nope' exists.",
    ],
  ];
  for (const [url, payload, status, code, message] of cases) {
    const res = await app.inject({
      method: "PATCH",
      url,
      headers: json,
      payload: payload as object,
    });
    t.equal(res.statusCode, status, message);
    t.match(assertContract(t, "updateAssignment", res), { error: { code, message } });
  }
  t.same(
    (await app.inject({ url: `${assignmentsPath}/a1`, headers: auth })).json().target,
    seedRequest.target,
  );
});

t.test("DELETE → 204, then 404; $count follows", async (t) => {
  const app = await withAssignment(t);
  const count = async () => {
    const res = await app.inject({ url: `${assignmentsPath}/$count`, headers: auth });
    t.match(res.headers["content-type"], /^text\/plain/);
    return assertContract(t, "countAssignments", res);
  };
  t.equal(await count(), "1");
  const filtered = await app.inject({
    url: `${assignmentsPath}/$count?$filter=target/groupId%20eq%20'none'`,
    headers: auth,
  });
  t.equal(assertContract(t, "countAssignments", filtered), "0", "$filter applies");
  const matching = await app.inject({
    url: `${assignmentsPath}/$count?$filter=target/groupId%20eq%20null`,
    headers: auth,
  });
  t.equal(assertContract(t, "countAssignments", matching), "1");
  const bad = await app.inject({
    url: `${assignmentsPath}/$count?$orderby=id`,
    headers: auth,
  });
  t.match(assertContract(t, "countAssignments", bad), {
    error: { code: "BadRequest", target: "$orderby" },
  });
  const res = await app.inject({ method: "DELETE", url: `${assignmentsPath}/a1`, headers: auth });
  t.equal(res.statusCode, 204);
  assertContract(t, "deleteAssignment", res);
  t.equal(await count(), "0");
  for (const url of [`${assignmentsPath}/a1`, `${configurationsPath}/nope/assignments/a1`]) {
    const again = await app.inject({ method: "DELETE", url, headers: auth });
    t.equal(again.statusCode, 404);
    t.match(assertContract(t, "deleteAssignment", again), { error: { code: "ResourceNotFound" } });
  }
  const missing = await app.inject({
    url: `${configurationsPath}/nope/assignments/$count`,
    headers: auth,
  });
  t.equal(missing.statusCode, 404);
  assertContract(t, "countAssignments", missing);
  for (const [op, method, url] of [
    ["deleteAssignment", "DELETE", `${assignmentsPath}/`],
    ["updateAssignment", "PATCH", `${assignmentsPath}/`],
    ["countAssignments", "GET", `${configurationsPath}//assignments/$count`],
  ] as const) {
    const res = await app.inject({
      method,
      url,
      headers: json,
      payload: method === "PATCH" ? "{}" : undefined,
    });
    t.equal(res.statusCode, 400, `${op}: empty id`);
    assertContract(t, op, res);
  }
});

t.test("shared statuses, every documented status", async (t) => {
  await assertSharedStatuses(t, "updateAssignment", {
    method: "PATCH",
    url: `${assignmentsPath}/a1`,
    headers: json,
    payload: {},
  });
  await assertSharedStatuses(t, "deleteAssignment", {
    method: "DELETE",
    url: `${assignmentsPath}/a1`,
    headers: auth,
  });
  await assertSharedStatuses(t, "countAssignments", {
    url: `${assignmentsPath}/$count`,
    headers: auth,
  });
  for (const op of ["updateAssignment", "deleteAssignment", "countAssignments"] as const) {
    t.same(exercisedStatuses(op), documentedStatuses(op), op);
  }
});

t.test(
  "a DELETE's body is ignored, whatever its type: the answer is the DELETE's own",
  async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: "DELETE",
      url: `${assignmentsPath}/missing`,
      headers: { ...auth, "content-type": "text/plain" },
      payload: "x",
    });
    t.equal(res.statusCode, 404);
    t.match(res.json(), {
      error: {
        code: "ResourceNotFound",
        message:
          "Resource not found: no officeClientConfigurationAssignment with id 'missing' exists.",
      },
    });
  },
);
