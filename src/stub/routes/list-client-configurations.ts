import { assignmentsInline } from "./expand.js";
import { listModels, listPage } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function listClientConfigurations({
  store,
  pageSize,
  queryLimits,
}: HandlerContext): Handler<"listClientConfigurations"> {
  return (request, reply) => {
    reply.code(200).send(
      listPage(request, {
        model: listModels.configurations,
        all: () => store.listConfigurations(),
        total: store.countConfigurations(),
        pageSize,
        limits: queryLimits,
        context: "officeConfiguration/clientConfigurations",
        expand: (configuration) => assignmentsInline(request, store, configuration.id),
      }),
    );
  };
}
