// The requests the contract checker sends, how it sends them, and how it prints them as curl.
import { randomUUID } from "node:crypto";

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
}

/** How long one request may take, headers and body, by default: 30 000 ms. */
export const defaultTimeoutMs = 30_000;

/** What the usual socket error codes mean, in words. */
const causes: Record<string, string> = {
  ECONNREFUSED: "connection refused: nothing listens there",
  ECONNRESET: "connection reset by the server",
  UND_ERR_SOCKET: "connection closed by the server before a complete reply",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ETIMEDOUT: "connection timed out",
};

/**
 * The root cause of a failed fetch, in one line: fetch throws `TypeError: fetch failed` (or
 * `terminated` mid-body) and keeps what went wrong in `cause` (undici), sometimes in an
 * AggregateError's `errors` (one per address tried).
 */
export function describeFailure(error: unknown, timeoutMs: number): string {
  let deepest: unknown = error;
  for (let depth = 0; depth < 8; depth++) {
    if (!(deepest instanceof Error)) break;
    if (deepest.name === "TimeoutError") {
      return `timeout: no complete reply within ${timeoutMs} ms`;
    }
    const next: unknown =
      deepest.cause ?? (deepest instanceof AggregateError ? deepest.errors[0] : undefined);
    if (next === undefined) break;
    deepest = next;
  }
  if (!(deepest instanceof Error)) return String(deepest);
  const code = (deepest as { code?: unknown }).code;
  // undici refuses the Fetch standard's blocked ports (1, 9, 25, …) before connecting.
  if (deepest.message === "bad port") return "bad port: fetch never connects to this port";
  if (typeof code !== "string") return deepest.message;
  return `${causes[code] ?? code} (${code}: ${deepest.message})`;
}

/** A request that got no complete reply: refused, reset, closed, timed out or cut short. */
export class NoReply extends Error {
  /** The request that failed, to rerun it. */
  readonly request: HttpRequest;
  /** Why, e.g. `connection refused (nothing listens there) (ECONNREFUSED: connect …)`. */
  readonly reason: string;

  constructor(request: HttpRequest, reason: string) {
    super(`no reply to ${request.method} ${request.url}: ${reason}`);
    this.name = "NoReply";
    this.request = request;
    this.reason = reason;
  }
}

/**
 * Sends one request with a fresh `client-request-id`, so a failure can be traced in logs.
 * Throws NoReply, with the cause, when the request gets no complete reply within `timeoutMs`.
 */
export async function send(
  request: HttpRequest,
  fetchImpl: typeof fetch,
  timeoutMs = defaultTimeoutMs,
): Promise<HttpReply> {
  const headers = { "client-request-id": randomUUID(), ...request.headers };
  request.headers = headers;
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new NoReply(request, describeFailure(error, timeoutMs));
  }
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), text, json };
}

const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/** A ready-to-run curl line for the request (without its one-off client-request-id). */
export function curl(request: HttpRequest): string {
  const parts = ["curl -i", "-X", request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== "client-request-id") parts.push("-H", quote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push("--data-raw", quote(request.body));
  return parts.join(" ");
}
