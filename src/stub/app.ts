// buildApp(options): a ready Fastify instance of the stub. It never listens; server.ts does.
import { randomUUID } from "node:crypto";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import { type DestinationStream, pino } from "pino";
import { createAuthenticator } from "./auth.js";
import { noDefaultCompilers, serializerCompiler, validatorCompiler } from "./compilers.js";
import { controlGuard } from "./control-guard.js";
import { docs } from "./docs.js";
import { graphErrors } from "./errors.js";
import { Faults } from "./faults.js";
import {
  demoFixtures,
  type Fixtures,
  loadFixtures,
  readFixtures,
  storeFixtures,
} from "./fixtures.js";
import { graphApi, graphErrorHandler, sendGraphError, stubControl } from "./graph-api.js";
import { clientRequestId, setGraphHeaders } from "./headers.js";
import { maxKeySegmentLength } from "./ids.js";
import { Journal, stampArrivals } from "./journal.js";
import { logCompletedRequest, prettyLog, requestIdLogLabel } from "./log.js";
import { rewriteKeySegments } from "./odata/key-syntax.js";
import { type AppOptions, defaultAppOptions } from "./options.js";
import { createHandlers } from "./routes/index.js";
import { Shutdown } from "./shutdown.js";
import { MemoryStore } from "./store/memory.js";
import { logDataFileErrors, openSqliteStore } from "./store/open-sqlite.js";
import type { Store } from "./store/store.js";
import { requestTimeouts } from "./timeouts.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The stub's state. */
    store: Store;
    /** The last requests under /beta (`--journal-size`), for GET /_stub/requests and tests. */
    journal: Journal;
    /**
     * Back to a fixtures document (default: the start fixtures) with no queued faults, as
     * `POST /_stub/reset` does. @throws FixturesError, changing nothing, on a refused document.
     */
    resetStub(fixtures?: Fixtures): void;
  }
}

export interface BuildOptions extends Partial<AppOptions> {
  /**
   * The store to serve from, as it is (no fixtures are loaded; the caller closes it). Default: a
   * SqliteStore on `data` when set, else a new in-memory store; either loaded with the fixtures.
   */
  store?: Store;
  /** Where the JSON log lines go (tests capture them). Default: standard output. */
  logStream?: DestinationStream;
}

/** The store buildApp opens itself; a data file gets the fixtures only when it is new. */
async function openStore(settings: AppOptions, fixtures: Fixtures): Promise<Store> {
  if (settings.data === undefined) {
    const store = new MemoryStore(settings.maxStoredBytes);
    loadFixtures(fixtures, store);
    return store;
  }
  const store = await openSqliteStore(settings.data);
  try {
    store.seedOnce((empty) => loadFixtures(fixtures, empty));
  } catch (error) {
    // A disk that fails while seeding: close, so the file's lock goes and the next start seeds it.
    store.close();
    throw error;
  }
  return store;
}

/**
 * Standard output, written asynchronously (pino's sonic-boom): lines that come while a write is
 * in flight leave together with the next one, and pino flushes what is left on exit.
 */
function standardOutput(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  // An option given as undefined means "the default", not "unset".
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const settings: AppOptions = { ...defaultAppOptions, ...given };
  // Loaded only with --https (certs.ts), like the store's better-sqlite3 only with --data.
  const tls = settings.https
    ? await (await import("./certs.js")).ensureCertificates(settings.certDir)
    : undefined;
  const journal = new Journal(settings.journalSize, settings.journalBytes);
  // After each reply: its log line and its journal entry (the route's config read once).
  const completed = (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    logCompletedRequest(request, reply, config);
    const code = reply.graphError?.code ?? null;
    journal.record(request, config, reply.statusCode, code, reply.elapsedTime);
  };
  // One instance type for both transports: routes and hooks do not depend on it.
  const timeouts = requestTimeouts(settings.requestTimeout);
  // A request without Host reaches the stub, which answers Graph's 400 (graph-api.ts), rather
  // than Node's bare 400 without a body or request-id.
  const server = { ...timeouts.server, requireHostHeader: false };
  const app = Fastify({
    ...(tls ? { https: { key: tls.key, cert: tls.cert, ...server } } : { http: server }),
    ...timeouts.fastify,
    logger: {
      level: settings.logLevel,
      stream:
        settings.logFormat === "pretty"
          ? await prettyLog(options.logStream ?? 1)
          : (options.logStream ?? standardOutput()),
    },
    // One log line per request (onResponse below) instead of Fastify's two.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel,
    }),
    genReqId: () => randomUUID(),
    // OData's `clientConfigurations('id')` addresses what `clientConfigurations/id` does.
    rewriteUrl: (request) => rewriteKeySegments(request.url ?? "/"),
    bodyLimit: settings.bodyLimit,
    // Every id the stub stores routes back (ids.ts); a longer key segment is a Graph 400.
    routerOptions: { maxParamLength: maxKeySegmentLength },
    // Errors Fastify meets before routing (a malformed URL) get the same handler as the rest.
    // They run no hooks, so the handler writes their log line and journal entry itself.
    frameworkErrors: (error, request, reply) => {
      graphErrorHandler(settings.bodyLimit, settings.maxErrorDetails)(error, request, reply);
      completed(request, reply);
    },
    // While closing, Graph's 503 (shutdown.ts), not Fastify's own body without request-id.
    return503OnClosing: false,
    schemaController: noDefaultCompilers,
  });
  app.setErrorHandler(graphErrorHandler(settings.bodyLimit, settings.maxErrorDetails));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const initialFixtures = readFixtures(settings.fixtures ?? demoFixtures);
  const store = options.store ?? (await openStore(settings, initialFixtures));
  if (!options.store) app.addHook("onClose", async () => store.close());
  if (settings.data !== undefined) logDataFileErrors(app, settings.data);
  app.decorate("store", store);
  const faults = new Faults(settings);
  app.decorate("journal", journal);
  // The one reset, for POST /_stub/reset and the testing helpers: checked whole first, then
  // the store replaced in one transaction (all of it or none, even through kill -9).
  const reset = (fixtures: Fixtures = initialFixtures) => {
    const next = readFixtures(fixtures);
    store.replaceAll((empty) => storeFixtures(next, empty));
    faults.clear();
    journal.clear();
  };
  app.decorate("resetStub", reset);
  const handlers = createHandlers({
    store,
    pageSize: settings.pageSize,
    queryLimits: {
      maxFilterNodes: settings.maxFilterNodes,
      maxFilterDepth: settings.maxFilterDepth,
      maxOrderbyKeys: settings.maxOrderbyKeys,
    },
    faults,
    reset,
    journal,
  });

  app.decorateReply("graphError", null);
  stampArrivals(app, journal);
  app.addHook("onResponse", (request, reply, done) => {
    completed(request, reply);
    done();
  });
  const shutdown = new Shutdown();
  shutdown.install(app);

  // Outside /beta and the docs: Graph's answer for a path it does not know.
  app.setNotFoundHandler(async (request, reply) => {
    setGraphHeaders(request, reply);
    return sendGraphError(graphErrors.outsideGraph(), request.id, clientRequestId(request), reply);
  });

  await app.register(docs);
  await app.register(graphApi, {
    prefix: "/beta",
    handlers,
    authenticate: createAuthenticator(settings),
    faults,
    shutdown,
    bodyLimit: settings.bodyLimit,
    selfCheck: settings.selfCheck,
  });
  await app.register(stubControl, {
    handlers,
    guard: controlGuard(settings.controlToken),
    bodyLimit: settings.bodyLimit,
    selfCheck: settings.selfCheck,
  });
  return app;
}
