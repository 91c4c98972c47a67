// The request journal: the last N requests under /beta, as WireMock's request journal keeps
// them, so a test can check what its code sent (GET /_stub/requests, startStub().requests()).
// Kept in a ring of fixed size; the Authorization header is never read into it.
import type { FastifyInstance, FastifyRequest } from "fastify";
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

export class Journal {
  readonly #size: number;
  readonly #bodyLimit: number;
  #entries: JournalEntry[] = [];
  /** Where the next entry goes once the ring is full. */
  #next = 0;

  /**
   * @param size the most entries kept, oldest dropped first; 0 keeps none.
   * @param bodyLimit the largest JSON body, in bytes, kept with its entry.
   */
  constructor(size: number, bodyLimit: number) {
    this.#size = size;
    this.#bodyLimit = bodyLimit;
  }

  /** Records one answered request (an onResponse hook of the app). */
  record(request: FastifyRequest, status: number, code: string | null, durationMs: number): void {
    if (this.#size === 0) return;
    const [path = "", query = ""] = splitUrl(request.url);
    const entry: JournalEntry = {
      // Requests refused before routing skip onRequest: their time is when they were answered.
      time: new Date(request.arrivedAt || Date.now()).toISOString(),
      method: request.method,
      path,
      query,
      operationId: request.routeOptions.config.operationId ?? null,
      status,
      code,
      durationMs: Math.round(durationMs * 100) / 100,
      requestId: request.id,
      clientRequestId: headerValue(request.headers["client-request-id"]) ?? request.id,
      scopes: request.routeOptions.config.scopes ?? [],
      ...this.#body(request),
    };
    if (this.#entries.length < this.#size) {
      this.#entries.push(entry);
      return;
    }
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#size;
  }

  /** The body fields of an entry: its size, and the JSON value when it is small enough. */
  #body(request: FastifyRequest): Pick<JournalEntry, "body" | "bodyBytes" | "bodyTruncated"> {
    const length = Number(headerValue(request.headers["content-length"]) ?? Number.NaN);
    const body: unknown = request.body;
    if (body === undefined || body === null) return {};
    if (Buffer.isBuffer(body)) return { bodyBytes: body.length };
    const bytes = Number.isInteger(length) ? length : Buffer.byteLength(JSON.stringify(body));
    return bytes > this.#bodyLimit
      ? { bodyBytes: bytes, bodyTruncated: true }
      : { body, bodyBytes: bytes };
  }

  /** The entries, oldest first, that match every field of `filter`. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const since = filter.since === undefined ? undefined : new Date(filter.since).getTime();
    const ordered = [...this.#entries.slice(this.#next), ...this.#entries.slice(0, this.#next)];
    return ordered.filter(
      (entry) =>
        (filter.operationId === undefined || entry.operationId === filter.operationId) &&
        (filter.method === undefined || entry.method === filter.method) &&
        (filter.status === undefined || entry.status === filter.status) &&
        (since === undefined || Date.parse(entry.time) >= since),
    );
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
  }
}

/** Records every request under /beta as it completes, with the Graph error code it got. */
export function journalRequests(app: FastifyInstance, journal: Journal): void {
  app.decorateRequest("arrivedAt", 0);
  // The clock at arrival, so `since` keeps every request sent after that time.
  app.addHook("onRequest", async (request) => {
    request.arrivedAt = Date.now();
  });
  app.addHook("onResponse", async (request, reply) => {
    if (!/^\/beta(?:[/?]|$)/.test(request.url)) return;
    journal.record(request, reply.statusCode, reply.graphError?.code ?? null, reply.elapsedTime);
  });
}
