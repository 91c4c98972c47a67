import { graphErrors } from "../errors.js";
import { contextUrl, key } from "../odata.js";
import type { Handler, HandlerContext } from "./types.js";

export function listAssignments({ store }: HandlerContext): Handler<"listAssignments"> {
  return async (request, reply) => {
    const { officeClientConfigurationId: configurationId } = request.params;
    const assignments = store.listAssignments(configurationId);
    if (!assignments) throw graphErrors.notFound("officeClientConfiguration", configurationId);
    return reply.code(200).send({
      "@odata.context": contextUrl(
        request,
        `officeConfiguration/clientConfigurations${key(configurationId)}/assignments`,
      ),
      value: assignments,
    });
  };
}
