import { graphErrors } from "../errors.js";
import { contextUrl, key } from "../odata.js";
import type { Handler, HandlerContext } from "./types.js";

export function getAssignment({ store }: HandlerContext): Handler<"getAssignment"> {
  return async (request, reply) => {
    const {
      officeClientConfigurationId: configurationId,
      officeClientConfigurationAssignmentId: assignmentId,
    } = request.params;
    if (!store.getConfiguration(configurationId)) {
      throw graphErrors.notFound("officeClientConfiguration", configurationId);
    }
    const assignment = store.getAssignment(configurationId, assignmentId);
    if (!assignment)
      throw graphErrors.notFound("officeClientConfigurationAssignment", assignmentId);
    return reply.code(200).send({
      "@odata.context": contextUrl(
        request,
        `officeConfiguration/clientConfigurations${key(configurationId)}/assignments/$entity`,
      ),
      ...assignment,
    });
  };
}
