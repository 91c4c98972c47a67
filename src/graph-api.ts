// The Graph surface under /beta: one route per operation of openapi.yaml, with its schemas,
// Graph's headers, auth, and Graph's error body for everything that goes wrong.
import type { FastifyInstance, RouteHandlerMethod } from "fastify";
import type { Authenticator } from "./auth.js";
import { checkReply } from "./contract/reply.js";
import { type GraphError, graphErrors, toGraphError } from "./errors.js";
import { clientRequestId, odataJsonContentType, setGraphHeaders } from "./headers.js";
import { createHandlers } from "./routes/index.js";
import { type OperationId, operationsById } from "./spec.js";
import type { Store } from "./store/store.js";

declare module "fastify" {
  interface FastifyContextConfig {
    operationId?: OperationId;
    scopes?: string[][];
  }
}

export interface GraphApiOptions {
  store: Store;
  authenticate: Authenticator;
  bodyLimit: number;
  /** Validate every reply against the spec before it leaves; a violation becomes a 500. */
  selfCheck: boolean;
}

const writeMethods = new Set(["POST", "PUT", "PATCH"]);

export async function graphApi(app: FastifyInstance, options: GraphApiOptions): Promise<void> {
  const handlers = createHandlers({ store: options.store });
  // Graph reads JSON bodies only: without Fastify's text/plain parser, any other type is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string", bodyLimit: options.bodyLimit },
    app.getDefaultJsonParser("error", "error"),
  );

  // Graph checks the token before it routes or reads the body, so auth runs at onRequest.
  app.addHook("onRequest", async (request, reply) => {
    setGraphHeaders(request, reply);
    await options.authenticate(
      request.headers.authorization,
      request.routeOptions.config.scopes ?? [],
    );
    if (writeMethods.has(request.method) && request.headers["content-type"] === undefined) {
      throw graphErrors.missingContentType();
    }
  });

  app.setErrorHandler(async (error, request, reply) => {
    const { graphError, unexpected } = toGraphError(error, request, options.bodyLimit);
    if (unexpected) request.log.error({ err: error }, "unexpected error answered with 500");
    return sendGraphError(graphError, request.id, clientRequestId(request), reply);
  });

  if (options.selfCheck) {
    // After serialization, so the check sees exactly the bytes the client will get.
    app.addHook("onSend", async (request, reply, payload) => {
      const operationId = request.routeOptions.config.operationId;
      const operation = operationId && operationsById.get(operationId);
      if (!operation) return payload;
      const violations = checkReply(operation, {
        status: reply.statusCode,
        header: (name) => {
          const value = reply.getHeader(name);
          return value === undefined ? undefined : String(value);
        },
        text: typeof payload === "string" ? payload : "",
      });
      if (violations.length === 0) return payload;
      request.log.error(
        { operationId, statusCode: reply.statusCode, violations },
        "reply violates openapi.yaml: answered with 500 instead",
      );
      reply.removeHeader("location");
      reply.header("content-type", odataJsonContentType);
      reply.code(500);
      return JSON.stringify(
        graphErrorBody(
          graphErrors.selfCheckFailed(operationId, violations),
          request.id,
          clientRequestId(request),
        ),
      );
    });
  }

  app.setNotFoundHandler(async (request) => {
    const path = request.url.split("?")[0] ?? "";
    const first = path.split("/")[2] ?? "";
    throw first === "officeConfiguration"
      ? graphErrors.noRouteMatch(request.method, path)
      : graphErrors.unknownSegment(decodeURIComponent(first));
  });

  for (const operation of operationsById.values()) {
    app.route({
      method: operation.method.toUpperCase() as "GET" | "POST",
      url: operation.url,
      // Only the parts the operation has: Fastify warns about keys present but undefined.
      schema: Object.fromEntries(
        Object.entries({
          params: operation.params,
          headers: operation.headers,
          body: operation.body,
          response: operation.responses,
        }).filter(([, value]) => value !== undefined),
      ),
      config: { operationId: operation.operationId, scopes: operation.scopes },
      handler: handlers[operation.operationId] as RouteHandlerMethod,
    });
  }
}

/** Writes Graph's error body; shared with the app-level handlers outside /beta. */
export function sendGraphError(
  error: GraphError,
  requestId: string,
  clientId: string,
  reply: import("fastify").FastifyReply,
) {
  if (error.headers) reply.headers(error.headers);
  // Fastify drops the content type when a hook throws; errors are OData JSON too.
  reply.header("content-type", odataJsonContentType);
  return reply.code(error.statusCode).send(graphErrorBody(error, requestId, clientId));
}

/** Graph's error body for a GraphError. */
export function graphErrorBody(error: GraphError, requestId: string, clientId: string) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.target === undefined ? {} : { target: error.target }),
      ...(error.details === undefined ? {} : { details: error.details }),
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        "request-id": requestId,
        "client-request-id": clientId,
      },
    },
  };
}
