// --output: missing folders are made; a path that cannot be written is a usage error (one line,
// exit 2) before any request; a report that fails to write is exit 2, never 1 ("violated").
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { main } from "../../src/contract/cli.js";
import { capture } from "../helpers/contract-cli.js";
import { listen } from "../helpers/listen.js";
import { spawnTs } from "../helpers/spawn.js";

// One operation, no generated bodies: a short clean run.
const quick = ["--operation", "getOfficeConfiguration", "--cases", "0", "--seed", "1"];

/** Runs the contract CLI as a user does (a child process); its exit code, stdout and stderr. */
async function contractCli(args: string[]) {
  const run = spawnTs("src/contract/bin.ts", args);
  let stderr = "";
  run.child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await run.exited(60_000);
  return { code, output: run.output(), stderr };
}

async function requestsSeen(app: Awaited<ReturnType<typeof listen>>["app"]): Promise<number> {
  return (await app.inject({ url: "/_stub/requests" })).json().value.length;
}

t.test("a clean run writes the report into folders it creates → exit 0", async (t) => {
  const { baseUrl } = await listen(t);
  const dir = t.testdir();
  const output = join(dir, "reports", "ci", "contract.xml");
  const {
    code,
    output: printed,
    stderr,
  } = await contractCli([
    "--base-url",
    baseUrl,
    ...quick,
    "--reporter",
    "junit",
    "--output",
    output,
  ]);
  t.equal(code, 0);
  t.equal(stderr, "");
  t.match(printed, /\d+ cases: \d+ passed, 0 failed \(the server keeps the contract\)/);
  t.match(printed, `junit report written to ${output}\n`);
  t.match(readFileSync(output, "utf8"), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
});

t.test("an --output that cannot be written → one line on stderr, exit 2, no request", async (t) => {
  const { app, baseUrl } = await listen(t);
  const dir = t.testdir({ "a-file.txt": "kept" });
  const file = join(dir, "a-file.txt");
  const long = join(dir, "x".repeat(300), "contract.xml");
  const cases: [string, string, string][] = [
    [
      "an existing directory",
      dir,
      `--output '${dir}' is a directory; name a file, e.g. ${join(dir, "report.xml")}`,
    ],
    [
      "a file under a regular file",
      join(file, "contract.xml"),
      `'${file}' is a file, not a folder`,
    ],
    [
      "folders under a regular file",
      join(file, "a", "b", "c.tap"),
      `'${file}' is a file, not a folder`,
    ],
    ["a folder name too long", long, `--output '${long}' cannot be written (ENAMETOOLONG)`],
  ];
  for (const [name, output, message] of cases) {
    const run = await contractCli([
      "--base-url",
      baseUrl,
      ...quick,
      "--reporter",
      "tap",
      "--output",
      output,
    ]);
    t.equal(run.code, 2, `${name}: exit 2`);
    t.equal(run.stderr.split("\n").length, 2, `${name}: one line`);
    t.match(run.stderr, message, name);
    t.notMatch(run.output, /Checking|passed/, `${name}: the run did not start`);
    // In process too, where coverage is measured: the same line and code.
    const io = capture();
    const args = ["--base-url", baseUrl, ...quick, "--reporter", "tap", "--output", output];
    t.equal(await main(args, io), 2, `${name}: main() → 2`);
    t.equal(io.err(), run.stderr, `${name}: main() prints the same line`);
    t.equal(io.out(), "", `${name}: main() printed nothing else`);
  }
  t.equal(await requestsSeen(app), 0, "nothing reached the target");
  t.equal(readFileSync(file, "utf8"), "kept", "the file in the way is untouched");
});

t.test("the report failing to write after the run → exit 2 and why, never 1", async (t) => {
  const { baseUrl } = await listen(t);
  const output = join(t.testdir(), "contract.xml");
  const io = capture();
  // A folder takes the report's place while the run is under way.
  io.fetch = async (input, init) => {
    mkdirSync(output, { recursive: true });
    return fetch(input, init);
  };
  const code = await main(
    ["--base-url", baseUrl, ...quick, "--reporter", "junit", "--output", output],
    io,
  );
  t.equal(code, 2);
  t.match(io.out(), /\d+ cases: \d+ passed, 0 failed/);
  t.notMatch(io.out(), "report written");
  t.equal(io.err(), `could not write the report to '${output}' (EISDIR)\n`);
});

t.test("an existing report file is replaced", async (t) => {
  const { baseUrl } = await listen(t);
  const output = join(t.testdir(), "contract.tap");
  writeFileSync(output, "old");
  const io = capture();
  const code = await main(
    ["--base-url", baseUrl, ...quick, "--reporter", "tap", "--output", output],
    io,
  );
  t.equal(code, 0);
  t.match(readFileSync(output, "utf8"), /^TAP version 14\n/);
});
