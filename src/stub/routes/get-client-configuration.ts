import { projection, selectProperties } from "../odata/shape.js";
import { contextUrl } from "../odata/urls.js";
import { assignmentsInline } from "./expand.js";
import { configurationOr404, entityQuery, listModels } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function getClientConfiguration({
  store,
  queryLimits,
}: HandlerContext): Handler<"getClientConfiguration"> {
  return (request, reply) => {
    const configuration = configurationOr404(store, request.params.officeClientConfigurationId);
    const { select, expand } = entityQuery(request, listModels.configurations, queryLimits);
    reply.code(200).send({
      "@odata.context": contextUrl(
        request,
        `officeConfiguration/clientConfigurations${projection(select)}/$entity`,
      ),
      "@odata.type": configuration["@odata.type"],
      id: configuration.id,
      ...selectProperties(configuration, select),
      ...(expand.length > 0 ? assignmentsInline(request, store, configuration.id) : undefined),
    });
  };
}
