import { listOptions } from "../odata/query.js";
import { key } from "../odata/urls.js";
import { configurationOr404, listModels, listPage } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

// An assignment has no navigation property: nothing to $expand.
const assignmentListOptions = listOptions.filter((option) => option !== "$expand");

export function listAssignments({
  store,
  pageSize,
  queryLimits,
}: HandlerContext): Handler<"listAssignments"> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params;
    configurationOr404(store, id);
    reply.code(200).send(
      listPage(request, {
        model: listModels.assignments,
        all: () => store.listAssignments(id) ?? [],
        total: store.countAssignments(id) ?? 0,
        pageSize,
        limits: queryLimits,
        allowed: assignmentListOptions,
        context: `officeConfiguration/clientConfigurations${key(id)}/assignments`,
      }),
    );
  };
}
