import { contextUrl } from "../odata/urls.js";
import { configurationOr404 } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function getClientConfiguration({
  store,
}: HandlerContext): Handler<"getClientConfiguration"> {
  return (request, reply) => {
    const configuration = configurationOr404(store, request.params.officeClientConfigurationId);
    reply.code(200).send({
      "@odata.context": contextUrl(request, "officeConfiguration/clientConfigurations/$entity"),
      ...configuration,
    });
  };
}
