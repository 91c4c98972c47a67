import { projection, selectProperties } from "../odata/shape.js";
import { contextUrl } from "../odata/urls.js";
import { configurationsInline } from "./expand.js";
import { entityQuery, officeConfigurationModel } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function getOfficeConfiguration({
  store,
  pageSize,
  queryLimits,
}: HandlerContext): Handler<"getOfficeConfiguration"> {
  return (request, reply) => {
    const { select, expand } = entityQuery(request, officeConfigurationModel, queryLimits);
    reply.code(200).send({
      "@odata.context": contextUrl(request, `officeConfiguration${projection(select)}/$entity`),
      ...selectProperties(store.getOfficeConfiguration(), select),
      ...(expand.length > 0 ? configurationsInline(request, store, pageSize) : undefined),
    });
  };
}
