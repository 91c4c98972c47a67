import { graphErrors } from "../errors.js";
import { contextUrl } from "../odata.js";
import type { Handler, HandlerContext } from "./types.js";

export function getClientConfiguration({
  store,
}: HandlerContext): Handler<"getClientConfiguration"> {
  return async (request, reply) => {
    const { officeClientConfigurationId: id } = request.params;
    const configuration = store.getConfiguration(id);
    if (!configuration) throw graphErrors.notFound("officeClientConfiguration", id);
    return reply.code(200).send({
      "@odata.context": contextUrl(request, "officeConfiguration/clientConfigurations/$entity"),
      ...configuration,
    });
  };
}
