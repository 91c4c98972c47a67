// Turns a generated operation into Fastify's route generic, so each handler's params, body and
// replies are typed by openapi.yaml: `reply.code(201).send(x)` must match the 201 schema.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { operations } from "../../../generated/schema.js";
import type { OperationId } from "../../spec/document.js";
import type { Faults } from "../faults.js";
import type { Fixtures } from "../fixtures.js";
import type { Store } from "../store/store.js";

type Json<T> = T extends { content: { "application/json": infer Body } } ? Body : never;
type Part<T, K extends string> = T extends { [P in K]?: infer V } ? NonNullable<V> : never;

export type RouteTypes<K extends OperationId> = {
  Params: Part<operations[K]["parameters"], "path">;
  Querystring: Part<operations[K]["parameters"], "query">;
  Headers: Part<operations[K]["parameters"], "header">;
  Body: Json<NonNullable<Part<operations[K], "requestBody">>>;
  Reply: { [S in keyof operations[K]["responses"]]: Json<operations[K]["responses"][S]> };
};

/**
 * A handler answers with `reply.code(…).send(…)` or throws, and returns nothing. Synchronous on
 * purpose: an async handler must return `reply`, and Fastify then listens on the response until
 * it is written, which with batched replies (reply-batching.ts) costs a promise and several
 * listeners per request. `undefined`, not `void`, so that returning `reply` fails to compile.
 */
export type Handler<K extends OperationId> = (
  request: FastifyRequest<RouteTypes<K>>,
  reply: FastifyReply<RouteTypes<K>>,
) => undefined;

/** Every operationId of the spec with its typed handler: a missing one fails `tsc`. */
export type Handlers = { [K in OperationId]: Handler<K> };

/** What handlers need besides the request. */
export interface HandlerContext {
  store: Store;
  /** The most items a list page holds. */
  pageSize: number;
  /** The fixtures the stub started with, which `/_stub/reset` loads again. */
  initialFixtures: Fixtures;
  faults: Faults;
}
