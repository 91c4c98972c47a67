// Closing ends injected waits at once and answers what is still routed with Graph's 503 (body,
// request-id), never Fastify's own 503; npm start exits on SIGTERM within a few seconds.
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import Fastify from "fastify";
import t from "tap";
import { Shutdown } from "../../src/stub/shutdown.js";
import { listen } from "../helpers/listen.js";
import { assignmentsPath } from "../helpers/requests.js";
import { spawnTs } from "../helpers/spawn.js";

const unavailable = {
  error: {
    code: "serviceNotAvailable",
    message: "The service is temporarily unavailable. Please retry later.",
    innerError: { "request-id": /^[0-9a-f-]{36}$/ },
  },
};

/** The replies on one connection, split: status line, headers, JSON body. */
function replies(raw: string): { status: number; headers: string; body: unknown }[] {
  const found: { status: number; headers: string; body: unknown }[] = [];
  let rest = raw;
  for (let i = 0; i < 10 && rest.startsWith("HTTP/1.1 "); i++) {
    const end = rest.indexOf("\r\n\r\n");
    const headers = rest.slice(0, end);
    const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? 0);
    const body = rest.slice(end + 4, end + 4 + length);
    found.push({ status: Number(headers.slice(9, 12)), headers, body: JSON.parse(body) });
    rest = rest.slice(end + 4 + length);
  }
  return found;
}

/** A raw connection to `origin` and everything it receives until it closes. */
function connection(origin: string) {
  const socket = connect(Number(new URL(origin).port), "127.0.0.1");
  let raw = "";
  socket.on("data", (chunk) => {
    raw += chunk;
  });
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(raw)));
  return { socket, closed };
}

t.test("closing: a request in an injected wait and a late one get Graph's 503", async (t) => {
  const { app, origin } = await listen(t, { latency: [60_000, 60_000] });
  const waiting = connection(origin);
  const late = connection(origin);
  const head = `GET ${assignmentsPath} HTTP/1.1\r\nHost: x\r\n`;
  waiting.socket.write(`${head}Authorization: Bearer t\r\n\r\n`);
  late.socket.write(head); // its headers end only once the stub is closing
  await sleep(300); // let the first reach its wait (if not, it is late: the same answer)
  const closing = app.close();
  late.socket.write("Authorization: Bearer t\r\n\r\n");
  await closing;
  for (const [name, raw] of [
    ["the waiting request is answered at once", await waiting.closed],
    ["a request routed while closing", await late.closed],
  ] as const) {
    const [reply] = replies(raw);
    t.equal(reply?.status, 503, name);
    t.match(reply?.body, unavailable, name);
    t.match(reply?.headers, /\r\nrequest-id: [0-9a-f-]{36}/i);
    t.match(reply?.headers, /\r\ncontent-type: application\/json;odata.metadata=minimal/i);
    t.notMatch(reply?.headers, /retry-after/i, "no Retry-After: this instance is going away");
  }
});

t.test("npm start: SIGTERM during a 60 s injected wait answers 503 and exits", async (t) => {
  const server = spawnTs(
    "src/stub/server.ts",
    ["--port", "0", "--log-level", "silent", "--latency", "60000"],
    undefined,
    { direct: true },
  );
  t.teardown(() => server.child.kill("SIGKILL"));
  const [, origin] = await server.waitFor(/base URL\s+(http:\/\/127\.0\.0\.1:\d+)\/beta/);
  const pending = fetch(`${origin}${assignmentsPath}`, {
    headers: { authorization: "Bearer t", "x-stub-fault": "429; latency=60000" },
  });
  await sleep(500); // let it reach its wait (if not, it is late: the same answer)
  server.child.kill("SIGTERM");
  const res = await pending;
  t.equal(res.status, 503);
  t.match(await res.json(), unavailable);
  t.ok(res.headers.get("request-id"), "with request-id");
  t.equal(await server.exited(10_000), 0, "exits, well before the wait would have ended");
});

t.test("Shutdown.wait: ends by itself, and a wait begun after closing ends at once", async (t) => {
  const shutdown = new Shutdown();
  const app = Fastify();
  shutdown.install(app);
  await shutdown.wait(1);
  t.notOk(shutdown.closing);
  await app.close();
  t.ok(shutdown.closing);
  await t.rejects(shutdown.wait(60_000), {
    statusCode: 503,
    code: "serviceNotAvailable",
    message: "The service is temporarily unavailable. Please retry later.",
  });
});
