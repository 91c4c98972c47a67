import type { FastifyReply } from "fastify";
import type { Handler, HandlerContext } from "./types.js";

/** `$count` is a path segment answered as text/plain (reference §1.2). */
export function countClientConfigurations({
  store,
}: HandlerContext): Handler<"countClientConfigurations"> {
  return (_request, reply) => {
    (reply as FastifyReply).type("text/plain").send(String(store.countConfigurations()));
  };
}
