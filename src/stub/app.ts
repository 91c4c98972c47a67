// buildApp(options): a ready Fastify instance of the stub. It never listens; server.ts does.
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { type DestinationStream, pino } from "pino";
import { precompiledValidator } from "../spec/request-validators.js";
import { createAuthenticator } from "./auth.js";
import { controlGuard } from "./control-guard.js";
import { docs } from "./docs.js";
import { graphErrors } from "./errors.js";
import { Faults } from "./faults.js";
import { demoFixtures, type Fixtures, loadFixtures, readFixtures } from "./fixtures.js";
import { graphApi, graphErrorHandler, sendGraphError, stubControl } from "./graph-api.js";
import { clientRequestId, setGraphHeaders } from "./headers.js";
import { Journal, journalRequests } from "./journal.js";
import { logCompletedRequests, prettyLog, requestIdLogLabel } from "./log.js";
import { type AppOptions, defaultAppOptions } from "./options.js";
import { createHandlers } from "./routes/index.js";
import { MemoryStore } from "./store/memory.js";
import { openSqliteStore } from "./store/open-sqlite.js";
import type { Store } from "./store/store.js";

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
    const store = new MemoryStore();
    loadFixtures(fixtures, store);
    return store;
  }
  const store = await openSqliteStore(settings.data);
  try {
    store.seedOnce((empty) => loadFixtures(fixtures, empty));
  } catch (error) {
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

function serializeJson(data: unknown): string {
  return JSON.stringify(data);
}

export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  // An option given as undefined means "the default", not "unset".
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const settings: AppOptions = { ...defaultAppOptions, ...given };
  // Loaded only with --https (certs.ts), like the store's better-sqlite3 only with --data.
  const tls = settings.https
    ? await (await import("./certs.js")).ensureCertificates(settings.certDir)
    : undefined;
  // One instance type for both transports: routes and hooks do not depend on it.
  const app = Fastify({
    ...(tls ? { https: { key: tls.key, cert: tls.cert } } : {}),
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
    bodyLimit: settings.bodyLimit,
    // Errors Fastify meets before routing (a malformed URL) get the same handler as the rest.
    frameworkErrors: graphErrorHandler(settings.bodyLimit),
  });
  app.setErrorHandler(graphErrorHandler(settings.bodyLimit));
  // Request schemas are compiled ahead of time (npm run generate): nothing is compiled here.
  app.setValidatorCompiler(({ schema, method, url, httpPart }) => {
    const validate = precompiledValidator(schema);
    if (!validate) {
      throw new Error(
        `no precompiled ${httpPart} validator for ${method} ${url}: run npm run generate`,
      );
    }
    return validate;
  });
  // Replies are typed from the spec and JSON.stringify writes them as they are; a compiled
  // serializer per response schema would cost more at start than it saves per reply.
  app.setSerializerCompiler(() => serializeJson);

  const initialFixtures = readFixtures(settings.fixtures ?? demoFixtures);
  const store = options.store ?? (await openStore(settings, initialFixtures));
  if (!options.store) app.addHook("onClose", async () => store.close());
  app.decorate("store", store);
  const faults = new Faults(settings);
  const journal = new Journal(settings.journalSize, settings.journalBytes);
  app.decorate("journal", journal);
  // The one reset, for POST /_stub/reset and the testing helpers: checked before it clears.
  const reset = (fixtures: Fixtures = initialFixtures) => {
    const next = readFixtures(fixtures);
    store.clear();
    loadFixtures(next, store);
    faults.clear();
    journal.clear();
  };
  app.decorate("resetStub", reset);
  const handlers = createHandlers({ store, pageSize: settings.pageSize, faults, reset, journal });

  logCompletedRequests(app);
  journalRequests(app, journal);

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
