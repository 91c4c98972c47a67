// Turns a generated operation into Fastify's route generic, so each handler's params, body and
// replies are typed by openapi.yaml: `reply.code(201).send(x)` must match the 201 schema.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { operations } from "../../../generated/schema.js";
import type { OperationId } from "../../spec/document.js";
import type { Faults } from "../faults.js";
import type { Fixtures } from "../fixtures.js";
import type { Journal } from "../journal.js";
import type { QueryLimits } from "../odata/query.js";
import type { Store } from "../store/store.js";

/** A request's or reply's body, whatever its one media type (JSON, text/plain, octet stream). */
type Content<T> = T extends { content: infer ByType } ? ByType[keyof ByType] : never;
/**
 * A reply body: the empty string for a status that documents none (204), sent as
 * `reply.code(204).send("")`; Fastify then drops the content type too. (`undefined`, `void` or
 * `never` there would make Fastify widen that status's body to `unknown`.)
 */
type ReplyBody<T> = T extends { content: infer ByType } ? ByType[keyof ByType] : "";
type Part<T, K extends string> = T extends { [P in K]?: infer V } ? NonNullable<V> : never;

export type RouteTypes<K extends OperationId> = {
  Params: Part<operations[K]["parameters"], "path">;
  Querystring: Part<operations[K]["parameters"], "query">;
  Headers: Part<operations[K]["parameters"], "header">;
  Body: Content<Part<operations[K], "requestBody">>;
  Reply: { [S in keyof operations[K]["responses"]]: ReplyBody<operations[K]["responses"][S]> };
};

/**
 * A handler answers with `reply.code(…).send(…)` or throws, and returns nothing: the store is
 * synchronous, so there is nothing to await. `undefined`, not `void`, so that returning a value
 * (which Fastify could take for a body) fails to compile: `send` is the one way to answer. Only
 * `batch` awaits (its requests go through `inject`), so it may resolve to `undefined` instead.
 */
export type Handler<K extends OperationId> = (
  request: FastifyRequest<RouteTypes<K>>,
  reply: FastifyReply<RouteTypes<K>>,
) => K extends "batch" ? Promise<undefined> : undefined;

/** Whether two types are identical (not merely assignable either way). */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * One handler for operations the spec describes alike, e.g. one action under several path
 * spellings: the handler of `First`, and `never` (a compile error where it is written) as soon
 * as the spec describes any of `Others` differently.
 */
export type SharedHandler<First extends OperationId, Others extends OperationId> = false extends {
  [O in Others]: Same<operations[First], operations[O]>;
}[Others]
  ? never
  : Handler<First>;

/** Every operationId of the spec with its typed handler: a missing one fails `tsc`. */
export type Handlers = { [K in OperationId]: Handler<K> };

/** What handlers need besides the request. */
export interface HandlerContext {
  store: Store;
  /** The most items a list page holds. */
  pageSize: number;
  /** What one query may cost: `$filter` nodes and depth, `$orderby` keys. */
  queryLimits: QueryLimits;
  faults: Faults;
  /** The request journal (GET /_stub/requests). */
  journal: Journal;
  /**
   * Back to a fixtures document (default: the one the stub started with) and no queued faults.
   * @throws FixturesError, before anything changes, for a document that repeats an id or a priority.
   */
  reset(fixtures?: Fixtures): void;
}
