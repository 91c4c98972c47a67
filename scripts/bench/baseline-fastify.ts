// Bench baseline: a bare Fastify 5 route that answers the seed's POST with the stub's 201 JSON:
// Fastify's JSON body parser and router, and nothing else (no logger, schemas, hooks or store).
// `--busy-us N` adds N µs of busy-waiting per request: the bench's calibration target, which
// shows what a fixed cost per request does to the throughput ratio on this machine.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import { createdBody, exitOnSignals, listening } from "./baseline.js";

const { values } = parseArgs({ options: { "busy-us": { type: "string", default: "0" } } });
const busyMs = Number(values["busy-us"]) / 1000;

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin: this is the cost being measured
  }
}

const app = Fastify({ logger: false });
app.post<{ Params: { id: string }; Body: { target: unknown } }>(
  "/beta/officeConfiguration/clientConfigurations/:id/assignments",
  async (request, reply) => {
    if (busyMs > 0) busyWait(busyMs);
    return reply
      .code(201)
      .send(createdBody(request.headers.host, randomUUID(), request.body.target));
  },
);
await app.listen({ port: 0, host: "127.0.0.1" });
listening(app.server.address());
exitOnSignals(() => app.close());
