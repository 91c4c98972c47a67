// A data file the stub cannot serve well is refused at start, with one line naming it: one in
// use by another stub, a damaged one, one that is not a data file. Never a start, then 500s.
import { closeSync, openSync, writeSync } from "node:fs";
import t from "tap";
import { buildApp } from "../../src/stub/app.js";
import { SqliteStore } from "../../src/stub/store/sqlite.js";
import { configuration } from "../helpers/conformance.js";
import { startOnData } from "../helpers/data-server.js";
import { spawnTs } from "../helpers/spawn.js";

/** `npm start -- --data FILE` expected to fail: its exit code and what it printed. */
async function refused(data: string): Promise<{ code: number | null; output: string }> {
  const server = spawnTs("src/stub/server.ts", ["--port", "0", "--data", data], undefined, {
    direct: true,
  });
  const code = await server.exited();
  return { code, output: server.output() };
}

t.test("a second stub on the same file refuses it with one line naming it", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const first = await startOnData(t, data);
  const second = await refused(data);
  t.equal(second.code, 1);
  t.equal(
    second.output,
    `The stub could not start: data file ${data} is in use by another process (one stub per data file; stop the other, or use another file)\n`,
  );
  t.equal((await fetch(`${first.origin}/_stub/export`)).status, 200, "the first one still serves");
  t.throws(() => new SqliteStore(data), {
    message: `data file ${data} is in use by another process (one stub per data file; stop the other, or use another file)`,
  });
});

t.test("the lock goes with the process: after kill -9 the file opens again", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const first = await startOnData(t, data);
  first.server.child.kill("SIGKILL");
  await first.server.exited();
  const second = await startOnData(t, data);
  t.equal((await fetch(`${second.origin}/_stub/export`)).status, 200);
});

t.test("in one process too: the file is open once", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const app = await buildApp({ logLevel: "silent", data });
  await t.rejects(buildApp({ logLevel: "silent", data }), {
    message: new RegExp(`^data file ${data} is in use by another process`),
  });
  await app.close();
  const again = await buildApp({ logLevel: "silent", data });
  await again.close();
});

t.test("a damaged file is refused at start (quick_check), naming it", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const store = new SqliteStore(data);
  for (let i = 0; i < 2000; i++) {
    store.createConfiguration({ ...configuration(`c${i}`, i), displayName: "x".repeat(200) });
  }
  store.close();
  // Garbage over the middle of the file: pages of the configurations table and its indexes.
  const fd = openSync(data, "r+");
  writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, 4096 * 20);
  closeSync(fd);
  t.throws(() => new SqliteStore(data), {
    message: new RegExp(
      `^data file ${data} is damaged or not a data file: SQLite quick_check found Tree \\d+ page \\d+`,
    ),
  });
  const started = await refused(data);
  t.equal(started.code, 1);
  t.match(started.output, new RegExp(`^The stub could not start: data file ${data} `));
  t.equal(started.output.trim().split("\n").length, 1, "one line");
});

t.test("a file that is not a data file is refused, naming it", async (t) => {
  const dir = t.testdir({
    "notes.txt": "not a database, just text that is long enough".repeat(20),
  });
  t.throws(() => new SqliteStore(`${dir}/notes.txt`), {
    message: new RegExp(`^data file ${dir}/notes.txt is damaged or not a data file: `),
  });
  t.throws(() => new SqliteStore(`${dir}/missing/stub.db`), {
    message: new RegExp(`^data file ${dir}/missing/stub.db cannot be used: `),
  });
});

t.test(
  "a SQLite error while serving is logged with the file's path; the client gets 500",
  async (t) => {
    const data = `${t.testdir()}/stub.db`;
    const store = new SqliteStore(data);
    t.teardown(() => store.close());
    store.createConfiguration = () => {
      throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    };
    const lines: Record<string, unknown>[] = [];
    const logStream = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const app = await buildApp({ logLevel: "info", logStream, store, data });
    t.teardown(() => app.close());
    const res = await app.inject({
      method: "POST",
      url: "/beta/officeConfiguration/clientConfigurations",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      payload: { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration" },
    });
    t.equal(res.statusCode, 500);
    t.equal(res.json().error.code, "generalException");
    t.ok(
      lines.some(
        (line) =>
          line.msg === `data file ${data}: database or disk is full` && line.dataFile === data,
      ),
      "the log line names the file",
    );
  },
);
