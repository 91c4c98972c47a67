// buildApp(options): a ready Fastify instance of the stub. It never listens; server.ts does.
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { pino } from "pino";
import { createAuthenticator } from "./auth.js";
import { docs } from "./docs.js";
import { graphErrors, toGraphError } from "./errors.js";
import { demoFixtures, loadFixtures } from "./fixtures.js";
import { graphApi, sendGraphError } from "./graph-api.js";
import { clientRequestId, setGraphHeaders } from "./headers.js";
import { type AppOptions, defaultAppOptions } from "./options.js";
import { MemoryStore } from "./store/memory.js";
import type { Store } from "./store/store.js";
import { bodyAjv, compile, parameterAjv } from "./validation.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The stub's state. */
    store: Store;
  }
}

export interface BuildOptions extends Partial<AppOptions> {
  /** The store to serve from. Default: a new in-memory store loaded with the fixtures. */
  store?: Store;
  /** The file descriptor the log is written to; closed with the app unless 1 or 2. Default 1 (stdout). */
  logDestination?: number;
}

export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const settings: AppOptions = { ...defaultAppOptions, ...options };
  // Pino's asynchronous mode: the request lines are written 8 KiB at a time, or within 100 ms
  // when traffic is light; what is left is written on close or, by pino, on exit. Pino's default
  // starts a write as soon as a line arrives: under load, many small writes through the thread
  // pool, each waking the log's reader, cost the stub throughput (npm run bench).
  const logStream =
    settings.logLevel === "silent"
      ? undefined
      : pino.destination({
          dest: options.logDestination ?? 1,
          sync: false,
          minLength: 8192,
          periodicFlush: 100,
        });
  const app = Fastify({
    logger: { level: settings.logLevel, stream: logStream },
    // One log line per request (onResponse below) instead of Fastify's two.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: "request-id",
    }),
    genReqId: () => randomUUID(),
    bodyLimit: settings.bodyLimit,
    // Errors Fastify meets before routing (a malformed URL) still get Graph's body and headers.
    frameworkErrors: (error, request, reply) => {
      setGraphHeaders(request, reply);
      const { graphError } = toGraphError(error, request, settings.bodyLimit);
      return sendGraphError(graphError, request.id, clientRequestId(request), reply);
    },
  });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    compile(schema as Record<string, unknown>, httpPart === "body" ? bodyAjv : parameterAjv),
  );

  const store = options.store ?? new MemoryStore();
  if (!options.store) loadFixtures(settings.fixtures ?? demoFixtures, store);
  app.decorate("store", store);

  if (logStream) {
    // After the last request: write what is buffered, then stop the flush timer.
    app.addHook("onClose", (_app, done) => {
      logStream.once("close", () => done());
      logStream.end();
    });
  }

  // A callback hook, not an async one: no promise per request for a synchronous log call.
  app.addHook("onResponse", (request, reply, done) => {
    request.log.info(
      {
        operationId: request.routeOptions.config.operationId,
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime * 100) / 100,
      },
      "request completed",
    );
    done();
  });

  // Outside /beta and the docs: Graph's answer for a path it does not know.
  app.setNotFoundHandler(async (request, reply) => {
    setGraphHeaders(request, reply);
    return sendGraphError(graphErrors.outsideGraph(), request.id, clientRequestId(request), reply);
  });

  await app.register(docs);
  await app.register(graphApi, {
    prefix: "/beta",
    store,
    authenticate: createAuthenticator(settings),
    bodyLimit: settings.bodyLimit,
  });
  return app;
}
