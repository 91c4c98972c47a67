// --data FILE in process: the app serves from a SQLite file, seeds it once, closes it, and keeps
// every write (concurrent ones too) across a rebuild; export then reset gives the state back.
import { existsSync } from "node:fs";
import t from "tap";
import { buildApp } from "../../src/stub/app.js";
import { SqliteStore } from "../../src/stub/store/sqlite.js";
import { build } from "../helpers/build.js";
import { listen } from "../helpers/listen.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  demoConfigurationId,
  groupRequest,
  json,
  seedRequest,
} from "../helpers/requests.js";

const newConfiguration = (displayName: string) => ({
  "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
  displayName,
});

t.test("a new data file starts from the fixtures; a rebuild keeps what was written", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const first = await buildApp({ logLevel: "silent", data });
  t.type(first.store, SqliteStore);
  const created = await first.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: newConfiguration("Kept"),
  });
  t.equal(created.statusCode, 201);
  const { id } = created.json() as { id: string };
  const posted = await first.inject({
    method: "POST",
    url: `${configurationsPath}/${id}/assignments`,
    headers: json,
    payload: groupRequest,
  });
  t.equal(posted.statusCode, 201);
  const deleted = await first.inject({
    method: "DELETE",
    url: `${configurationsPath}/${demoConfigurationId}`,
    headers: auth,
  });
  t.equal(deleted.statusCode, 204);
  const before = (await first.inject({ url: "/_stub/export" })).json();
  await first.close();
  t.throws(() => first.store.countConfigurations(), /not open/, "closing the app closes the file");

  const second = await build(t, { data });
  const after = (await second.inject({ url: "/_stub/export" })).json();
  t.same(after, before, "the same state, and the demo configuration was not seeded again");
  const list = await second.inject({
    url: `${configurationsPath}/${id}/assignments`,
    headers: auth,
  });
  t.match(list.json(), { value: [{ id: posted.json().id, target: groupRequest.target }] });
});

t.test("fixtures that repeat an id are refused before the data file is touched", async (t) => {
  const dir = t.testdir({
    "twice.json": JSON.stringify({
      clientConfigurations: [
        { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "same" },
        { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "same" },
      ],
    }),
  });
  const data = `${dir}/stub.db`;
  await t.rejects(buildApp({ logLevel: "silent", data, fixtures: `${dir}/twice.json` }), {
    message: "fixtures: clientConfigurations[1] repeats id 'same'",
  });
  t.notOk(existsSync(data), "refused whole, before the data file is even created");
  const app = await build(t, { data });
  const demo = await app.inject({
    url: `${configurationsPath}/${demoConfigurationId}`,
    headers: auth,
  });
  t.equal(demo.statusCode, 200, "the next start seeds it");
  t.equal(app.store.countConfigurations(), 1);
});

t.test("a store passed in is served as it is and left open", async (t) => {
  const store = new SqliteStore(`${t.testdir()}/stub.db`);
  t.teardown(() => store.close());
  const app = await buildApp({ logLevel: "silent", store });
  t.equal(app.store.countConfigurations(), 0, "no fixtures loaded");
  await app.close();
  t.equal(store.countConfigurations(), 0, "still open");
});

t.test("200 concurrent POSTs on the data file: 200 distinct ids, all kept", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const { app, baseUrl } = await listen(t, { data });
  const url = `${baseUrl}/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`;
  const replies = await Promise.all(
    Array.from({ length: 200 }, () =>
      fetch(url, { method: "POST", headers: json, body: JSON.stringify(seedRequest) }),
    ),
  );
  t.same([...new Set(replies.map((r) => r.status))], [201]);
  const ids = await Promise.all(replies.map(async (r) => ((await r.json()) as { id: string }).id));
  t.equal(new Set(ids).size, 200, "every id is distinct");
  // And concurrent configuration creates never share a default priority.
  const configs = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      fetch(`${baseUrl}/officeConfiguration/clientConfigurations`, {
        method: "POST",
        headers: json,
        body: JSON.stringify(newConfiguration(`c${i}`)),
      }),
    ),
  );
  t.same([...new Set(configs.map((r) => r.status))], [201]);
  const priorities = await Promise.all(
    configs.map(async (r) => ((await r.json()) as { priority: number }).priority),
  );
  t.equal(new Set(priorities).size, 50, "every priority is distinct");
  await app.close();

  const reopened = new SqliteStore(data);
  t.teardown(() => reopened.close());
  t.same(
    new Set([...(reopened.listAssignments(demoConfigurationId) ?? [])].map((a) => a.id)),
    new Set(ids),
    "the file holds exactly those",
  );
  t.equal(reopened.countConfigurations(), 51);
});

t.test("export, then reset with that body, gives back the same state", async (t) => {
  const app = await build(t, { data: `${t.testdir()}/stub.db` });
  const created = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: { ...newConfiguration("Exported"), priority: 7 },
  });
  const { id } = created.json() as { id: string };
  for (const payload of [seedRequest, groupRequest]) {
    await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload });
    await app.inject({
      method: "POST",
      url: `${configurationsPath}/${id}/assignments`,
      headers: json,
      payload,
    });
  }
  await app.inject({
    method: "PATCH",
    url: "/beta/officeConfiguration",
    headers: json,
    payload: { tenantUserCheckinSummary: { succeededUserCount: 5, failedUserCount: 1 } },
  });
  const exported = await app.inject({ url: "/_stub/export" });
  t.equal(exported.statusCode, 200);
  const state = exported.json();
  t.match(state, {
    officeConfiguration: { tenantUserCheckinSummary: { succeededUserCount: 5 } },
    clientConfigurations: [
      { id: demoConfigurationId, assignments: [{}, {}] },
      { id, priority: 7, assignments: [{}, {}] },
    ],
  });

  const emptied = await app.inject({
    method: "POST",
    url: "/_stub/reset",
    headers: { "content-type": "application/json" },
    payload: { clientConfigurations: [] },
  });
  t.equal(emptied.statusCode, 204);
  t.same((await app.inject({ url: "/_stub/export" })).json().clientConfigurations, []);

  const restored = await app.inject({
    method: "POST",
    url: "/_stub/reset",
    headers: { "content-type": "application/json" },
    payload: state,
  });
  t.equal(restored.statusCode, 204);
  t.same((await app.inject({ url: "/_stub/export" })).json(), state);
});
