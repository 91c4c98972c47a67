// A request must arrive whole within `--request-timeout`: a client that stops sending (a body
// shorter than its Content-Length, headers that never end) gets Graph's 408 and the connection
// is closed, instead of holding it for Node's default of five minutes. Node's own timers do the
// counting (requestTimeout, checked every second); this module gives their replies Graph's body.
import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import type { FastifyServerOptions } from "fastify";
import { type GraphError, graphErrors } from "./errors.js";
import { graphErrorBody } from "./graph-api.js";
import { odataJsonContentType } from "./headers.js";

/** How often Node checks the connections for an expired request, in ms. */
const checkEveryMs = 1000;

/**
 * Fastify's (and its Node server's) settings for `timeoutMs`: the whole request, headers and
 * body, within it (the time the stub spends on it, injected latency included, does not count
 * once the client has sent everything).
 */
export function requestTimeouts(timeoutMs: number): {
  /** Node's `http.createServer` options (also for `https.createServer`). */
  server: { requestTimeout: number; headersTimeout: number; connectionsCheckingInterval: number };
  fastify: Pick<FastifyServerOptions, "requestTimeout" | "clientErrorHandler">;
} {
  return {
    server: {
      requestTimeout: timeoutMs,
      headersTimeout: Math.min(60_000, timeoutMs),
      connectionsCheckingInterval: Math.min(checkEveryMs, timeoutMs),
    },
    fastify: { requestTimeout: timeoutMs, clientErrorHandler: graphClientErrorHandler(timeoutMs) },
  };
}

/** The error Node reports for a connection, as Graph would answer it. */
function clientError(error: { code?: string }, timeoutMs: number): GraphError {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return graphErrors.requestTimeout(timeoutMs);
  if (error.code === "HPE_HEADER_OVERFLOW") return graphErrors.headersTooLarge();
  return graphErrors.badHttp();
}

/**
 * Fastify's `clientErrorHandler` (errors before a request exists: timeouts, unreadable HTTP):
 * Graph's error body and headers, then the connection is closed.
 */
function graphClientErrorHandler(timeoutMs: number) {
  return (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const graphError = clientError(error, timeoutMs);
    const id = randomUUID();
    const body = JSON.stringify(graphErrorBody(graphError, id, id));
    if (socket.writable) {
      socket.write(
        [
          `HTTP/1.1 ${graphError.statusCode} ${statusText[graphError.statusCode]}`,
          `content-type: ${odataJsonContentType}`,
          `content-length: ${Buffer.byteLength(body)}`,
          `request-id: ${id}`,
          `client-request-id: ${id}`,
          "connection: close",
          "",
          body,
        ].join("\r\n"),
      );
    }
    socket.destroy();
  };
}

const statusText: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};
