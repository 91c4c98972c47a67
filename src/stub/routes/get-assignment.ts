import { graphErrors } from "../errors.js";
import { contextUrl, key } from "../odata/urls.js";
import { configurationOr404 } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function getAssignment({ store }: HandlerContext): Handler<"getAssignment"> {
  return (request, reply) => {
    const {
      officeClientConfigurationId: configurationId,
      officeClientConfigurationAssignmentId: assignmentId,
    } = request.params;
    configurationOr404(store, configurationId);
    const assignment = store.getAssignment(configurationId, assignmentId);
    if (!assignment)
      throw graphErrors.notFound("officeClientConfigurationAssignment", assignmentId);
    reply.code(200).send({
      "@odata.context": contextUrl(
        request,
        `officeConfiguration/clientConfigurations${key(configurationId)}/assignments/$entity`,
      ),
      ...assignment,
    });
  };
}
