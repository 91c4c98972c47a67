import t from "tap";
import { GraphError } from "../../src/stub/errors.js";
import { parseServerOptions } from "../../src/stub/options.js";
import { build } from "../helpers/build.js";
import { assertContract, type ErrorBody } from "../helpers/contract.js";
import {
  assignmentsPath,
  auth,
  demoConfigurationId,
  json,
  seedRequest,
} from "../helpers/requests.js";
import { demoStore } from "../helpers/stores.js";

/** The demo store whose assignments come back with an `@odata.type` the spec does not allow
 * (a drift that serialization lets through: fast-json-stringify checks no enums). */
function driftingStore() {
  const store = demoStore();
  const created = store.createAssignment(demoConfigurationId, {
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    id: "drifted",
    target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
  });
  t.ok(created.ok);
  const original = store.getAssignment.bind(store);
  store.getAssignment = (configurationId, assignmentId) => {
    const found = original(configurationId, assignmentId);
    return found && { ...found, "@odata.type": "#microsoft.graph.somethingElse" as never };
  };
  return store;
}

function logLines() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logStream: { write: (line: string) => lines.push(JSON.parse(line)) } };
}

t.test("self-check off (the default): a drifting reply goes out as it is", async (t) => {
  const app = await build(t, { store: driftingStore(), selfCheck: false });
  const res = await app.inject({ url: `${assignmentsPath}/drifted`, headers: auth });
  t.equal(res.statusCode, 200);
  t.equal(res.json()["@odata.type"], "#microsoft.graph.somethingElse");
  t.equal(parseServerOptions([], {}).selfCheck, false, "off unless asked for");
});

t.test(
  "self-check on: a reply that breaks its schema → Graph 500, logged with operation and schema path",
  async (t) => {
    const { lines, logStream } = logLines();
    const app = await build(t, {
      store: driftingStore(),
      selfCheck: true,
      logLevel: "error",
      logStream,
    });
    const res = await app.inject({
      url: `${assignmentsPath}/drifted`,
      headers: { ...auth, "client-request-id": "self-check-1" },
    });
    t.equal(res.statusCode, 500);
    const body = assertContract<ErrorBody>(t, "getAssignment", res);
    t.equal(body.error.code, "generalException");
    t.equal(
      body.error.message,
      "The stub's reply to getAssignment violated openapi.yaml, so it was not sent.",
    );
    t.match(body.error.details, [
      {
        code: "ContractViolation",
        message: /^body \/@odata\.type must be equal to one of the allowed values/,
        target:
          /^#\/paths\/~1officeConfiguration.*\/get\/responses\/200\/content\/application~1json\/schema\//,
      },
    ]);
    t.equal(res.headers["client-request-id"], "self-check-1");
    const logged = lines.find((line) => line.msg?.toString().startsWith("reply violates"));
    t.match(logged, {
      level: 50,
      "request-id": res.headers["request-id"],
      operationId: "getAssignment",
      statusCode: 200,
      violations: [
        {
          message: /^body \/@odata\.type must be equal to one of the allowed values/,
          schemaPath: /responses\/200/,
        },
      ],
    });
  },
);

t.test("self-check on: an undocumented status → 500, and Location is dropped", async (t) => {
  const store = demoStore();
  store.createAssignment = () => {
    throw new GraphError(418, "Teapot", "I am a teapot.");
  };
  const app = await build(t, { store, selfCheck: true });
  const res = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: seedRequest,
  });
  t.equal(res.statusCode, 500);
  t.equal(res.headers.location, undefined);
  const body = assertContract<ErrorBody>(t, "createAssignment", res);
  t.match(body.error.details?.[0]?.message, /^status 418 is not documented for createAssignment/);
});

t.test("self-check on: replies that keep the contract pass unchanged", async (t) => {
  const app = await build(t, { selfCheck: true });
  const created = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: seedRequest,
  });
  t.equal(created.statusCode, 201);
  assertContract(t, "createAssignment", created);
  const missing = await app.inject({ url: "/beta/nowhere", headers: auth });
  t.equal(missing.statusCode, 400, "routes outside the spec are not checked, and still answer");
});

t.test("--self-check and STUB_SELF_CHECK turn it on; a bad value is refused", async (t) => {
  t.equal(parseServerOptions(["--self-check"], {}).selfCheck, true);
  t.equal(parseServerOptions([], { STUB_SELF_CHECK: "1" }).selfCheck, true);
  t.equal(parseServerOptions([], { STUB_SELF_CHECK: "false" }).selfCheck, false);
  t.throws(() => parseServerOptions([], { STUB_SELF_CHECK: "maybe" }), {
    message: "STUB_SELF_CHECK must be true or false (got 'maybe')",
  });
});
