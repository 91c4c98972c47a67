import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import t from "tap";
import { LazyChildLogger } from "../../src/stub/log.js";
import { BatchedLogDestination } from "../../src/stub/log-destination.js";
import { repoRoot, spawnTs } from "../helpers/spawn.js";

function scratch(t: { teardown(fn: () => unknown): void }): string {
  const folder = mkdtempSync(path.join(tmpdir(), "stub-log-destination-"));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const read = (file: string) => readFileSync(file, "utf8");
const ended = (destination: BatchedLogDestination) =>
  new Promise<void>((resolve) => destination.end(resolve));

t.test("lines wait for a full chunk, then leave together and in order", async (t) => {
  const file = path.join(scratch(t), "log");
  const destination = new BatchedLogDestination(openSync(file, "w"), {
    chunkSize: 64,
    flushMs: 60_000,
  });
  destination.write("one 0123456789\n");
  destination.write("two 0123456789\n");
  destination.flushSync();
  t.equal(read(file), "one 0123456789\ntwo 0123456789\n", "flushSync writes what is pending");

  for (let line = 0; line < 8; line++) destination.write(`line ${line} 0123456789\n`);
  await ended(destination);
  const lines = read(file).trim().split("\n");
  t.equal(lines.length, 10, "nothing lost at the end");
  t.same(
    lines.slice(2),
    [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `line ${n} 0123456789`),
  );
  await ended(destination);
  t.pass("a second end calls back at once");
  destination.flushSync();
  t.equal(read(file).trim().split("\n").length, 10, "flushSync after the end is a no-op");
});

t.test("a quiet log still leaves within flushMs", async (t) => {
  const file = path.join(scratch(t), "log");
  const destination = new BatchedLogDestination(openSync(file, "w"), { flushMs: 20 });
  t.teardown(() => ended(destination));
  destination.write("lonely line\n");
  t.equal(read(file), "", "held back at first");
  for (let attempt = 0; attempt < 100 && read(file) === ""; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  t.equal(read(file), "lonely line\n");
});

t.test("lines pending when the process exits are written", async (t) => {
  const folder = scratch(t);
  const file = path.join(folder, "log");
  const script = path.join(folder, "exit.ts");
  const destinationModule = path.join(repoRoot, "src/stub/log-destination.ts");
  writeFileSync(
    script,
    `import { openSync } from "node:fs";
import { BatchedLogDestination } from ${JSON.stringify(destinationModule)};
const destination = new BatchedLogDestination(openSync(${JSON.stringify(file)}, "w"), { flushMs: 60_000 });
destination.write("last words\\n");
process.exit(3);
`,
  );
  const child = spawnTs(script, [], repoRoot, { direct: true });
  t.equal(await child.exited(), 3);
  t.equal(read(file), "last words\n");
});

t.test(
  "the lazy child logger: no pino child until it logs, then the request id on the line",
  async (t) => {
    const lines: Record<string, unknown>[] = [];
    const root = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    let children = 0;
    const counted = Object.assign(Object.create(root), {
      child: (...args: Parameters<typeof root.child>) => {
        children++;
        return root.child(...args);
      },
    });
    const lazy = new LazyChildLogger(counted, { "request-id": "r-1" });
    t.equal(lazy.level, "info", "the level is the parent's");
    lazy.silent("nothing");
    t.equal(children, 0, "creating it and reading its level build no child");

    lazy.warn({ fault: 429 }, "injected fault");
    lazy.info("second");
    lazy.debug("below the level");
    t.equal(children, 1, "one child, built on first use");
    t.match(lines, [
      { level: 40, "request-id": "r-1", fault: 429, msg: "injected fault" },
      { level: 30, "request-id": "r-1", msg: "second" },
    ]);
    t.equal(lines.length, 2);

    lazy.level = "error";
    lazy.warn("dropped now");
    lazy.error("kept");
    lazy.fatal("kept too");
    lazy.trace("dropped");
    lazy.child({ sub: 1 }).error("from a grandchild");
    t.match(lines.slice(2), [
      { level: 50, msg: "kept" },
      { level: 60, msg: "kept too" },
      { level: 50, "request-id": "r-1", sub: 1, msg: "from a grandchild" },
    ]);
    t.equal(root.level, "info", "the root's level is untouched");
  },
);

t.test(
  "a line longer than a chunk, and lines beyond ASCII, leave whole and in order",
  async (t) => {
    const file = path.join(scratch(t), "log");
    const destination = new BatchedLogDestination(openSync(file, "w"), {
      chunkSize: 64,
      flushMs: 60_000,
    });
    const long = `${"x".repeat(200)}\n`;
    const accented = "é€ — ünïcode 日本\n";
    destination.write("before\n");
    destination.write(long);
    destination.write(accented);
    destination.write(accented);
    await ended(destination);
    t.equal(read(file), `before\n${long}${accented}${accented}`);
  },
);
