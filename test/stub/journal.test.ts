// The request journal's limits: the most entries (--journal-size, 0 = off), the largest body kept
// (--journal-bytes), raw bodies by size only; requests refused before routing are in it too.
import t from "tap";
import { leastPermissionSet } from "../../src/stub/permissions.js";
import { build } from "../helpers/build.js";
import {
  assignmentsPath,
  auth,
  demoConfigurationId,
  json,
  seedRequest,
} from "../helpers/requests.js";

t.test("--journal-size keeps the last N requests, oldest first", async (t) => {
  const app = await build(t, { journalSize: 3 });
  for (let top = 1; top <= 5; top++) {
    await app.inject({ url: `${assignmentsPath}?$top=${top}`, headers: auth });
  }
  t.same(
    app.journal.list().map((entry) => entry.query),
    ["$top=3", "$top=4", "$top=5"],
  );
  t.same(app.journal.list({ method: "GET", status: 200 }).length, 3);
});

t.test("--journal-size 0 keeps nothing", async (t) => {
  const app = await build(t, { journalSize: 0 });
  await app.inject({ url: assignmentsPath, headers: auth });
  t.same((await app.inject({ url: "/_stub/requests" })).json().value, []);
});

t.test("bodies: JSON up to --journal-bytes; larger and raw ones by size only", async (t) => {
  const app = await build(t, { journalBytes: 200 });
  await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: seedRequest });
  const big = { ...seedRequest, id: "x".repeat(300) };
  await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: big });
  await app.inject({
    method: "PUT",
    url: `/beta/officeConfiguration/clientConfigurations/${demoConfigurationId}/policyPayload`,
    headers: { ...auth, "content-type": "application/octet-stream" },
    payload: Buffer.from([1, 2, 3]),
  });
  const [small, large, raw] = app.journal.list();
  t.same(small?.body, seedRequest);
  t.equal(large?.body, undefined, "too large to keep");
  t.equal(large?.bodyTruncated, true);
  t.equal(large?.bodyBytes, Buffer.byteLength(JSON.stringify(big)));
  t.same([raw?.body, raw?.bodyBytes, raw?.operationId], [undefined, 3, "setPolicyPayload"]);
  t.notOk(JSON.stringify(app.journal.list()).includes("local-dev-token"), "no Authorization value");
});

t.test("requests outside any operation are in it, without permissions", async (t) => {
  const app = await build(t);
  await app.inject({ url: "/beta/nowhere", headers: auth });
  await app.inject({ url: "/beta?x=1", headers: auth });
  const entries = app.journal.list();
  t.same(
    entries.map((entry) => [entry.path, entry.query, entry.operationId, entry.status, entry.code]),
    [
      ["/beta/nowhere", "", null, 400, "RequestBroker--ParseUri"],
      ["/beta", "x=1", null, 400, "RequestBroker--ParseUri"],
    ],
  );
  t.match(entries[0]?.time, /^\d{4}-/);
  t.same(entries[0]?.scopes, [], "no operation, no permissions");
});

t.test(
  "the least permission set: reads alone, writes cover reads, alternatives with two scopes",
  async (t) => {
    const read = [
      ["DeviceManagementConfiguration.Read.All"],
      ["DeviceManagementConfiguration.ReadWrite.All"],
    ];
    const write = [["DeviceManagementConfiguration.ReadWrite.All"]];
    t.same(leastPermissionSet([]), []);
    t.same(leastPermissionSet([[], read]), ["DeviceManagementConfiguration.Read.All"]);
    t.same(leastPermissionSet([read, write, read]), [
      "DeviceManagementConfiguration.ReadWrite.All",
    ]);
    t.same(leastPermissionSet([write, read]), ["DeviceManagementConfiguration.ReadWrite.All"]);
    t.same(leastPermissionSet([[["A", "B"], ["C"]], [["B"]]]), ["A", "B"]);
  },
);

t.test("requests refused before routing are in it, at the time they were answered", async (t) => {
  const app = await build(t);
  const before = Date.now();
  const malformed = await app.inject({
    url: `/beta/officeConfiguration/clientConfigurations/%zz`,
    headers: auth,
  });
  t.equal(malformed.statusCode, 400);
  const overlong = await app.inject({
    url: `/beta/officeConfiguration/clientConfigurations/${"a".repeat(5000)}`,
    headers: auth,
  });
  t.equal(overlong.statusCode, 400);
  const entries = app.journal.list();
  t.same(
    entries.map((entry) => [entry.method, entry.status, entry.code, entry.requestId]),
    [
      ["GET", 400, malformed.json().error.code, malformed.headers["request-id"]],
      ["GET", 400, overlong.json().error.code, overlong.headers["request-id"]],
    ],
  );
  t.equal(entries[0]?.path, "/beta/officeConfiguration/clientConfigurations/%zz");
  t.ok(Date.parse(entries[0]?.time ?? "") >= before, "stamped when answered");
});

t.test("oldest first means by arrival: a $batch before the steps that end before it", async (t) => {
  const app = await build(t);
  const reply = await app.inject({
    method: "POST",
    url: "/beta/$batch",
    headers: json,
    payload: {
      requests: [
        { id: "1", method: "GET", url: "/officeConfiguration" },
        { id: "2", method: "GET", url: "/officeConfiguration/clientConfigurations" },
      ],
    },
  });
  t.equal(reply.statusCode, 200);
  t.same(
    app.journal.list().map((entry) => entry.operationId),
    ["batch", "getOfficeConfiguration", "listClientConfigurations"],
  );
});

t.test(
  "GET /_stub/requests refuses a filter it does not know, naming the ones it takes",
  async (t) => {
    const app = await build(t);
    await app.inject({ url: assignmentsPath, headers: auth });
    const reply = await app.inject({ url: "/_stub/requests?operationID=listAssignments" });
    t.equal(reply.statusCode, 400);
    t.same(reply.json().error.code, "BadRequest");
    t.equal(
      reply.json().error.message,
      "The query parameter 'operationID' is not supported by this operation; it takes 'operationId', 'method', 'status', 'since'.",
    );
    t.equal(reply.json().error.target, "operationID");
    const known = await app.inject({ url: "/_stub/requests?operationId=listAssignments" });
    t.equal(known.json().value.length, 1, "the right spelling filters");
  },
);

t.test("the path is kept as sent, OData key syntax included", async (t) => {
  const app = await build(t);
  const sent = `/beta/officeConfiguration/clientConfigurations('${demoConfigurationId}')/assignments`;
  const reply = await app.inject({ url: `${sent}?$top=1`, headers: auth });
  t.equal(reply.statusCode, 200);
  const [entry] = app.journal.list();
  t.same([entry?.path, entry?.query, entry?.operationId], [sent, "$top=1", "listAssignments"]);
});
