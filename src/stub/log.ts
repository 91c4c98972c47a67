// The request log: one "request completed" line per request, and a per-request logger that
// costs nothing until a handler or hook actually logs through it (most requests never do).
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from "fastify";
import type { Bindings, ChildLoggerOptions } from "fastify/types/logger.js";
import { pino } from "pino";

/** The field that carries the request id on every line about a request. */
export const requestIdLogLabel = "request-id";

type Level = "fatal" | "error" | "warn" | "info" | "debug" | "trace";
type LogArguments = Parameters<FastifyBaseLogger["info"]>;

/**
 * Fastify gives every request `logger.child({ "request-id": … })`; building a pino child is a
 * good part of a log line's cost, so this one builds it on the first call that logs.
 */
export class LazyChildLogger implements FastifyBaseLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions | undefined;
  #child: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options?: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  get level(): string {
    return (this.#child ?? this.#parent).level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  fatal(...args: LogArguments): void {
    this.#log("fatal", args);
  }
  error(...args: LogArguments): void {
    this.#log("error", args);
  }
  warn(...args: LogArguments): void {
    this.#log("warn", args);
  }
  info(...args: LogArguments): void {
    this.#log("info", args);
  }
  debug(...args: LogArguments): void {
    this.#log("debug", args);
  }
  trace(...args: LogArguments): void {
    this.#log("trace", args);
  }
  silent(..._args: LogArguments): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }

  #real(): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options);
    return this.#child;
  }

  #log(level: Level, args: LogArguments): void {
    (this.#real()[level] as (...a: LogArguments) => void)(...args);
  }
}

/** For Fastify's `childLoggerFactory` option. */
export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, options);
}

/** The fields of the "request completed" line, after pino's own (level, time, pid, hostname). */
export interface CompletedRequest {
  requestId: string;
  operationId: string | undefined;
  method: string;
  url: string;
  statusCode: number;
  responseTime: number;
}

const completedMessage = "request completed";

// Characters JSON.stringify escapes in a string: quote, backslash, controls, lone surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const needsEscape = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** JSON.stringify(text), without its cost for the usual text that needs no escape. */
export function jsonString(text: string): string {
  return needsEscape.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * Writes the "request completed" line exactly as `logger.info({ ...fields }, msg)` would, to the
 * logger's own stream, without pino's generic serializer: that was the largest single cost of a
 * request left in the profile (about 2 µs of 40; npm run bench). Every value is known here, so
 * the line is one template. A test holds it byte for byte to what pino writes.
 */
export function completedRequestWriter(
  logger: FastifyBaseLogger,
): (entry: CompletedRequest) => void {
  const internals = logger as unknown as Record<symbol, unknown>;
  // Pino's pre-serialized bindings of the root logger: `,"pid":…,"hostname":"…"`.
  const bindings = internals[pino.symbols.chindingsSym] as string;
  const stream = internals[pino.symbols.streamSym] as { write(line: string): unknown };
  const level = pino.levels.values.info;
  return (entry) => {
    if (!(logger as pino.Logger).isLevelEnabled("info")) return;
    const operation =
      entry.operationId === undefined ? "" : `,"operationId":${jsonString(entry.operationId)}`;
    stream.write(
      `{"level":${level},"time":${Date.now()}${bindings},"${requestIdLogLabel}":${jsonString(entry.requestId)}${operation},"method":${jsonString(entry.method)},"url":${jsonString(entry.url)},"statusCode":${entry.statusCode},"responseTime":${entry.responseTime},"msg":"${completedMessage}"}\n`,
    );
  };
}

/**
 * One line per request when it completes, written for the app's own logger with the request id
 * as a field: the same line the request's child logger would write, without building it.
 */
export function logCompletedRequests(app: FastifyInstance): void {
  const write = completedRequestWriter(app.log);
  // A callback hook, not an async one: no promise per request for a synchronous log call.
  app.addHook(
    "onResponse",
    (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      write({
        requestId: request.id,
        operationId: request.routeOptions.config.operationId,
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime * 100) / 100,
      });
      done();
    },
  );
}
