// Bench baseline: a plain node:http handler that answers the seed's POST with the stub's 201
// JSON, with no routing, auth, validation, store, Graph headers or logging. The ceiling.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createdBody, exitOnSignals, listening } from "./baseline.js";

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    let target: unknown;
    try {
      target = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { target?: unknown }).target;
    } catch {
      response.writeHead(400).end();
      return;
    }
    const json = JSON.stringify(createdBody(request.headers.host, randomUUID(), target));
    response.writeHead(201, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(json),
    });
    response.end(json);
  });
});
server.listen(0, "127.0.0.1", () => listening(server.address()));
exitOnSignals(() => new Promise((resolve) => server.close(resolve)));
