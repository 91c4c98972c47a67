import { newConfiguration } from "../entities.js";
import { graphErrors } from "../errors.js";
import { contextUrl, entityUrl } from "../odata/urls.js";
import type { Handler, HandlerContext } from "./types.js";

export function createClientConfiguration({
  store,
}: HandlerContext): Handler<"createClientConfiguration"> {
  return (request, reply) => {
    const result = store.createConfiguration(
      newConfiguration(request.body, store.maxPriority() + 1),
    );
    if (!result.ok) {
      throw result.reason === "conflict"
        ? graphErrors.conflict("officeClientConfiguration", result.id)
        : graphErrors.priorityTaken(result.priority, result.owner);
    }
    const created = result.value;
    reply.header(
      "location",
      entityUrl(request, "officeConfiguration", "clientConfigurations", created.id),
    );
    reply.code(201).send({
      "@odata.context": contextUrl(request, "officeConfiguration/clientConfigurations/$entity"),
      ...created,
    });
  };
}
