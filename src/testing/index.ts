// Drop-in helpers for other teams' tests: the stub in-process on a free port, with your
// fixtures, a ready typed client, a reset between tests, and close.
import type { FastifyInstance } from "fastify";
import { createGraphClient, type GraphClient } from "../client/index.js";
import { buildApp } from "../stub/app.js";
import { demoConfigurationId, demoFixtures, type Fixtures } from "../stub/fixtures.js";
import type { JournalEntry, JournalFilter } from "../stub/journal.js";
import type { AppOptions } from "../stub/options.js";
import { type PermissionsReport, permissionsReport } from "../stub/permissions.js";

export type { GraphClient } from "../client/index.js";
export { GraphApiError } from "../client/index.js";
export type { Fixtures } from "../stub/fixtures.js";
export type { JournalEntry, JournalFilter } from "../stub/journal.js";
export type { PermissionsReport } from "../stub/permissions.js";
export { demoConfigurationId, demoFixtures };

export interface StubOptions extends Partial<Omit<AppOptions, "fixtures">> {
  /** What the stub holds after start and after each `reset()`: a fixtures object or file. Default: the demo configuration. */
  fixtures?: Fixtures | string;
  /** The token the ready client sends. Default `test-token` (any bearer is accepted by default). */
  token?: string;
}

export interface TestStub {
  /** The service root to point your code at, e.g. `http://127.0.0.1:41234/beta`. */
  baseUrl: string;
  /** The origin alone, e.g. `http://127.0.0.1:41234` (Swagger UI is on `${origin}/docs`). */
  origin: string;
  /** A typed client for this stub, with the token already set. */
  client: GraphClient;
  /** The Fastify instance, for `app.inject` or logs. */
  app: FastifyInstance;
  /**
   * Drops everything written since start and every queued fault: the stub holds its fixtures
   * again, exactly as `POST /_stub/reset` with no body does.
   */
  reset(): void;
  /**
   * The requests your code sent under `/beta` since start or the last `reset()`, oldest first,
   * as `GET /_stub/requests` lists them: method, path, query, operationId, status, Graph error
   * `code`, `request-id`, `client-request-id`, the operation's permissions and the JSON body.
   * Every field of `filter` given must match (e.g. `{ operationId: "createAssignment" }`).
   */
  requests(filter?: JournalFilter): JournalEntry[];
  /**
   * The least privileged Graph permissions (delegated and application) that cover the requests
   * in the journal, as `GET /_stub/permissions` reports them.
   */
  permissions(): PermissionsReport;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the stub on 127.0.0.1 and a free port. It checks its own replies against the spec
 * (`selfCheck`) and logs nothing, unless you say otherwise.
 */
export async function startStub(options: StubOptions = {}): Promise<TestStub> {
  const { fixtures = demoFixtures, token = "test-token", ...appOptions } = options;
  const app = await buildApp({ logLevel: "silent", selfCheck: true, ...appOptions, fixtures });
  const origin = await app.listen({ host: "127.0.0.1", port: 0 });
  const baseUrl = `${origin}/beta`;
  return {
    baseUrl,
    origin,
    app,
    client: createGraphClient({ baseUrl, getAccessToken: () => token }),
    reset: () => app.resetStub(),
    requests: (filter) => app.journal.list(filter),
    permissions: () => permissionsReport(app.journal.list()),
    close: () => app.close(),
  };
}
