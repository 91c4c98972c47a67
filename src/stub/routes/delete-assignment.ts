import { graphErrors } from "../errors.js";
import { configurationOr404 } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function deleteAssignment({ store }: HandlerContext): Handler<"deleteAssignment"> {
  return (request, reply) => {
    const {
      officeClientConfigurationId: configurationId,
      officeClientConfigurationAssignmentId: assignmentId,
    } = request.params;
    configurationOr404(store, configurationId);
    if (!store.deleteAssignment(configurationId, assignmentId)) {
      throw graphErrors.notFound("officeClientConfigurationAssignment", assignmentId);
    }
    reply.code(204).send("");
  };
}
