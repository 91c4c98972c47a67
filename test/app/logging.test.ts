import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import t from "tap";
import { buildApp } from "../../src/app.js";
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
