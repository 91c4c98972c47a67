import { connect } from "node:net";
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import t from "tap";
import { ReplyBatch } from "../../src/stub/reply-batching.js";
import { listen } from "../helpers/listen.js";
import { assignmentsPath, seedRequest } from "../helpers/requests.js";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const request = {} as FastifyRequest;
const reply = {} as FastifyReply;

function recordingLog(): { log: FastifyBaseLogger; errors: unknown[][] } {
  const errors: unknown[][] = [];
  const log = { error: (...args: unknown[]) => errors.push(args) } as unknown as FastifyBaseLogger;
  return { log, errors };
}

t.test("replies held in one turn are released together at its end, in order", async (t) => {
  const { log } = recordingLog();
  const batch = new ReplyBatch(log);
  const released: unknown[] = [];
  batch.hold(request, reply, "first", (_e, payload) => released.push(payload));
  batch.hold(request, reply, "second", (_e, payload) => released.push(payload));
  t.same(released, [], "nothing is written during the turn");
  t.equal(batch.size, 2);
  await nextTurn();
  t.same(released, ["first", "second"]);
  t.equal(batch.size, 0);

  batch.hold(request, reply, "third", (_e, payload) => released.push(payload));
  await nextTurn();
  t.same(released, ["first", "second", "third"], "a later turn starts a new batch");
});

t.test("a reply that fails to write is logged and does not hold back the others", async (t) => {
  const { log, errors } = recordingLog();
  const batch = new ReplyBatch(log);
  const released: unknown[] = [];
  batch.hold(request, reply, "broken", () => {
    throw new Error("socket gone");
  });
  batch.hold(request, reply, "fine", (_e, payload) => released.push(payload));
  await nextTurn();
  t.same(released, ["fine"]);
  t.equal(errors.length, 1);
  t.match(errors[0]?.[0], { err: { message: "socket gone" } });
  t.equal(errors[0]?.[1], "a batched reply could not be written");
});

t.test("pipelined requests on one connection are answered in order", async (t) => {
  const { origin } = await listen(t);
  const { port } = new URL(origin);
  const body = JSON.stringify(seedRequest);
  const post = (clientId: string) =>
    `POST ${assignmentsPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\n` +
    `Content-Type: application/json\r\nclient-request-id: ${clientId}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const socket = connect(Number(port), "127.0.0.1");
  t.teardown(() => socket.destroy());
  socket.setEncoding("utf8");
  let received = "";
  // A reply's status line follows the previous reply's body directly, with no line break.
  const statusLine = /HTTP\/1\.1 \d{3}/g;
  const ids = ["one", "two", "three", "four"];
  const allThere = new Promise<void>((resolve, reject) => {
    socket.on("data", (chunk: string) => {
      received += chunk;
      if ((received.match(statusLine) ?? []).length === ids.length) resolve();
    });
    socket.on("error", reject);
  });
  // All four requests in one write: the server reads them in one turn.
  socket.write(ids.map(post).join(""));
  await allThere;
  t.same(
    received.match(statusLine),
    ids.map(() => "HTTP/1.1 201"),
  );
  t.same(
    [...received.matchAll(/^client-request-id: (\S+)\r$/gm)].map((match) => match[1]),
    ids,
    "each reply answers its own request, in the order sent",
  );
});
