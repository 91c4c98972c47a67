import { updatedAssignment } from "../entities.js";
import { graphErrors } from "../errors.js";
import { configurationOr404 } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function updateAssignment({ store }: HandlerContext): Handler<"updateAssignment"> {
  return (request, reply) => {
    const {
      officeClientConfigurationId: configurationId,
      officeClientConfigurationAssignmentId: assignmentId,
    } = request.params;
    configurationOr404(store, configurationId);
    const current = store.getAssignment(configurationId, assignmentId);
    if (!current) throw graphErrors.notFound("officeClientConfigurationAssignment", assignmentId);
    if (request.body.id !== undefined && request.body.id !== assignmentId) {
      throw graphErrors.badRequest(
        `The id in the body ('${request.body.id}') is not the id in the URL ('${assignmentId}').`,
        "id",
      );
    }
    store.replaceAssignment(configurationId, updatedAssignment(current, request.body));
    reply.code(204).send("");
  };
}
