import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { pino } from "pino";
import t from "tap";
import { buildApp } from "../../src/stub/app.js";
import { type CompletedRequest, completedRequestWriter, jsonString } from "../../src/stub/log.js";
import { assignmentsPath as assignments, auth, json, seedRequest } from "../helpers/requests.js";

t.test("buffered request log: one line per request, all of them written by close", async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), "stub-log-"));
  const file = path.join(folder, "log.jsonl");
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  // The app owns the descriptor from here on, and closes it when it closes.
  const app = await buildApp({ logLevel: "info", logDestination: openSync(file, "w") });
  const replies = [
    await app.inject({ method: "POST", url: assignments, headers: json, payload: seedRequest }),
    await app.inject({ method: "GET", url: assignments, headers: auth }),
    await app.inject({ method: "GET", url: `${assignments}/nope`, headers: auth }),
  ];
  await app.close();

  const lines = readFileSync(file, "utf8").trim().split("\n");
  t.equal(lines.length, 3, "one line per request");
  t.same(
    lines.map((line) => JSON.parse(line)["request-id"]),
    replies.map((reply) => reply.headers["request-id"]),
  );
  t.match(JSON.parse(lines[0] ?? "{}"), {
    level: 30,
    operationId: "createAssignment",
    method: "POST",
    statusCode: 201,
    msg: "request completed",
  });
  t.match(JSON.parse(lines[2] ?? "{}"), { operationId: "getAssignment", statusCode: 404 });
});

t.test("the request line is byte for byte what pino writes for the same fields", async (t) => {
  const lines: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
  const write = completedRequestWriter(logger);
  const now = Date.now;
  Date.now = () => 1_764_000_000_123;
  t.teardown(() => {
    Date.now = now;
  });
  const entries: CompletedRequest[] = [
    {
      requestId: "5d3c0f5e-2b1a-4c8e-9f7d-0a1b2c3d4e5f",
      operationId: "createAssignment",
      method: "POST",
      url: "/beta/officeConfiguration/clientConfigurations/c0ffee00-0000-4000-8000-000000000001/assignments",
      statusCode: 201,
      responseTime: 0.53,
    },
    // A path no route has: no operationId, as pino leaves out an undefined field.
    {
      requestId: "r",
      operationId: undefined,
      method: "GET",
      url: '/x?q="quoted"\\back\tslash&é=日本\u0001',
      statusCode: 404,
      responseTime: 12,
    },
  ];
  for (const entry of entries) {
    write(entry);
    const { requestId, ...fields } = entry;
    logger.info({ "request-id": requestId, ...fields }, "request completed");
  }
  t.equal(lines.length, 4);
  t.equal(lines[0], lines[1], "a Graph request");
  t.equal(lines[2], lines[3], "an unknown path with characters JSON must escape");
  t.same(JSON.parse(lines[2] ?? "").url, entries[1]?.url, "and it parses back to the URL");

  logger.level = "warn";
  write(entries[0] as CompletedRequest);
  t.equal(lines.length, 4, "nothing below the logger's level");
});

t.test("jsonString() is JSON.stringify for any string", async (t) => {
  for (const unit of ["binary", "grapheme", "binary-ascii"] as const) {
    fc.assert(
      fc.property(fc.string({ unit }), (text) => jsonString(text) === JSON.stringify(text)),
      { numRuns: 1000 },
    );
  }
  t.equal(jsonString('a"b\\c\n\ud800'), '"a\\"b\\\\c\\n\\ud800"');
});
