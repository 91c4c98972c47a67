import Database from "better-sqlite3";
import t from "tap";
import { SqliteStore } from "../../../src/stub/store/sqlite.js";
import { assignment, configuration, storeConformance } from "../../helpers/conformance.js";

t.test("the Store contract", async (t) => {
  storeConformance(t, (t) => new SqliteStore(`${t.testdir()}/stub.db`));
});

t.test("an in-memory database also works (:memory:)", async (t) => {
  const store = new SqliteStore(":memory:");
  t.teardown(() => store.close());
  t.ok(store.createConfiguration(configuration("a", 0)).ok);
  t.equal(store.countConfigurations(), 1);
});

t.test("state survives closing and reopening the file", async (t) => {
  const file = `${t.testdir()}/stub.db`;
  const first = new SqliteStore(file);
  first.setOfficeConfiguration({
    tenantCheckinStatuses: [],
    tenantUserCheckinSummary: { succeededUserCount: 4, failedUserCount: 0 },
  });
  first.createConfiguration(configuration("b", 3));
  first.createConfiguration(configuration("a", 1));
  first.createAssignment("b", assignment("x"));
  first.updatePriorities([
    ["a", 3],
    ["b", 1],
  ]);
  const before = first.exportFixtures();
  first.close();
  first.close(); // a second close is harmless

  const second = new SqliteStore(file);
  t.teardown(() => second.close());
  t.same(second.exportFixtures(), before);
  t.equal(second.maxPriority(), 3);
  t.ok(second.createConfiguration(configuration("c", 4)).ok, "order continues after reopen");
  t.same(
    [...second.listConfigurations()].map((c) => c.id),
    ["b", "a", "c"],
  );
});

t.test("the file is in WAL mode", async (t) => {
  const file = `${t.testdir()}/stub.db`;
  new SqliteStore(file).close();
  const db = new Database(file, { readonly: true });
  t.teardown(() => db.close());
  t.equal(db.pragma("journal_mode", { simple: true }), "wal");
  t.equal(db.pragma("user_version", { simple: true }), 1);
});

t.test("seedOnce loads once in the file's life, and atomically", async (t) => {
  const file = `${t.testdir()}/stub.db`;
  const store = new SqliteStore(file);
  t.throws(
    () =>
      store.seedOnce((s) => {
        s.createConfiguration(configuration("half", 0));
        throw new Error("bad fixtures");
      }),
    /bad fixtures/,
  );
  t.equal(store.countConfigurations(), 0, "a failed load leaves nothing behind");
  t.equal(
    store.seedOnce((s) => {
      s.createConfiguration(configuration("seed", 0));
    }),
    true,
  );
  store.replaceAll(() => {});
  store.close();

  const reopened = new SqliteStore(file);
  t.teardown(() => reopened.close());
  t.equal(
    reopened.seedOnce(() => t.fail("not again")),
    false,
    "an emptied file is not seeded again",
  );
  t.equal(reopened.countConfigurations(), 0);
});

t.test("a file that is not this store's is refused", async (t) => {
  const dir = t.testdir({ "text.db": "not a database, just text that is long enough".repeat(20) });
  t.throws(() => new SqliteStore(`${dir}/text.db`), /not a database/);

  const newer = new Database(`${dir}/newer.db`);
  newer.pragma("user_version = 99");
  newer.close();
  t.throws(() => new SqliteStore(`${dir}/newer.db`), /store layout 99, this version reads 1/);
});

t.test("a list walk reads rows in batches, not the whole table", async (t) => {
  const store = new SqliteStore(":memory:");
  t.teardown(() => store.close());
  for (let i = 0; i < 1000; i++) store.createConfiguration(configuration(`c${i}`, i));
  for (let i = 0; i < 1000; i++) store.createAssignment("c0", assignment(`a${i}`));
  const parse = JSON.parse;
  let parsed = 0;
  const counting = (text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    parsed++;
    return parse(text, reviver);
  };
  t.teardown(() => {
    JSON.parse = parse;
  });
  for (const walk of [store.listConfigurations(), store.listAssignments("c0") ?? []]) {
    parsed = 0;
    JSON.parse = counting;
    const page: unknown[] = [];
    for (const item of walk) {
      if (page.length === 101) break; // a page of 100, plus one to see that it is cut
      page.push(item);
    }
    JSON.parse = parse;
    t.equal(page.length, 101);
    t.ok(parsed < 200, `parsed ${parsed} of 1000 rows for a page`);
  }
});
