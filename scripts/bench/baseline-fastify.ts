// Bench baseline: a bare Fastify 5 route that answers the seed's POST with the stub's 201 JSON:
// Fastify's JSON body parser and router, and nothing else (no logger, schemas, hooks or store).
// `--busy-us N` adds N µs of busy-waiting per request: the bench's calibration target, which
// shows what a fixed cost per request does to the ratios on this machine.
// `--log-line` adds what issue 10 asks of every server here and nothing more: one pino line per
// request (request-id, status, time) to stdout, written as the stub writes its own, from an
// onResponse hook. It is the floor of any server that logs its requests.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import Fastify, { LogController } from "fastify";
import { pino } from "pino";
import { createdBody, exitOnSignals, listening } from "./baseline.js";

const { values } = parseArgs({
  options: {
    "busy-us": { type: "string", default: "0" },
    "log-line": { type: "boolean", default: false },
  },
});
const busyMs = Number(values["busy-us"]) / 1000;

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin: this is the cost being measured
  }
}

const logLine = values["log-line"];
const app = Fastify({
  // The stub's own destination: pino's asynchronous standard output.
  logger: logLine ? { stream: pino.destination({ dest: 1, sync: false }) } : false,
  ...(logLine
    ? {
        logController: new LogController({
          disableRequestLogging: true,
          requestIdLogLabel: "request-id",
        }),
        genReqId: () => randomUUID(),
      }
    : {}),
});
if (logLine) {
  app.addHook("onResponse", (request, reply, done) => {
    request.log.info(
      { statusCode: reply.statusCode, responseTime: reply.elapsedTime },
      "request completed",
    );
    done();
  });
}
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
