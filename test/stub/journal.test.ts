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
