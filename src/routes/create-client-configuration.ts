import { newConfiguration } from "../entities.js";
import { graphErrors } from "../errors.js";
import { contextUrl, entityUrl } from "../odata.js";
import type { Handler, HandlerContext } from "./types.js";

export function createClientConfiguration({
  store,
}: HandlerContext): Handler<"createClientConfiguration"> {
  return async (request, reply) => {
    const result = store.createConfiguration(newConfiguration(request.body));
    if (!result.ok)
      throw graphErrors.conflict("officeClientConfiguration", String(request.body.id));
    const created = result.value;
    reply.header(
      "location",
      entityUrl(request, "officeConfiguration", "clientConfigurations", created.id),
    );
    return reply.code(201).send({
      "@odata.context": contextUrl(request, "officeConfiguration/clientConfigurations/$entity"),
      ...created,
    });
  };
}
