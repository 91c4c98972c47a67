// POST /beta/$batch: Graph's JSON batching. Each request runs as it would alone (token, validation,
// handler, faults, headers); a failed dependency is 424; a malformed batch is refused whole.
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import t from "tap";
import type { components } from "../../../generated/schema.js";
import { build } from "../../helpers/build.js";
import { assertContract, type ErrorBody } from "../../helpers/contract.js";
import { assertInjectedFaults } from "../../helpers/faults.js";
import {
  auth,
  demoConfigurationId,
  guid,
  json,
  seedRequest,
  seedResponse,
} from "../../helpers/requests.js";
import { bearer, jwt, readOnly } from "../../helpers/tokens.js";

type BatchRequest = components["schemas"]["batchRequest"];
type BatchResponse = components["schemas"]["batchResponse"];

const url = "/beta/$batch";
const assignments = `/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`;
const jsonStep = { "Content-Type": "application/json" };

function sendBatch(
  app: FastifyInstance,
  requests: unknown[],
  headers: Record<string, string> = json,
) {
  return app.inject({ method: "POST", url, headers, payload: { requests } });
}

t.test("the seed's assignment, its list and its $count in one batch", async (t) => {
  const app = await build(t);
  const payload: BatchRequest = {
    requests: [
      { id: "1", method: "POST", url: assignments, headers: jsonStep, body: seedRequest },
      { id: "2", method: "GET", url: `${assignments}/$count`, dependsOn: ["1"] },
      { id: "3", method: "GET", url: `${assignments}?$top=5`, dependsOn: ["1"] },
    ],
  };
  const res = await app.inject({
    method: "POST",
    url,
    headers: { ...json, "client-request-id": "batch-trace" },
    payload,
  });
  t.equal(res.statusCode, 200);
  t.equal(res.headers["client-request-id"], "batch-trace");
  const body = assertContract<BatchResponse>(t, "batch", res);
  t.same(
    body.responses.map((r) => [r.id, r.status]),
    [
      ["1", 201],
      ["2", 200],
      ["3", 200],
    ],
  );
  const [created, count, list] = body.responses;
  t.match(created?.body, { ...seedResponse, id: guid });
  const [stored] = [...(app.store.listAssignments(demoConfigurationId) ?? [])];
  const id = String(stored?.id);
  t.match(created?.body, { id });
  t.equal(app.store.countAssignments(demoConfigurationId), 1, "the POST ran once");
  t.match(created?.headers, {
    "Content-Type": /^application\/json;odata\.metadata=minimal/,
    "OData-Version": "4.0",
    Location: new RegExp(`/assignments/${id}$|assignments\\('${id}'\\)$`),
    "request-id": guid,
    "client-request-id": "batch-trace",
  });
  t.notOk(created?.headers?.["content-length"], "transport headers are left out");
  t.equal(count?.body, "1", "$count as text, after the POST it depends on");
  t.equal(count?.headers?.["Content-Type"], "text/plain");
  t.match(list?.body, { value: [{ id }] });
  t.not(created?.headers?.["request-id"], res.headers["request-id"], "each request has its id");
});

t.test("each request is validated and answered as it would be alone", async (t) => {
  const app = await build(t);
  const res = await sendBatch(app, [
    {
      id: "bad",
      method: "POST",
      url: assignments,
      headers: jsonStep,
      body: { ...seedRequest, color: 1 },
    },
    { id: "noType", method: "POST", url: assignments, body: seedRequest },
    { id: "missing", method: "GET", url: `${assignments}/nope` },
    { id: "fault", method: "GET", url: assignments, headers: { "x-stub-fault": "429" } },
    { id: "slash", method: "GET", url: assignments.slice(1) },
  ]);
  t.equal(res.statusCode, 200);
  const body = assertContract<BatchResponse>(t, "batch", res);
  const byId = new Map(body.responses.map((r) => [r.id, r]));
  t.equal(byId.get("bad")?.status, 400);
  t.match(byId.get("bad")?.body, { error: { code: "RequestBodyRead", target: "color" } });
  t.equal(byId.get("noType")?.status, 400, "a body needs its Content-Type, as alone");
  t.match(byId.get("noType")?.body, {
    error: {
      code: "BadRequest",
      message:
        "Write requests (excluding DELETE) must contain the Content-Type header declaration.",
    },
  });
  t.equal(byId.get("missing")?.status, 404);
  t.match(byId.get("missing")?.body, { error: { code: "ResourceNotFound" } });
  t.equal(byId.get("fault")?.status, 429);
  t.match(byId.get("fault")?.headers, { "Retry-After": "2" });
  t.match(byId.get("fault")?.body, { error: { code: "TooManyRequests" } });
  t.equal(byId.get("slash")?.status, 200, "a url without its leading slash is relative too");
  t.equal(app.store.countAssignments(demoConfigurationId), 0, "nothing was created");
});

t.test("a request whose dependency failed is 424 and does not run", async (t) => {
  const app = await build(t);
  const res = await sendBatch(app, [
    // Listed before what it depends on: it still runs after it.
    {
      id: "c",
      method: "POST",
      url: assignments,
      headers: jsonStep,
      body: seedRequest,
      dependsOn: ["b"],
    },
    { id: "a", method: "GET", url: `${assignments}/missing` },
    {
      id: "b",
      method: "POST",
      url: assignments,
      headers: jsonStep,
      body: seedRequest,
      dependsOn: ["a"],
    },
    { id: "d", method: "POST", url: assignments, headers: jsonStep, body: seedRequest },
  ]);
  const body = assertContract<BatchResponse>(t, "batch", res);
  t.same(
    body.responses.map((r) => [r.id, r.status]),
    [
      ["c", 424],
      ["a", 404],
      ["b", 424],
      ["d", 201],
    ],
  );
  t.match(body.responses[2]?.body, {
    error: {
      code: "FailedDependency",
      message: "The request 'b' was not run: it depends on 'a', which failed with status 404.",
      innerError: { "request-id": res.headers["request-id"] },
    },
  });
  t.match(body.responses[0]?.body, {
    error: { message: /depends on 'b', which failed with status 424/ },
  });
  t.equal(app.store.countAssignments(demoConfigurationId), 1, "only 'd' ran");
});

t.test("the batch's Authorization applies to every request, and only it", async (t) => {
  const app = await build(t, { auth: "jwt" });
  const steps = {
    requests: [
      { id: "read", method: "GET", url: assignments, headers: { Authorization: "Bearer x" } },
      { id: "write", method: "POST", url: assignments, headers: jsonStep, body: seedRequest },
    ],
  };
  const readOnlyToken = bearer(jwt({ scp: readOnly }));
  const res = await app.inject({
    method: "POST",
    url,
    headers: { ...readOnlyToken, "content-type": "application/json" },
    payload: steps,
  });
  t.equal(res.statusCode, 200, "the batch itself needs a token, not a scope");
  const body = assertContract<BatchResponse>(t, "batch", res);
  t.equal(body.responses[0]?.status, 200, "the step's own Authorization is replaced");
  t.equal(body.responses[1]?.status, 403);
  t.match(body.responses[1]?.body, { error: { code: "Forbidden" } });

  const none = await app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/json" },
    payload: steps,
  });
  t.equal(none.statusCode, 401, "a batch without a token is refused before it runs");
  t.equal(assertContract<ErrorBody>(t, "batch", none).error.code, "InvalidAuthenticationToken");
});

t.test("binary bodies travel as base64 both ways", async (t) => {
  const app = await build(t);
  const payloadUrl = `/officeConfiguration/clientConfigurations/${demoConfigurationId}/policyPayload`;
  const bytes = Buffer.from([0, 1, 2, 250, 255]);
  const res = await sendBatch(app, [
    {
      id: "put",
      method: "PUT",
      url: payloadUrl,
      headers: { "Content-Type": "application/octet-stream" },
      body: bytes.toString("base64"),
    },
    { id: "get", method: "GET", url: payloadUrl, dependsOn: ["put"] },
  ]);
  const body = assertContract<BatchResponse>(t, "batch", res);
  t.equal(body.responses[0]?.status, 204);
  t.notOk("body" in (body.responses[0] ?? {}), "a 204 has no body");
  t.equal(body.responses[1]?.status, 200);
  t.equal(body.responses[1]?.body, bytes.toString("base64"));
});

const payloadPath = `/officeConfiguration/clientConfigurations/${demoConfigurationId}/policyPayload`;
const octets = { "Content-Type": "application/octet-stream" };
const notBase64 = (body: string, contentType = "application/octet-stream") =>
  `The body of request '1' is ${body}: with the Content-Type '${contentType}' (not JSON), a batch request's body must be a base64 string (base64 with padding, or base64url without).`;

t.test(
  "a non-JSON body that is not a base64 string is a 400 for its request, and stores nothing",
  async (t) => {
    const app = await build(t);
    const before = Buffer.from([7, 8, 9]);
    const put = await app.inject({
      method: "PUT",
      url: `/beta${payloadPath}`,
      headers: { ...auth, "content-type": "application/octet-stream" },
      payload: before,
    });
    t.equal(put.statusCode, 204);
    const stored = app.store.getConfiguration(demoConfigurationId);
    const cases: {
      name: string;
      url?: string;
      method?: string;
      headers?: Record<string, string>;
      body: unknown;
      found: string;
    }[] = [
      { name: "text that is not base64", body: "!!!notbase64", found: "not base64" },
      { name: "a JSON object", body: { a: 1 }, found: "a JSON object" },
      { name: "a JSON number", body: 12345, found: "a JSON number" },
      { name: "a JSON array of base64", body: ["AAEC"], found: "a JSON array" },
      { name: "a JSON boolean", body: true, found: "a JSON boolean" },
      { name: "null", body: null, found: "a JSON null" },
      { name: "a trailing newline", body: "AAEC\n", found: "not base64" },
      { name: "inner white space", body: "AA EC", found: "not base64" },
      { name: "one character too many", body: "AAECA", found: "not base64" },
      { name: "base64url with padding", body: "-_8=", found: "not base64" },
      { name: "both alphabets", body: "+_8A", found: "not base64" },
      { name: "padding too long", body: "AA===", found: "not base64" },
      { name: "padding inside", body: "AA==AAEC", found: "not base64" },
      {
        name: "a data URL",
        body: "data:application/octet-stream;base64,AAEC",
        found: "not base64",
      },
      {
        name: "text/plain text",
        headers: { "Content-Type": "text/plain" },
        body: "hello world",
        found: "not base64",
      },
      {
        name: "a JSON object for a JSON route with a non-JSON Content-Type",
        method: "PATCH",
        url: `/officeConfiguration/clientConfigurations/${demoConfigurationId}`,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
        body: { displayName: "changed" },
        found: "a JSON object",
      },
    ];
    for (const c of cases) {
      const contentType = Object.values(c.headers ?? octets)[0];
      const res = await sendBatch(app, [
        {
          id: "1",
          method: c.method ?? "PUT",
          url: c.url ?? payloadPath,
          headers: c.headers ?? octets,
          body: c.body,
        },
        { id: "2", method: "GET", url: payloadPath, dependsOn: ["1"] },
        { id: "3", method: "GET", url: payloadPath },
      ]);
      t.equal(res.statusCode, 200, `${c.name}: the batch itself is well formed`);
      const body = assertContract<BatchResponse>(t, "batch", res);
      t.same(
        body.responses.map((r) => [r.id, r.status]),
        [
          ["1", 400],
          ["2", 424],
          ["3", 200],
        ],
        c.name,
      );
      t.match(
        body.responses[0],
        {
          headers: { "Content-Type": /^application\/json;odata\.metadata=minimal/ },
          body: {
            error: {
              code: "BadRequest",
              message: notBase64(c.found, contentType),
              target: "requests.0.body",
              innerError: { "request-id": res.headers["request-id"] },
            },
          },
        },
        c.name,
      );
      t.equal(
        body.responses[2]?.body,
        before.toString("base64"),
        `${c.name}: the stream is unchanged`,
      );
      t.same(app.store.getConfiguration(demoConfigurationId), stored, `${c.name}: nothing changed`);
    }
  },
);

t.test(
  "a base64 body is read as the stream properties' JSON is: padded base64 or unpadded base64url",
  async (t) => {
    const app = await build(t);
    const cases: [string, string, number[]][] = [
      ["padded base64", "+/8=", [0xfb, 0xff]],
      ["unpadded base64url", "-_8", [0xfb, 0xff]],
      ["a whole group", "AAEC", [0, 1, 2]],
      ["one byte, padded", "AA==", [0]],
      ["one byte, unpadded", "AA", [0]],
    ];
    for (const [name, text, bytes] of cases) {
      const res = await sendBatch(app, [
        { id: "put", method: "PUT", url: payloadPath, headers: octets, body: text },
        { id: "get", method: "GET", url: payloadPath, dependsOn: ["put"] },
      ]);
      const body = assertContract<BatchResponse>(t, "batch", res);
      t.same(
        body.responses.map((r) => r.status),
        [204, 200],
        name,
      );
      t.same([...Buffer.from(String(body.responses[1]?.body), "base64")], bytes, name);
    }
    const empty = await sendBatch(app, [
      { id: "put", method: "PUT", url: payloadPath, headers: octets, body: "" },
      { id: "get", method: "GET", url: payloadPath, dependsOn: ["put"] },
    ]);
    const emptied = assertContract<BatchResponse>(t, "batch", empty);
    t.same(
      emptied.responses.map((r) => r.status),
      [204, 204],
      "an empty string empties the stream",
    );
    t.equal(app.store.getConfiguration(demoConfigurationId)?.policyPayload, null);
  },
);

t.test(
  "a body under a JSON Content-Type, or under none, is refused by the route as alone",
  async (t) => {
    const app = await build(t);
    const res = await sendBatch(app, [
      { id: "json", method: "PUT", url: payloadPath, headers: jsonStep, body: "AAEC" },
      { id: "none", method: "PUT", url: payloadPath, body: "AAEC" },
      {
        id: "text",
        method: "PUT",
        url: payloadPath,
        headers: { "Content-Type": "text/plain" },
        body: "AAEC",
      },
    ]);
    const body = assertContract<BatchResponse>(t, "batch", res);
    t.same(
      body.responses.map((r) => r.status),
      [415, 400, 415],
    );
    t.match(body.responses[0]?.body, {
      error: {
        code: "RequestBodyRead",
        message:
          "A supported MIME type could not be found that matches the content type of the request. The supported type(s) 'application/octet-stream' do not match the content type 'application/json'.",
      },
    });
    t.match(body.responses[1]?.body, {
      error: {
        code: "BadRequest",
        message:
          "Write requests (excluding DELETE) must contain the Content-Type header declaration.",
      },
    });
    t.match(body.responses[2]?.body, {
      error: {
        code: "RequestBodyRead",
        message:
          "A supported MIME type could not be found that matches the content type of the request. The supported type(s) 'application/octet-stream' do not match the content type 'text/plain'.",
      },
    });
    t.equal(app.store.getConfiguration(demoConfigurationId)?.policyPayload, null, "nothing stored");
  },
);

t.test("a malformed batch is a Graph 400, and nothing in it runs", async (t) => {
  const app = await build(t);
  const post = (steps: unknown[]) => ({ requests: steps });
  const seed = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    method: "POST",
    url: assignments,
    headers: jsonStep,
    body: seedRequest,
    ...extra,
  });
  const cases: [string, unknown, string, string?][] = [
    ["not an object", [1], "The request body must be a JSON object, not array."],
    [
      "no requests",
      {},
      "The property 'requests' is required on type 'microsoft.graph.batchRequest'.",
    ],
    [
      "21 requests",
      post(Array.from({ length: 21 }, (_, i) => seed(String(i)))),
      "The property 'requests' must NOT have more than 20 items.",
    ],
    [
      "a missing id",
      post([{ method: "GET", url: assignments }]),
      "The property 'requests.0.id' is required on type 'microsoft.graph.batchRequestStep'.",
    ],
    [
      "a repeated id",
      post([seed("1"), seed("1")]),
      "The batch has more than one request with the id '1'.",
      "requests.1.id",
    ],
    [
      "an unknown dependsOn",
      post([seed("1", { dependsOn: ["9"] })]),
      "The request '1' depends on '9', which is not a request of this batch.",
      "requests.0.dependsOn",
    ],
    [
      "a cycle",
      post([seed("1", { dependsOn: ["2"] }), seed("2", { dependsOn: ["1"] })]),
      "The request '1' depends on itself through dependsOn: a batch's dependencies cannot form a cycle.",
      "requests.0.dependsOn",
    ],
    [
      "a method the route does not serve",
      post([seed("1"), { id: "2", method: "PUT", url: assignments }]),
      `The request '2' (PUT ${assignments}) is not a route of this API: a batch's urls are relative to the version root, e.g. '/officeConfiguration/clientConfigurations'.`,
      "requests.1.url",
    ],
    [
      "an unknown method",
      post([{ id: "1", method: "HEAD", url: assignments }]),
      "The property 'requests.0.method' must be one of 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'.",
    ],
    [
      "a url with the version",
      post([seed("1", { url: `/beta${assignments}` })]),
      `The request '1' (POST /beta${assignments}) is not a route of this API: a batch's urls are relative to the version root, e.g. '/officeConfiguration/clientConfigurations'.`,
    ],
    [
      "an absolute url",
      post([seed("1", { url: `https://graph.microsoft.com/beta${assignments}` })]),
      `The request '1' (POST https://graph.microsoft.com/beta${assignments}) is not a route of this API: a batch's urls are relative to the version root, e.g. '/officeConfiguration/clientConfigurations'.`,
    ],
    [
      "the stub's controls",
      post([{ id: "1", method: "POST", url: "/_stub/reset" }]),
      "The request '1' (POST /_stub/reset) is not a route of this API: a batch's urls are relative to the version root, e.g. '/officeConfiguration/clientConfigurations'.",
    ],
    [
      "a nested batch",
      post([seed("1"), { id: "2", method: "POST", url: "/$batch", body: { requests: [] } }]),
      "The request '2' is a batch: batches cannot be nested.",
      "requests.1.url",
    ],
    [
      "an unknown property",
      post([seed("1", { foo: 1 })]),
      "The property 'requests.0.foo' does not exist on type 'microsoft.graph.batchRequestStep'. Make sure to only use property names that are defined by the type or mark the type as open type.",
    ],
  ];
  for (const [name, payload, message, target] of cases) {
    const res = await app.inject({
      method: "POST",
      url,
      headers: json,
      payload: JSON.stringify(payload),
    });
    t.equal(res.statusCode, 400, name);
    const body = assertContract<ErrorBody>(t, "batch", res);
    t.equal(body.error.message, message, name);
    t.match(body.error.code, /^(BadRequest|RequestBodyRead)$/, name);
    if (target) t.equal(body.error.target, target, name);
  }
  t.equal(app.store.countAssignments(demoConfigurationId), 0, "nothing ran");
});

t.test("keys in parentheses are Graph routes too", async (t) => {
  const app = await build(t);
  const res = await sendBatch(app, [
    {
      id: "1",
      method: "GET",
      url: `/officeConfiguration/clientConfigurations('${demoConfigurationId}')`,
    },
    {
      id: "2",
      method: "GET",
      url: `/officeConfiguration/clientConfigurations(${demoConfigurationId})/assignments`,
    },
  ]);
  t.equal(res.statusCode, 200, "the batch is well formed");
  assertContract(t, "batch", res);
});

t.test("faults: injected on the batch as on any call; each request draws its own", async (t) => {
  const app = await build(t);
  await assertInjectedFaults(t, app, "batch", {
    method: "POST",
    url,
    headers: json,
    payload: { requests: [{ id: "1", method: "GET", url: assignments }] },
  });
});

t.test("random faults: a batch draws once, then each of its requests once", async (t) => {
  // The same seeded sequence served to a batch of three and to four calls sent alone.
  const options = { faultRate: 0.5, faultSeed: 3 };
  const alone = await build(t, options);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    statuses.push((await alone.inject({ url: `/beta${assignments}`, headers: auth })).statusCode);
  }
  t.equal(statuses[0], 200, "the seed lets the batch itself through");
  t.ok(
    statuses.slice(1).some((status) => status !== 200),
    "and fails a request in it",
  );
  const batched = await build(t, options);
  const step = (id: string) => ({ id, method: "GET", url: assignments });
  const res = await batched.inject({
    method: "POST",
    url,
    headers: json,
    payload: { requests: [step("1"), step("2"), step("3")] },
  });
  const body = assertContract<BatchResponse>(t, "batch", res);
  t.same(
    body.responses.map((r) => r.status),
    statuses.slice(1),
  );
});

t.test("the log: one info line for the batch, its requests at debug", async (t) => {
  const lines: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const payload = { requests: [{ id: "1", method: "GET", url: assignments }] };
  const info = await build(t, { logLevel: "info", logStream });
  const res = await info.inject({ method: "POST", url, headers: json, payload });
  t.equal(res.statusCode, 200);
  const completed = lines.filter((line) => /request completed/.test(String(line.msg)));
  t.match(completed, [
    { operationId: "batch", statusCode: 200, "request-id": res.headers["request-id"] },
  ]);
  t.equal(completed.length, 1);

  lines.length = 0;
  const debug = await build(t, { logLevel: "debug", logStream });
  const again = await debug.inject({ method: "POST", url, headers: json, payload });
  t.match(
    lines.filter((line) => /request completed/.test(String(line.msg))),
    [
      {
        operationId: "listAssignments",
        statusCode: 200,
        batch: again.headers["request-id"],
        msg: "batch request completed",
      },
      { operationId: "batch", statusCode: 200 },
    ],
  );
  t.equal(
    (
      await debug.inject({
        url: `/beta${assignments}`,
        headers: { ...auth, "x-stub-batch-step": "forged" },
      })
    ).statusCode,
    200,
    "a forged step header makes no batch request",
  );
  t.notOk(lines.at(-1)?.batch);
});
