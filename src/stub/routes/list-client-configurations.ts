import { listModels, listPage } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function listClientConfigurations({
  store,
  pageSize,
}: HandlerContext): Handler<"listClientConfigurations"> {
  return (request, reply) => {
    reply.code(200).send(
      listPage(request, {
        model: listModels.configurations,
        all: () => store.listConfigurations(),
        total: store.countConfigurations(),
        pageSize,
        context: "officeConfiguration/clientConfigurations",
      }),
    );
  };
}
