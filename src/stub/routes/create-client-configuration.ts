import { newConfiguration } from "../entities.js";
import { graphErrors } from "../errors.js";
import { contextUrl, entityUrl } from "../odata/urls.js";
import type { Handler, HandlerContext } from "./types.js";

/** Edm.Int32's largest value, the most a priority can be. */
const maxInt32 = 2 ** 31 - 1;

export function createClientConfiguration({
  store,
}: HandlerContext): Handler<"createClientConfiguration"> {
  return (request, reply) => {
    // The default is one more than the highest; past Edm.Int32 it would break the spec.
    const highest = store.maxPriority();
    if (request.body.priority === undefined && highest >= maxInt32) {
      throw graphErrors.noDefaultPriority(highest);
    }
    const result = store.createConfiguration(newConfiguration(request.body, highest + 1));
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
