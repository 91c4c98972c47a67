// --max-stored-bytes: in memory, a write that would grow the store past the cap is a Graph 507
// `quotaLimitReached` and writes nothing; deleting frees the space again.
import t from "tap";
import { MemoryStore } from "../../src/stub/store/memory.js";
import { build } from "../helpers/build.js";
import { assignment, configuration } from "../helpers/conformance.js";
import { auth, configurationsPath, groupRequest, json } from "../helpers/requests.js";

const cap = 20_000;
const full = {
  error: {
    code: "quotaLimitReached",
    message: `The stub's store is full: it holds at most ${cap} bytes of entities (--max-stored-bytes). Nothing was written; delete something, or reset.`,
  },
};
const big = (name: string) => ({
  "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
  displayName: `${name} ${"x".repeat(4000)}`,
});

t.test("creates past the cap: 507 quotaLimitReached, nothing written", async (t) => {
  const app = await build(t, { maxStoredBytes: cap });
  const count = async () =>
    (await app.inject({ url: `${configurationsPath}/$count`, headers: auth })).payload;
  const created: string[] = [];
  let refused: Awaited<ReturnType<typeof app.inject>> | undefined;
  for (let i = 0; i < 10 && !refused; i++) {
    const res = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: big(`c${i}`),
    });
    if (res.statusCode === 201) created.push(res.json().id);
    else refused = res;
  }
  t.equal(created.length, 4, "four fit beside the demo configuration");
  t.equal(refused?.statusCode, 507);
  t.match(refused?.json(), full);
  t.ok(refused?.headers["request-id"], "with Graph's headers");
  t.equal(await count(), "5", "the refused one was not stored");

  const before = (
    await app.inject({ url: `${configurationsPath}/${created[0]}`, headers: auth })
  ).json();
  const patch = await app.inject({
    method: "PATCH",
    url: `${configurationsPath}/${created[0]}`,
    headers: json,
    payload: { description: "y".repeat(8000) },
  });
  t.equal(patch.statusCode, 507, "an update that grows past the cap too");
  const kept = await app.inject({ url: `${configurationsPath}/${created[0]}`, headers: auth });
  t.same(kept.json(), before, "and it changed nothing");

  const assign = await app.inject({
    method: "POST",
    url: `${configurationsPath}/${created[0]}/assign`,
    headers: json,
    payload: { officeConfigurationAssignments: Array.from({ length: 100 }, () => groupRequest) },
  });
  t.equal(assign.statusCode, 507, "assign as well");

  const reset = await app.inject({
    method: "POST",
    url: "/_stub/reset",
    headers: json,
    payload: {
      clientConfigurations: Array.from({ length: 6 }, (_, i) => ({ ...big(`r${i}`), id: `r${i}` })),
    },
  });
  t.equal(reset.statusCode, 507, "a reset past the cap is refused whole");
  t.match(reset.json(), full);
  t.equal(await count(), "5", "the old state is kept");

  const removed = await app.inject({
    method: "DELETE",
    url: `${configurationsPath}/${created[0]}`,
    headers: auth,
  });
  t.equal(removed.statusCode, 204);
  const again = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: big("again"),
  });
  t.equal(again.statusCode, 201, "deleting frees the space");
});

t.test("MemoryStore counts what it holds and gives it back on delete", async (t) => {
  const store = new MemoryStore();
  const empty = store.storedBytes;
  store.createConfiguration(configuration("a", 0));
  store.createAssignment("a", assignment("x"));
  store.replaceAssignment("a", { ...assignment("x"), target: assignment("y", "g2").target });
  store.replaceAssignments("a", [assignment("p"), assignment("q")]);
  store.updatePriorities([["a", 12345]]);
  store.replaceConfiguration({ ...configuration("a", 12345), displayName: "longer name" });
  t.ok(store.storedBytes > empty);
  t.ok(store.deleteAssignment("a", "p"));
  t.notOk(store.deleteAssignment("a", "p"), "gone already");
  t.notOk(store.deleteAssignment("nope", "p"));
  t.ok(store.deleteConfiguration("a"));
  t.equal(store.storedBytes, empty, "back to where it began");
});
