// The request log: one line per request as it completes, written through pino's own API by
// the request's child logger (which carries its `request-id`), with the operationId, the status
// and, for a refused or failed request, the Graph error's code, message and target. JSON by
// default; `--log-format pretty` prints the same line for people through pino-pretty.
import type { FastifyContextConfig, FastifyReply, FastifyRequest } from "fastify";
import type { DestinationStream } from "pino";
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

/** Swagger UI's scripts, styles and images: one page load fetches about nine. */
function isStaticAsset(url: string): boolean {
  return url.startsWith("/docs/");
}

/**
 * The "request completed" line: `error` for 5xx, `debug` for Swagger UI's static assets and for
 * the requests inside a JSON batch (a batch is one request), else `info`. `config` is the
 * route's (`request.routeOptions.config`, which Fastify builds anew on each read).
 */
export function logCompletedRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  config: FastifyContextConfig = request.routeOptions.config,
): void {
  const error = reply.graphError;
  const fields: CompletedRequestFields = {
    operationId: config.operationId,
    method: request.method,
    url: request.url,
    statusCode: reply.statusCode,
    responseTime: Math.round(reply.elapsedTime * 100) / 100,
  };
  if (error) {
    fields.code = error.code;
    fields.message = error.message;
    fields.target = error.target;
  }
  const batch = batchOf(request);
  if (batch !== undefined) request.log.debug({ ...fields, batch }, "batch request completed");
  else if (reply.statusCode >= 500) request.log.error(fields, "request completed");
  else if (reply.statusCode < 400 && isStaticAsset(request.url)) {
    request.log.debug(fields, "request completed");
  } else request.log.info(fields, "request completed");
}

/** The fields of a "request completed" line, besides pino's own and the `request-id`. */
interface CompletedRequestFields {
  operationId: string | undefined;
  method: string;
  url: string;
  statusCode: number;
  /** ms, two decimals. */
  responseTime: number;
  code?: string | undefined;
  message?: string | undefined;
  target?: string | undefined;
}

/** The fields the pretty line folds into its message; any others follow it. */
const folded = [
  "operationId",
  "method",
  "url",
  "statusCode",
  "responseTime",
  "code",
  "message",
  "target",
  requestIdLogLabel,
];

/**
 * One readable line for a request:
 * `POST /beta/… 400 BadRequest "…" target 'x' (createAssignment, 1.2 ms) request-id …`.
 */
export function prettyMessage(line: Record<string, unknown>, messageKey: string): string {
  const requestId =
    line[requestIdLogLabel] === undefined ? "" : ` request-id ${line[requestIdLogLabel]}`;
  if (line.statusCode === undefined) return `${line[messageKey]}${requestId}`;
  const error = line.code === undefined ? "" : ` ${line.code} ${JSON.stringify(line.message)}`;
  const target = line.target === undefined ? "" : ` target '${line.target}'`;
  const operation = line.operationId === undefined ? "" : `${line.operationId}, `;
  return `${line.method} ${line.url} ${line.statusCode}${error}${target} (${operation}${line.responseTime} ms)${requestId}`;
}

/**
 * `--log-format pretty`: pino-pretty, loaded only then, writing to `destination` (a file
 * descriptor or a stream); colours when the terminal takes them.
 */
export async function prettyLog(
  destination: number | DestinationStream,
): Promise<DestinationStream> {
  const { default: pretty } = await import("pino-pretty");
  return pretty({
    destination,
    sync: true,
    translateTime: "HH:MM:ss.l",
    ignore: ["pid", "hostname", ...folded].join(","),
    messageFormat: (line, messageKey) => prettyMessage(line, messageKey),
    singleLine: true,
  });
}
