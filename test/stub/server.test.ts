import t from "tap";
import { usage } from "../../src/stub/options.js";
import { spawnTs } from "../helpers/spawn.js";

t.test("npm start prints the URLs and a curl line that works as printed", async (t) => {
  // Loaded in one process (no tsx CLI relaying the signal), as `npm start` runs node itself.
  const server = spawnTs(
    "src/stub/server.ts",
    ["--port", "0", "--log-level", "silent"],
    undefined,
    {
      direct: true,
    },
  );
  t.teardown(() => server.child.kill("SIGKILL"));
  const [, origin] = await server.waitFor(/base URL\s+(http:\/\/127\.0\.0\.1:\d+)\/beta/);
  await server.waitFor(/-d '(.+)'\n/);
  const output = server.output();
  t.match(output, `Swagger UI  ${origin}/docs`);
  t.match(output, `spec        ${origin}/openapi.json  ${origin}/openapi.yaml`);
  t.match(output, `listening   ${origin}\n`, "the address as bound");
  t.match(output, "store       in memory\n");
  t.match(output, "fixtures    the demo configuration\n");
  t.match(output, "holds       1 client configuration: c0ffee00-0000-4000-8000-000000000001\n");
  t.match(output, `journal     ${origin}/_stub/requests\n`);
  t.notMatch(output, "WARNING", "no warning on loopback");

  // Send exactly what the printed curl line sends.
  const url = /curl -i -X POST '([^']+)'/.exec(output)?.[1] ?? "";
  const headers = Object.fromEntries(
    [...output.matchAll(/-H '([^:]+): ([^']+)'/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
  );
  const body = /-d '(.+)'\n/.exec(output)?.[1] ?? "";
  t.equal(
    url,
    `${origin}/beta/officeConfiguration/clientConfigurations/c0ffee00-0000-4000-8000-000000000001/assignments`,
  );
  const res = await fetch(url, { method: "POST", headers, body });
  t.equal(res.status, 201);
  t.match(await res.json(), {
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    id: /^[0-9a-f-]{36}$/,
    target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
  });

  server.child.kill("SIGTERM");
  t.equal(await server.exited(), 0, "SIGTERM closes the server cleanly");
});

t.test("npm start logs one JSON line per request, with its request-id", async (t) => {
  const server = spawnTs("src/stub/server.ts", ["--port", "0"]);
  t.teardown(() => server.child.kill("SIGKILL"));
  const [, origin] = await server.waitFor(/base URL\s+(http:\/\/127\.0\.0\.1:\d+)\/beta/);
  const res = await fetch(`${origin}/beta/officeConfiguration/clientConfigurations/nope`, {
    headers: { authorization: "Bearer x" },
  });
  const requestId = res.headers.get("request-id") ?? "";
  await server.waitFor(/"msg":"request completed"/);
  const lines = server
    .output()
    .split("\n")
    .filter((line) => line.includes(requestId));
  t.equal(lines.length, 1, "exactly one line names the request");
  t.match(JSON.parse(lines[0] ?? "{}"), {
    "request-id": requestId,
    operationId: "getClientConfiguration",
    method: "GET",
    statusCode: 404,
  });
  server.child.kill("SIGINT");
  t.equal(await server.exited(), 0);
});

t.test("--help prints the options and exits 0", async (t) => {
  const help = spawnTs("src/stub/server.ts", ["--help"]);
  t.equal(await help.exited(), 0);
  t.equal(help.output(), usage);
  t.match(help.output(), /^Usage: npm start -- \[options\]\n/);
  t.match(help.output(), /\n {6}--auth MODE +token: any bearer, JWTs scope-checked;/);
});

t.test("a usage error: its one-line reason and a pointer to --help, exit 2", async (t) => {
  const cases: { args: string[]; env: Record<string, string>; reason: string }[] = [
    {
      args: ["--auth", "basic"],
      env: {},
      reason: "--auth must be one of token, jwt, none (got 'basic')",
    },
    { args: ["--nope"], env: {}, reason: "Unknown option '--nope'" },
    {
      args: [],
      env: { STUB_HTTPS: "maybe" },
      reason: "STUB_HTTPS must be true or false (got 'maybe')",
    },
  ];
  for (const { args, env, reason } of cases) {
    const bad = spawnTs("src/stub/server.ts", args, undefined, { env });
    t.equal(await bad.exited(), 2, reason);
    t.equal(bad.output(), `${reason}\nRun with --help for the options.\n`);
  }
});

t.test(
  "a data file it cannot open, or a port in use: exit 1 with one line, no stack trace",
  async (t) => {
    const noFolder = spawnTs("src/stub/server.ts", [
      "--port",
      "0",
      "--data",
      "/nonexistent/folder/stub.db",
    ]);
    t.equal(await noFolder.exited(), 1);
    t.match(
      noFolder.output(),
      "The stub could not start: data file /nonexistent/folder/stub.db cannot be used: Cannot open database because the directory does not exist",
    );
    t.notMatch(noFolder.output(), /\n\s+at /, "no stack trace");

    const first = spawnTs(
      "src/stub/server.ts",
      ["--port", "0", "--log-level", "silent"],
      undefined,
      {
        direct: true,
      },
    );
    t.teardown(() => first.child.kill("SIGKILL"));
    const [, port = ""] = await first.waitFor(/base URL\s+http:\/\/127\.0\.0\.1:(\d+)\/beta/);
    const second = spawnTs("src/stub/server.ts", ["--port", port]);
    t.equal(await second.exited(), 1);
    t.match(second.output(), /The stub could not start: .*EADDRINUSE/);
    t.notMatch(second.output(), /\n\s+at /, "no stack trace");
  },
);
