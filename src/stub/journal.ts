// The request journal: the last N requests under /beta, as WireMock's request journal keeps
// them, so a test can check what its code sent (GET /_stub/requests, startStub().requests()).
// Kept in a ring of fixed size; the Authorization header is never read into it.
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from "fastify";
import type { components } from "../../generated/schema.js";
import { leastPrivileged } from "./permissions.js";

export type JournalEntry = components["schemas"]["stubRequest"];
export type JournalReport = components["schemas"]["stubRequestJournal"];

/** Which entries to list; every given field must match (the query of GET /_stub/requests). */
export interface JournalFilter {
  /** The operationId the request reached. */
  operationId?: string;
  /** The HTTP method, upper case. */
  method?: string;
  /** The reply's status. */
  status?: number;
  /** Entries at or after this time (an RFC 3339 date-time or a Date). */
  since?: string | Date;
}

/**
 * What the journal keeps of one request: the values as they come, formatted into a
 * JournalEntry only when listed, because most entries are never read.
 */
interface Recorded {
  /** Arrival, ms since the epoch. */
  arrivedAt: number;
  /** Arrival order: entries are listed by it (a batch before its steps, which end first). */
  arrival: number;
  method: string;
  url: string;
  operationId: string | null;
  status: number;
  code: string | null;
  durationMs: number;
  requestId: string;
  clientRequestId: string | undefined;
  scopes: string[][];
  body: unknown;
  contentLength: string | string[] | undefined;
}

export class Journal {
  readonly #size: number;
  readonly #bodyLimit: number;
  #entries: Recorded[] = [];
  /** Where the next entry goes once the ring is full. */
  #next = 0;
  /** The last arrival number given. */
  #arrivals = 0;

  /**
   * @param size the most entries kept, oldest dropped first; 0 keeps none.
   * @param bodyLimit the largest JSON body, in bytes, kept with its entry.
   */
  constructor(size: number, bodyLimit: number) {
    this.#size = size;
    this.#bodyLimit = bodyLimit;
  }

  /** Stamps a request's arrival (an onRequest hook), for its entry's `time` and order. */
  arrived(request: FastifyRequest): void {
    request.arrivedAt = Date.now();
    request.arrival = ++this.#arrivals;
  }

  /**
   * Records one answered request under /beta (others are not journaled). A request that was
   * never stamped (refused before routing) arrived as it was answered.
   * @param code the Graph error code of the reply, null for a success.
   * @param durationMs from arrival to the end of the reply.
   */
  record(
    request: FastifyRequest,
    config: FastifyContextConfig,
    status: number,
    code: string | null,
    durationMs: number,
  ): void {
    if (this.#size === 0 || !/^\/beta(?:[/?]|$)/.test(request.url)) return;
    const recorded: Recorded = {
      arrivedAt: request.arrivedAt || Date.now(),
      arrival: request.arrival || ++this.#arrivals,
      method: request.method,
      // As sent: `clientConfigurations('x')` stays so, though the router reads it rewritten.
      url: request.originalUrl,
      operationId: config.operationId ?? null,
      status,
      code,
      durationMs,
      requestId: request.id,
      clientRequestId: headerValue(request.headers["client-request-id"]),
      scopes: config.scopes ?? [],
      body: request.body,
      contentLength: request.headers["content-length"],
    };
    if (this.#entries.length < this.#size) {
      this.#entries.push(recorded);
      return;
    }
    this.#entries[this.#next] = recorded;
    this.#next = (this.#next + 1) % this.#size;
  }

  /** A kept request as GET /_stub/requests lists it. */
  #entry(recorded: Recorded): JournalEntry {
    const [path = "", query = ""] = splitUrl(recorded.url);
    return {
      time: new Date(recorded.arrivedAt).toISOString(),
      method: recorded.method,
      path,
      query,
      operationId: recorded.operationId,
      status: recorded.status,
      code: recorded.code,
      durationMs: Math.round(recorded.durationMs * 100) / 100,
      requestId: recorded.requestId,
      clientRequestId: recorded.clientRequestId || recorded.requestId,
      scopes: recorded.scopes,
      ...this.#body(recorded),
    };
  }

  /** The body fields of an entry: its size, and the JSON value when it is small enough. */
  #body({
    body,
    contentLength,
  }: Recorded): Pick<JournalEntry, "body" | "bodyBytes" | "bodyTruncated"> {
    if (body === undefined || body === null) return {};
    if (Buffer.isBuffer(body)) return { bodyBytes: body.length };
    const length = Number(headerValue(contentLength) ?? Number.NaN);
    const bytes = Number.isInteger(length) ? length : Buffer.byteLength(JSON.stringify(body));
    return bytes > this.#bodyLimit
      ? { bodyBytes: bytes, bodyTruncated: true }
      : { body, bodyBytes: bytes };
  }

  /** The entries, oldest first, that match every field of `filter`. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const since = filter.since === undefined ? undefined : new Date(filter.since).getTime();
    const ordered = [...this.#entries.slice(this.#next), ...this.#entries.slice(0, this.#next)];
    return ordered
      .sort((a, b) => a.arrival - b.arrival)
      .filter(
        (recorded) =>
          (filter.operationId === undefined || recorded.operationId === filter.operationId) &&
          (filter.method === undefined || recorded.method === filter.method) &&
          (filter.status === undefined || recorded.status === filter.status) &&
          (since === undefined || recorded.arrivedAt >= since),
      )
      .map((recorded) => this.#entry(recorded));
  }

  /** The matching entries and their summary (GET /_stub/requests). */
  report(filter: JournalFilter = {}): JournalReport {
    const value = this.list(filter);
    const operations: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    for (const entry of value) {
      if (entry.operationId !== null) {
        operations[entry.operationId] = (operations[entry.operationId] ?? 0) + 1;
      }
      statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
    }
    return {
      value,
      summary: {
        requests: value.length,
        operations,
        statuses,
        permissions: leastPrivileged(value.map((entry) => entry.scopes)),
      },
    };
  }

  clear(): void {
    this.#entries = [];
    this.#next = 0;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function splitUrl(url: string): [string, string] {
  const at = url.indexOf("?");
  return at === -1 ? [url, ""] : [url.slice(0, at), url.slice(at + 1)];
}

declare module "fastify" {
  interface FastifyRequest {
    /** When the request came in (ms since the epoch), for the journal's `time`. */
    arrivedAt: number;
    /** The request's arrival number (Journal.arrived), 0 until stamped. */
    arrival: number;
  }
}

/**
 * Stamps each request's arrival for its journal entry (a callback hook: nothing to await). The
 * entry itself is written by the app's one onResponse hook, with the log line.
 */
export function stampArrivals(app: FastifyInstance, journal: Journal): void {
  app.decorateRequest("arrivedAt", 0);
  app.decorateRequest("arrival", 0);
  // The clock at arrival, so `since` keeps every request sent after that time.
  app.addHook("onRequest", (request, _reply, done) => {
    journal.arrived(request);
    done();
  });
}
