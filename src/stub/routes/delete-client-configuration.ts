import { graphErrors } from "../errors.js";
import type { Handler, HandlerContext } from "./types.js";

/** DELETE → 204; the configuration's assignments go with it. */
export function deleteClientConfiguration({
  store,
}: HandlerContext): Handler<"deleteClientConfiguration"> {
  return (request, reply) => {
    const id = request.params.officeClientConfigurationId;
    if (!store.deleteConfiguration(id)) throw graphErrors.notFound("officeClientConfiguration", id);
    reply.code(204).send("");
  };
}
