import { updatedConfiguration, withHash } from "../entities.js";
import { graphErrors } from "../errors.js";
import { configurationOr404 } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

/** PATCH: only the properties sent change; 204 (reference §2). */
export function updateClientConfiguration({
  store,
}: HandlerContext): Handler<"updateClientConfiguration"> {
  return (request, reply) => {
    const id = request.params.officeClientConfigurationId;
    const current = configurationOr404(store, id);
    const body = request.body;
    if (
      body["@odata.type"] !== undefined &&
      withHash(body["@odata.type"]) !== current["@odata.type"]
    ) {
      throw graphErrors.badRequest(
        `The type of a configuration cannot change: it is '${current["@odata.type"]}', the body says '${body["@odata.type"]}'.`,
        "@odata.type",
      );
    }
    if (body.id !== undefined && body.id !== id) {
      throw graphErrors.badRequest(
        `The id in the body ('${body.id}') is not the id in the URL ('${id}').`,
        "id",
      );
    }
    const result = store.replaceConfiguration(updatedConfiguration(current, body));
    if (!result.ok) {
      throw result.reason === "notFound"
        ? graphErrors.notFound("officeClientConfiguration", result.id)
        : graphErrors.priorityTaken(result.priority, result.owner);
    }
    reply.code(204).send("");
  };
}
