// The request log: one line per request as it completes, written through pino's own API by
// the request's child logger (which carries its `request-id`), with the operationId, the status
// and, for a refused or failed request, the Graph error's code, message and target.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { batchOf } from "./batch.js";
import type { GraphError } from "./errors.js";

/** The field that carries the request id on every line about a request. */
export const requestIdLogLabel = "request-id";

declare module "fastify" {
  interface FastifyReply {
    /** The Graph error this reply carries, if any (set by sendGraphError), for the log line. */
    graphError: GraphError | null;
  }
}

/** The "request completed" line: `info` up to 4xx, `error` for 5xx. */
export function logCompletedRequest(request: FastifyRequest, reply: FastifyReply): void {
  const error = reply.graphError;
  const fields = {
    operationId: request.routeOptions.config.operationId,
    method: request.method,
    url: request.url,
    statusCode: reply.statusCode,
    responseTime: Math.round(reply.elapsedTime * 100) / 100,
    ...(error ? { code: error.code, message: error.message, target: error.target } : {}),
  };
  // A batch is one request: the requests in it are lines of their own only at `debug`.
  const batch = batchOf(request);
  if (batch !== undefined) request.log.debug({ ...fields, batch }, "batch request completed");
  else if (reply.statusCode >= 500) request.log.error(fields, "request completed");
  else request.log.info(fields, "request completed");
}

/**
 * Adds the "request completed" line to every routed request. Requests refused before routing
 * (Fastify's `frameworkErrors`: a malformed URL, an over-long key) run no hooks: their handler
 * calls logCompletedRequest itself.
 */
export function logCompletedRequests(app: FastifyInstance): void {
  app.decorateReply("graphError", null);
  app.addHook("onResponse", async (request, reply) => logCompletedRequest(request, reply));
}
