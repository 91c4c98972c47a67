import type { Handler, HandlerContext } from "./types.js";

/** `$count` is a path segment answered as text/plain digits (reference §1.2). */
export function countClientConfigurations({
  store,
}: HandlerContext): Handler<"countClientConfigurations"> {
  return (_request, reply) => {
    reply.type("text/plain").code(200).send(String(store.countConfigurations()));
  };
}
