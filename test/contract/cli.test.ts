import { readFileSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { main } from "../../src/contract/cli.js";
import { capture, check } from "../helpers/contract-cli.js";
import { downOrigin, listen } from "../helpers/listen.js";
import { brokenProxy, editJson } from "../helpers/proxy.js";
import { demoConfigurationId } from "../helpers/requests.js";
import { spawnTs } from "../helpers/spawn.js";
import { demoStore } from "../helpers/stores.js";

t.test(
  "the stub keeps its contract: every case passes, exit 0, JUnit and TAP reports",
  async (t) => {
    const { baseUrl } = await listen(t);
    const dir = t.testdir();
    const junitFile = join(dir, "contract.xml");
    const { code, output } = await check(baseUrl, ["--reporter", "junit", "--output", junitFile]);
    t.equal(code, 0);
    t.notMatch(output, /^FAIL/m, "no case fails");
    for (const kind of ["example", "negative", "stateful", "generated"]) {
      t.match(output, new RegExp(`^PASS ${kind}`, "m"), `has ${kind} cases`);
    }
    t.match(output, "PASS example   createAssignment: example 'seed' (201)");
    t.match(output, "PASS negative  createAssignment: missing required 'target' → 400 (400)");
    t.match(
      output,
      "PASS negative  createAssignment: unknown {officeClientConfigurationId} → 404 (404)",
    );
    t.match(output, /\d+ cases: \d+ passed, 0 failed \(the server keeps the contract\)/);
    t.match(output, "seed 42 (rerun with --seed 42), 10 generated bodies per operation");
    const xml = readFileSync(junitFile, "utf8");
    t.match(xml, /<testsuites name="openapi.yaml contract" tests="\d+" failures="0"/);
    t.match(
      xml,
      /<testcase classname="contract.example.createAssignment" name="example &apos;seed&apos;"/,
    );
    t.notMatch(xml, "<failure");
    t.match(output, `junit report written to ${junitFile}`);

    const tapFile = join(dir, "contract.tap");
    const again = await check(baseUrl, ["--reporter", "tap", "--output", tapFile]);
    t.equal(again.code, 0);
    const tap = readFileSync(tapFile, "utf8");
    t.match(tap, /^TAP version 14\n1\.\.\d+\nok 1 - example getOfficeConfiguration/);
    t.notMatch(tap, "not ok");
  },
);

t.test("a missing field in a reply → the body violation, with a curl line", async (t) => {
  const { origin } = await listen(t);
  const proxy = await brokenProxy(
    t,
    origin,
    editJson(
      (x) => x.method === "POST" && x.status === 201 && x.url.endsWith("/assignments"),
      (body) => {
        delete body.target;
      },
    ),
  );
  const dir = t.testdir();
  const file = join(dir, "report.xml");
  const { code, output } = await check(`${proxy}/beta`, ["--reporter", "junit", "--output", file]);
  t.equal(code, 1);
  t.match(output, "FAIL example   createAssignment: example 'seed' (201)");
  t.match(output, "- body / must have required property 'target' [#/paths/");
  t.match(
    output,
    `rerun: curl -i -X POST '${proxy}/beta/officeConfiguration/clientConfigurations/`,
  );
  t.match(
    output,
    /--data-raw '\{"@odata.type":"#microsoft.graph.officeClientConfigurationAssignment"/,
  );
  t.match(output, "lost or changed '/target' that the request sent");
  t.match(output, /failed \(CONTRACT VIOLATED\)/);
  const xml = readFileSync(file, "utf8");
  t.match(xml, /<failure message="body \/ must have required property &apos;target&apos;/);
});

t.test("a wrong status (400 instead of 404 for an unknown id) is named", async (t) => {
  const { origin } = await listen(t);
  const proxy = await brokenProxy(t, origin, (x) =>
    x.status === 404 ? { ...x, status: 400 } : x.status === 401 ? { ...x, body: "{}" } : x,
  );
  const { code, output } = await check(`${proxy}/beta`);
  t.match(output, "- the reply is not Graph's error body {error:{code,message}}");
  t.equal(code, 1);
  t.match(
    output,
    "FAIL negative  getAssignment: unknown {officeClientConfigurationAssignmentId} → 404 (400)",
  );
  t.match(output, "- expected 404, got 400 (ResourceNotFound: Resource not found");
});

t.test("an undocumented status (200 instead of 201) is named", async (t) => {
  const { origin } = await listen(t);
  const proxy = await brokenProxy(t, origin, (x) => (x.status === 201 ? { ...x, status: 200 } : x));
  const { code, output } = await check(`${proxy}/beta`);
  t.equal(code, 1);
  t.match(output, "FAIL example   createAssignment: example 'seed' (200)");
  t.match(output, "- status 200 is not documented for createAssignment (documented: 201, 400,");
});

t.test("a 500 on bad input is named, as is a 400 on a valid generated body", async (t) => {
  const { origin } = await listen(t);
  const proxy = await brokenProxy(t, origin, (x) => (x.status === 400 ? { ...x, status: 500 } : x));
  const file = join(t.testdir(), "report.tap");
  const { code, output } = await check(`${proxy}/beta`, ["--reporter", "tap", "--output", file]);
  t.equal(code, 1);
  t.match(
    readFileSync(file, "utf8"),
    /not ok \d+ - negative createAssignment: an unknown property 'contractCheckUnknownProperty' → 400\n {2}---\n {2}violations:\n {4}- "expected 400, got 500 \(RequestBodyRead: .*\n(.*\n)* {2}rerun: "curl -i -X POST /,
  );
  t.match(
    output,
    "FAIL negative  createAssignment: an unknown property 'contractCheckUnknownProperty' → 400 (500)",
  );
  t.match(
    output,
    "- expected 400, got 500 (RequestBodyRead: The property 'contractCheckUnknownProperty' does not exist",
  );

  const refusing = await brokenProxy(t, origin, (x) =>
    x.method === "POST" && x.status === 201 ? { ...x, status: 400 } : x,
  );
  const parentless = await check(`${refusing}/beta`, ["--operation", "createAssignment"]);
  t.match(
    parentless.output,
    "- could not create a {officeClientConfigurationId} to test with: createClientConfiguration answered 400; pass --param officeClientConfigurationId=ID",
  );
  const generated = await check(`${refusing}/beta`, [
    "--operation",
    "createAssignment",
    "--param",
    `officeClientConfigurationId=${demoConfigurationId}`,
  ]);
  t.match(
    generated.output,
    /FAIL generated createAssignment: 10 bodies generated from the schema \(400\) \[seed 42; failed at body 1 of 10, shrunk \d+ times\]/,
  );
  t.match(generated.output, "- a body valid by the schema got 400");
});

t.test("a lost write: what POST created is missing from the list and by id", async (t) => {
  const store = demoStore();
  store.createAssignment = (_configurationId, assignment) => ({ ok: true, value: assignment });
  const { baseUrl } = await listen(t, { store });
  const { code, output } = await check(baseUrl, ["--operation", "createAssignment"]);
  t.equal(code, 1);
  t.match(
    output,
    "FAIL stateful  createAssignment: what it creates, getAssignment and listAssignments return unchanged (201)",
  );
  t.match(
    output,
    /- getAssignment of the created id '[0-9a-f-]{36}' answered 404 \(ResourceNotFound: .*\): the write was lost/,
  );
  t.match(
    output,
    /- listAssignments does not contain the created id '[0-9a-f-]{36}': the write was lost/,
  );
  t.match(output, "FAIL generated createAssignment");
});

t.test("usage: --help, and bad arguments exit 2 with the reason", async (t) => {
  const help = capture();
  t.equal(await main(["--help"], help), 0);
  t.match(help.out(), "Usage: npm run contract -- --base-url URL [options]");
  const cases: [string[], string][] = [
    [[], "--base-url is required"],
    [["--base-url", "ftp://x"], "--base-url must be an http(s) URL (got 'ftp://x')"],
    [
      ["--base-url", "http://x", "--reporter", "xml"],
      "--reporter must be junit or tap (got 'xml')",
    ],
    [["--base-url", "http://x", "--reporter", "tap"], "--reporter needs --output FILE"],
    [["--base-url", "http://x", "--param", "=1"], "--param must be name=value (got '=1')"],
    [["--base-url", "http://x", "--seed", "1.5"], "--seed must be an integer from 0 to 2147483647"],
    [
      ["--base-url", "http://x", "--operation", "nope"],
      "--operation: openapi.yaml has no operation 'nope'",
    ],
    [["--base-url", "http://x", "--bogus"], "Unknown option '--bogus'"],
  ];
  for (const [argv, message] of cases) {
    const io = capture();
    t.equal(await main(argv, io), 2, argv.join(" "));
    t.match(io.err(), message);
  }
});

t.test(
  "npm run contract (the bin) exits 0 on a kept contract, 2 when nothing answers",
  async (t) => {
    const { baseUrl } = await listen(t);
    const good = spawnTs("src/contract/bin.ts", ["--base-url", baseUrl, "--cases", "3"]);
    t.teardown(() => good.child.kill("SIGKILL"));
    t.equal(await good.exited(), 0);
    t.match(good.output(), /\d+ cases: \d+ passed, 0 failed/);
    const down = `${await downOrigin()}/beta`;
    const bad = spawnTs("src/contract/bin.ts", ["--base-url", down, "--cases", "1"]);
    t.teardown(() => bad.child.kill("SIGKILL"));
    t.equal(await bad.exited(), 2);
    t.match(bad.output(), `No reply from ${down}: connection refused`);
    t.notMatch(bad.output(), /PASS|FAIL/);
  },
);
