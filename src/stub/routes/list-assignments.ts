import { key } from "../odata/urls.js";
import { configurationOr404, listModels, listPage } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function listAssignments({ store, pageSize }: HandlerContext): Handler<"listAssignments"> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params;
    configurationOr404(store, id);
    reply.code(200).send(
      listPage(request, {
        model: listModels.assignments,
        all: () => store.listAssignments(id) ?? [],
        total: store.countAssignments(id) ?? 0,
        pageSize,
        context: `officeConfiguration/clientConfigurations${key(id)}/assignments`,
      }),
    );
  };
}
