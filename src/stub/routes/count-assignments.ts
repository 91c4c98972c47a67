import { graphErrors } from "../errors.js";
import { countMatching, countOptions, parseQuery } from "../odata/query.js";
import { listModels } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

/** `$count` of a configuration's assignments, with `$filter`: the number as text/plain digits. */
export function countAssignments({
  store,
  queryLimits,
}: HandlerContext): Handler<"countAssignments"> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params;
    const count = store.countAssignments(id);
    if (count === undefined) throw graphErrors.notFound("officeClientConfiguration", id);
    const { filter } = parseQuery(request.query, listModels.assignments, countOptions, queryLimits);
    reply
      .type("text/plain")
      .code(200)
      .send(String(countMatching(store.listAssignments(id) ?? [], count, filter)));
  };
}
