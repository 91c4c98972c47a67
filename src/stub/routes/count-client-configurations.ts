import { countMatching, countOptions, parseQuery } from "../odata/query.js";
import { listModels } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

/**
 * `$count` is a path segment answered as text/plain digits (reference §1.2); it takes `$filter`
 * (reference §7) and refuses other options.
 */
export function countClientConfigurations({
  store,
  queryLimits,
}: HandlerContext): Handler<"countClientConfigurations"> {
  return (request, reply) => {
    const { filter } = parseQuery(
      request.query,
      listModels.configurations,
      countOptions,
      queryLimits,
    );
    reply
      .type("text/plain")
      .code(200)
      .send(String(countMatching(store.listConfigurations(), store.countConfigurations(), filter)));
  };
}
