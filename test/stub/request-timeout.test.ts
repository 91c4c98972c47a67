// --request-timeout: a client that stops sending gets Graph's 408 and its connection closed; a
// request that arrived whole is never cut off, however long the stub takes (injected latency).
import { connect } from "node:net";
import t from "tap";
import { listen } from "../helpers/listen.js";
import { assignmentsPath, groupRequest, json } from "../helpers/requests.js";

/** Sends `text` on a raw connection and resolves with all it received once it is closed. */
function exchange(origin: string, text: string): Promise<string> {
  const socket = connect(Number(new URL(origin).port), "127.0.0.1");
  let raw = "";
  socket.on("data", (chunk) => {
    raw += chunk;
  });
  socket.on("error", () => {});
  socket.write(text);
  return new Promise((resolve) => socket.on("close", () => resolve(raw)));
}

function parsed(raw: string) {
  const end = raw.indexOf("\r\n\r\n");
  return {
    status: Number(raw.slice(9, 12)),
    headers: raw.slice(0, end),
    body: JSON.parse(raw.slice(end + 4)),
  };
}

const graphHeaders = [
  /\r\ncontent-type: application\/json;odata.metadata=minimal/i,
  /\r\nrequest-id: [0-9a-f-]{36}/i,
  /\r\nconnection: close/i,
];

t.test("a body shorter than its Content-Length: 408 with Graph's body, closed", async (t) => {
  const { origin } = await listen(t, { requestTimeout: 500 });
  const raw = await exchange(
    origin,
    `POST ${assignmentsPath} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"target":`,
  );
  const reply = parsed(raw);
  t.equal(reply.status, 408);
  t.match(reply.body, {
    error: {
      code: "RequestTimeout",
      message: "The request was not received in full within 500 ms (--request-timeout).",
      innerError: { "request-id": /^[0-9a-f-]{36}$/ },
    },
  });
  for (const header of graphHeaders) t.match(reply.headers, header);
});

t.test("headers that never end: the same 408", async (t) => {
  const { origin } = await listen(t, { requestTimeout: 500 });
  const reply = parsed(await exchange(origin, `GET ${assignmentsPath} HTTP/1.1\r\nHost: x\r\n`));
  t.equal(reply.status, 408);
  t.equal(reply.body.error.code, "RequestTimeout");
});

t.test("unreadable HTTP and oversized headers: Graph's body too", async (t) => {
  const { origin } = await listen(t, {});
  const garbage = parsed(await exchange(origin, "NOT HTTP AT ALL\r\n\r\n"));
  t.equal(garbage.status, 400);
  t.match(garbage.body, {
    error: { code: "BadRequest", message: "The request could not be read as HTTP." },
  });
  for (const header of graphHeaders) t.match(garbage.headers, header);
  const big = parsed(
    await exchange(origin, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`),
  );
  t.equal(big.status, 431);
  t.match(big.body, {
    error: { code: "BadRequest", message: "The request headers are too large." },
  });
});

t.test("a request that arrived whole is not cut off by injected latency", async (t) => {
  const { baseUrl } = await listen(t, { requestTimeout: 200, latency: [1500, 1500] });
  const res = await fetch(`${baseUrl}${assignmentsPath.slice("/beta".length)}`, {
    method: "POST",
    headers: json,
    body: JSON.stringify(groupRequest),
  });
  t.equal(res.status, 201);
});
