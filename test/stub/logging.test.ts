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
