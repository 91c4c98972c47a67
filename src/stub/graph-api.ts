// The routes of openapi.yaml: the Graph surface under /beta (Graph's headers, auth, injected
// faults) and the stub's own /_stub controls at the root. Each operation gets its schemas from
// the spec, and everything that goes wrong leaves as Graph's error body.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";
import { type OperationId, type OperationSpec, operationsById } from "../spec/document.js";
import { checkReply } from "../spec/reply.js";
import type { Authenticator } from "./auth.js";
import { graphCors } from "./cors.js";
import { type GraphError, graphErrors, toGraphError } from "./errors.js";
import { type Faults, faultError, faultHeader } from "./faults.js";
import { clientRequestId, odataJsonContentType, setGraphHeaders } from "./headers.js";
import { rawQueryHook } from "./odata/raw-query.js";
import { prototypeKeyIn } from "./prototype-keys.js";
import type { Handlers } from "./routes/types.js";
import type { Shutdown } from "./shutdown.js";

declare module "fastify" {
  interface FastifyContextConfig {
    operationId?: OperationId;
    scopes?: string[][];
    bodyContentTypes?: string[];
  }
}

interface CommonOptions {
  handlers: Handlers;
  bodyLimit: number;
  /** Validate every reply against the spec before it leaves; a violation becomes a 500. */
  selfCheck: boolean;
}

export interface GraphApiOptions extends CommonOptions {
  authenticate: Authenticator;
  faults: Faults;
  /** Injected waits end when the app starts closing. */
  shutdown: Shutdown;
}

const writeMethods = new Set(["POST", "PUT", "PATCH"]);

/** Writes Graph's error body; shared with the app-level handlers outside /beta. */
export function sendGraphError(
  error: GraphError,
  requestId: string,
  clientId: string,
  reply: FastifyReply,
) {
  reply.graphError = error;
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

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * JSON and raw bytes only: any other body is a 415 (Fastify's text/plain parser is dropped).
 * @param emptyIsNone an empty JSON body is no body on every method (the /_stub controls).
 */
function bodyParsers(app: FastifyInstance, bodyLimit: number, emptyIsNone = false): void {
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser("error", "error");
  // A DELETE may carry a JSON Content-Type (some SDKs send one): its body is dropped, as below.
  // JSON is UTF-8 (RFC 8259 §8.1): bytes that are not are a 400, never U+FFFD in the store.
  app.addContentTypeParser(
    "application/json",
    { parseAs: "buffer", bodyLimit },
    (request, body: Buffer, done) => {
      if (request.method === "DELETE" || (emptyIsNone && body.length === 0)) {
        return done(null, undefined);
      }
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        return done(graphErrors.invalidJson("The request body is not valid UTF-8."), undefined);
      }
      // Valid JSON the parser still refused holds a prototype key: the 400 names it.
      parseJson(request, text, (error, value) => {
        const key = error ? prototypeKeyIn(text) : undefined;
        done(key === undefined ? error : graphErrors.prototypeKey(key), value);
      });
    },
  );
  // A DELETE's body has no meaning (RFC 9110 §9.3.5): read and dropped, whatever its type. Any
  // other body of a type no parser takes is a 415 (write methods are refused before, at onRequest).
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (request, _body, done) =>
    request.method === "DELETE"
      ? done(null, undefined)
      : done(graphErrors.unsupportedMediaType(request.headers["content-type"] ?? ""), undefined),
  );
  app.addContentTypeParser(
    "application/octet-stream",
    { parseAs: "buffer", bodyLimit },
    (_r, body, done) => done(null, body),
  );
}

/**
 * The one error handler: whatever was thrown, before routing (Fastify's `frameworkErrors`) or
 * after, leaves as Graph's error body with Graph's headers. Anything that is not a GraphError or
 * a known Fastify error is logged in full and answered with a generic 500.
 */
export function graphErrorHandler(bodyLimit: number, maxErrorDetails: number) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    setGraphHeaders(request, reply);
    const { graphError, unexpected } = toGraphError(error, request, bodyLimit, maxErrorDetails);
    if (unexpected) request.log.error({ err: error }, "unexpected error answered with 500");
    return sendGraphError(graphError, request.id, clientRequestId(request), reply);
  };
}

/** Graph refuses a write without a Content-Type, and a body of a type the operation does not take. */
function checkContentType(request: FastifyRequest, accepted: string[] = []): void {
  if (!writeMethods.has(request.method)) return;
  const contentType = request.headers["content-type"];
  if (contentType === undefined) throw graphErrors.missingContentType();
  if (accepted.includes(contentType)) return;
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  // Bodies are read as UTF-8 only: a body declared in another charset is refused, not misread.
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType)?.[1]?.toLowerCase();
  const utf8Charset = charset === undefined || charset === "utf-8" || charset === "utf8";
  if (accepted.length > 0 && (!accepted.includes(mediaType) || !utf8Charset)) {
    throw graphErrors.unsupportedMediaType(contentType, accepted.join("', '"));
  }
}

function routeOperations(
  app: FastifyInstance,
  operations: OperationSpec[],
  handlers: Handlers,
): void {
  for (const operation of operations) {
    app.route({
      method: operation.method.toUpperCase() as "GET",
      url: operation.url,
      // Only the parts the operation has: Fastify warns about keys present but undefined.
      schema: Object.fromEntries(
        Object.entries({
          params: operation.params,
          querystring: operation.querystring,
          headers: operation.headers,
          body: operation.body,
          response: operation.responses,
        }).filter(([, value]) => value !== undefined),
      ),
      config: {
        operationId: operation.operationId,
        scopes: operation.scopes,
        bodyContentTypes: operation.bodyContentTypes,
      },
      handler: handlers[operation.operationId] as RouteHandlerMethod,
    });
  }
}

/** --self-check: every reply is validated against the spec; a violation becomes a Graph 500. */
function selfCheckReplies(app: FastifyInstance): void {
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
      text:
        typeof payload === "string"
          ? payload
          : Buffer.isBuffer(payload)
            ? payload.toString("latin1")
            : "",
    });
    if (violations.length === 0) return payload;
    request.log.error(
      { operationId, statusCode: reply.statusCode, violations },
      "reply violates openapi.yaml: answered with 500 instead",
    );
    const error = graphErrors.selfCheckFailed(operationId, violations);
    reply.graphError = error;
    reply.removeHeader("location");
    reply.header("content-type", odataJsonContentType);
    reply.code(500);
    return JSON.stringify(graphErrorBody(error, request.id, clientRequestId(request)));
  });
}

/** RFC 3986's `host [ ":" port ]`: an IP literal in brackets, or a name (IPv4 included). */
const hostSyntax = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(?::\d{1,5})?$/;

/** A client sends the same Host every time: the last one found good is not checked again. */
let lastGoodHost: string | undefined;

/**
 * Whether `host` makes URLs that clients can follow: RFC 3986's syntax, and a URL that the
 * WHATWG parser (fetch, the Graph SDK) takes, e.g. no port over 65535 and no `1.2.3.4.5`.
 */
function validHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  if (host === lastGoodHost) return true;
  if (!hostSyntax.test(host) || !URL.canParse(`http://${host}/`)) return false;
  lastGoodHost = host;
  return true;
}

/**
 * Every Graph request, before routing reads its body: Graph's headers, the token (Graph checks
 * it first), injected latency and faults (`--latency`, `--fault-rate`, queued, `x-stub-fault`),
 * then the body's content type.
 */
function admitGraphRequest(options: GraphApiOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    setGraphHeaders(request, reply);
    // Replies echo the host into @odata.context, Location and nextLink: it must be one.
    if (!validHost(request.host)) throw graphErrors.invalidHost();
    const { scopes = [], bodyContentTypes } = request.routeOptions.config;
    await options.authenticate(request.headers.authorization, scopes);
    // In this order: both draw from the seeded sequence (--fault-seed). A header that names no
    // fault is ignored.
    const latency = options.faults.latency();
    const header = request.headers[faultHeader];
    const fault = options.faults.next(Array.isArray(header) ? header[0] : header);
    const wait = latency + (fault?.latencyMs ?? 0);
    if (wait > 0) await options.shutdown.wait(wait);
    if (fault) {
      request.log.warn({ fault: fault.status, source: fault.source }, "injected fault");
      throw faultError(fault);
    }
    checkContentType(request, bodyContentTypes);
  };
}

export async function graphApi(app: FastifyInstance, options: GraphApiOptions): Promise<void> {
  bodyParsers(app, options.bodyLimit);
  if (options.selfCheck) selfCheckReplies(app);
  // Before the token check: a browser's preflight carries no token.
  await graphCors(app);

  // Graph checks the token before it routes or reads the body, so all of this runs at onRequest.
  app.addHook("onRequest", admitGraphRequest(options));
  // Repeated options and non-digit $top/$skip, before the parameter schemas coerce them.
  app.addHook("preValidation", rawQueryHook);

  app.setNotFoundHandler(async (request) => {
    const path = request.url.split("?")[0] ?? "";
    const first = path.split("/")[2] ?? "";
    throw first === "officeConfiguration"
      ? graphErrors.noRouteMatch(request.method, path)
      : graphErrors.unknownSegment(decodeURIComponent(first));
  });

  routeOperations(
    app,
    [...operationsById.values()].filter((operation) => !operation.outsideGraph),
    options.handlers,
  );
}

export interface StubControlOptions extends CommonOptions {
  /** Refuses a control request from another origin's page, or without the control token. */
  guard: (request: FastifyRequest) => void;
}

/** /_stub: no Graph token, no faults; the same headers and error bodies as Graph's routes. */
export async function stubControl(
  app: FastifyInstance,
  options: StubControlOptions,
): Promise<void> {
  // Swagger UI and curl -d '' send an empty JSON body to POST /_stub/reset: no body.
  bodyParsers(app, options.bodyLimit, true);
  if (options.selfCheck) selfCheckReplies(app);
  app.addHook("onRequest", async (request, reply) => {
    setGraphHeaders(request, reply);
    options.guard(request);
    const length = Number(request.headers["content-length"] ?? 0);
    const hasBody = length > 0 || request.headers["transfer-encoding"] !== undefined;
    if (hasBody) checkContentType(request, request.routeOptions.config.bodyContentTypes);
  });
  routeOperations(
    app,
    [...operationsById.values()].filter((operation) => operation.outsideGraph),
    options.handlers,
  );
}
