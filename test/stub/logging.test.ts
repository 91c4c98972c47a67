import { Writable } from "node:stream";
import t from "tap";
import { buildApp } from "../../src/stub/app.js";
import { assignmentsPath as assignments, auth, json, seedRequest } from "../helpers/requests.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logStream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

t.test("one line per request, with request-id, operationId and status", async (t) => {
  const { lines, logStream } = capture();
  const app = await buildApp({ logLevel: "info", logStream });
  t.teardown(() => app.close());
  const replies = [
    await app.inject({ method: "POST", url: assignments, headers: json, payload: seedRequest }),
    await app.inject({ method: "GET", url: assignments, headers: auth }),
  ];
  t.equal(lines.length, 2, "one line per request");
  t.same(
    lines.map((line) => line["request-id"]),
    replies.map((reply) => reply.headers["request-id"]),
  );
  t.match(lines[0], {
    level: 30,
    operationId: "createAssignment",
    method: "POST",
    url: assignments,
    statusCode: 201,
    responseTime: Number,
    msg: "request completed",
  });
  t.notOk("code" in (lines[0] ?? {}), "a success carries no error code");
});

t.test("a refused request's line names the Graph error: code, message, target", async (t) => {
  const { lines, logStream } = capture();
  const app = await buildApp({ logLevel: "info", logStream });
  t.teardown(() => app.close());
  await app.inject({ method: "GET", url: `${assignments}/nope`, headers: auth });
  await app.inject({ method: "GET", url: assignments });
  t.match(lines, [
    {
      operationId: "getAssignment",
      statusCode: 404,
      code: "ResourceNotFound",
      message: "Resource not found: no officeClientConfigurationAssignment with id 'nope' exists.",
      target: "nope",
    },
    {
      operationId: "listAssignments",
      statusCode: 401,
      code: "InvalidAuthenticationToken",
      message: "Access token is empty.",
    },
  ]);
});

t.test("an injected 5xx is logged at error level, and nothing below the log level", async (t) => {
  const { lines, logStream } = capture();
  const app = await buildApp({ logLevel: "info", logStream });
  t.teardown(() => app.close());
  await app.inject({
    method: "GET",
    url: assignments,
    headers: { ...auth, "x-stub-fault": "503" },
  });
  t.match(lines, [
    { level: 40, msg: "injected fault", fault: 503, source: "header" },
    { level: 50, statusCode: 503, code: "serviceNotAvailable", msg: "request completed" },
  ]);

  const quiet = capture();
  const warnOnly = await buildApp({ logLevel: "warn", logStream: quiet.logStream });
  t.teardown(() => warnOnly.close());
  await warnOnly.inject({ method: "GET", url: assignments, headers: auth });
  t.same(quiet.lines, [], "an info line is not written at level warn");
});

t.test("a validation 400's line carries the Graph error: code, message and target", async (t) => {
  const { lines, logStream } = capture();
  const app = await buildApp({ logLevel: "info", logStream });
  t.teardown(() => app.close());
  await app.inject({
    method: "POST",
    url: assignments,
    headers: json,
    payload: { ...seedRequest, color: "red" },
  });
  t.match(lines, [
    {
      level: 30,
      statusCode: 400,
      code: "RequestBodyRead",
      message:
        "The property 'color' does not exist on type 'microsoft.graph.officeClientConfigurationAssignment'. Make sure to only use property names that are defined by the type or mark the type as open type.",
      target: "color",
    },
  ]);
});

t.test("Swagger UI's static assets log at debug; the page itself at info", async (t) => {
  const { lines, logStream } = capture();
  const app = await buildApp({ logLevel: "info", logStream });
  t.teardown(() => app.close());
  await app.inject({ url: "/docs" });
  await app.inject({ url: "/docs/static/swagger-ui.css" });
  await app.inject({ url: "/docs/static/no-such-file.js" });
  t.same(
    lines.map((line) => [line.url, line.statusCode]),
    [
      ["/docs", 200],
      ["/docs/static/no-such-file.js", 404],
    ],
    "the asset's line is below info; a missing asset still shows",
  );
  const verbose = capture();
  const debug = await buildApp({ logLevel: "debug", logStream: verbose.logStream });
  t.teardown(() => debug.close());
  await debug.inject({ url: "/docs/static/swagger-ui.css" });
  t.match(verbose.lines, [{ level: 20, url: "/docs/static/swagger-ui.css", statusCode: 200 }]);
});

t.test("--log-format pretty: one readable line per request, with the Graph error", async (t) => {
  const text: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      text.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({ logLevel: "info", logFormat: "pretty", logStream });
  t.teardown(() => app.close());
  const created = await app.inject({
    method: "POST",
    url: assignments,
    headers: json,
    payload: seedRequest,
  });
  await app.inject({ method: "GET", url: `${assignments}/nope`, headers: auth });
  app.log.info("a line that is not about a request");
  const lines = text.join("").split("\n").filter(Boolean);
  t.equal(lines.length, 3, "one line each");
  t.match(
    lines[0],
    new RegExp(
      `^\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] INFO: POST ${assignments.replaceAll("$", "\\$")} 201 \\(createAssignment, [\\d.]+ ms\\) request-id ${created.headers["request-id"]}$`,
    ),
  );
  t.match(
    lines[1],
    /INFO: GET \S+\/assignments\/nope 404 ResourceNotFound "Resource not found: no officeClientConfigurationAssignment with id 'nope' exists\." target 'nope' \(getAssignment, [\d.]+ ms\) request-id [0-9a-f-]{36}$/,
  );
  t.match(lines[2], /INFO: a line that is not about a request$/);
});
