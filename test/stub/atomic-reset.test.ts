// A reset is one transaction on both stores: a store that fails midway (a full disk) and a
// kill -9 midway leave exactly the old state or exactly the new one, never a mix.
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance } from "fastify";
import t, { type Test } from "tap";
import type { Fixtures } from "../../src/stub/fixtures.js";
import { MemoryStore } from "../../src/stub/store/memory.js";
import { SqliteStore } from "../../src/stub/store/sqlite.js";
import type { Store } from "../../src/stub/store/store.js";
import { build } from "../helpers/build.js";
import { exported, startOnData } from "../helpers/data-server.js";
import { assignmentsPath, auth, groupRequest, json } from "../helpers/requests.js";

/** `n` configurations named `name-i`, every tenth with one assignment. */
function fixtures(name: string, n: number): Fixtures {
  return {
    clientConfigurations: Array.from({ length: n }, (_, i) => ({
      "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration" as const,
      id: `${name}-${i}`,
      displayName: `${name} ${i}`,
      priority: i,
      assignments: i % 10 === 0 ? [{ ...groupRequest, id: `${name}-assignment-${i}` }] : [],
    })),
  };
}

/** What a state is, compactly: every configuration's id, priority and assignment ids. */
function shape(state: Fixtures): string {
  return state.clientConfigurations
    .map((c) => `${c.id}:${c.priority}:${(c.assignments ?? []).map((a) => a.id).join(",")}`)
    .join(";");
}

/**
 * Makes `createAssignment` fail from its `after`-th call on, as a disk that fills up would: on
 * the class, since MemoryStore fills a scratch store of its own class before it swaps.
 */
function failingAfter(t: Test, store: Store, after: number): void {
  const prototype = Object.getPrototypeOf(store) as Store;
  const original = prototype.createAssignment;
  let calls = 0;
  prototype.createAssignment = function (this: Store, configurationId, assignment) {
    calls++;
    if (calls > after) throw new Error("SQLITE_FULL: database or disk is full");
    return original.call(this, configurationId, assignment);
  };
  t.teardown(() => {
    prototype.createAssignment = original;
  });
}

/** POST /_stub/reset with `document`. */
function reset(app: FastifyInstance, document: Fixtures) {
  return app.inject({ method: "POST", url: "/_stub/reset", headers: json, payload: document });
}

const stores: [string, (t: Test) => Store][] = [
  ["memory", () => new MemoryStore()],
  ["sqlite", (t) => new SqliteStore(`${t.testdir()}/stub.db`)],
];

for (const [name, open] of stores) {
  t.test(`${name}: a reset that fails midway changes nothing`, async (t) => {
    const store = open(t);
    t.teardown(() => store.close());
    const app = await build(t, { store });
    const before = await reset(app, fixtures("old", 30));
    t.equal(before.statusCode, 204);
    const old = shape(store.exportFixtures());
    failingAfter(t, store, 50);
    const res = await reset(app, fixtures("new", 2000));
    t.equal(res.statusCode, 500, "the failure is the stub's, not the caller's");
    t.equal(res.json().error.code, "generalException");
    t.equal(shape(store.exportFixtures()), old, "every old configuration and assignment is kept");
    const list = await app.inject({
      url: "/beta/officeConfiguration/clientConfigurations?$count=true",
      headers: auth,
    });
    t.equal(list.json()["@odata.count"], 30, "and served");
  });
}

t.test("memory: a 20,000-row reset replaces the whole state", async (t) => {
  const app = await build(t, { selfCheck: false });
  const res = await reset(app, fixtures("big", 20_000));
  t.equal(res.statusCode, 204);
  const next = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: groupRequest,
  });
  t.equal(next.statusCode, 404, "the demo configuration went with the reset");
});

t.test("kill -9 during a reset: exactly the old or exactly the new state", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const big = fixtures("big", 20_000);
  const small = fixtures("small", 2_000);
  const shapes = new Map([
    [shape(big), "big"],
    [shape(small), "small"],
  ]);
  let server = await startOnData(t, data);
  const seeded = await fetch(`${server.origin}/_stub/reset`, {
    method: "POST",
    headers: json,
    body: JSON.stringify(big),
  });
  t.equal(seeded.status, 204);
  let current = "big";
  const outcomes: string[] = [];
  // Kills spread over the reset's run; whichever moment each lands on, the file is whole.
  for (const delay of [0, 20, 40, 60, 90, 160]) {
    const target = current === "big" ? small : big;
    const sent = fetch(`${server.origin}/_stub/reset`, {
      method: "POST",
      headers: json,
      body: JSON.stringify(target),
    }).then(
      (res) => res.status,
      () => "cut off",
    );
    await sleep(delay);
    server.server.child.kill("SIGKILL");
    const status = await sent;
    t.equal(await server.server.exited(), null, "killed by the signal");
    server = await startOnData(t, data);
    const state = shapes.get(shape(await exported(server.origin)));
    t.ok(state, `after a kill ${delay} ms into the reset, the state is one of the two`);
    if (status === 204)
      t.equal(state, current === "big" ? "small" : "big", "an acknowledged reset is kept");
    outcomes.push(`${delay} ms: ${status} -> ${state}`);
    current = state ?? current;
  }
  t.comment(outcomes.join("\n"));
});
