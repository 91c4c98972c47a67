import { graphErrors } from "../errors.js";
import { projection, selectProperties } from "../odata/shape.js";
import { contextUrl, key } from "../odata/urls.js";
import { configurationOr404, entityQuery, listModels } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

export function getAssignment({ store, queryLimits }: HandlerContext): Handler<"getAssignment"> {
  return (request, reply) => {
    const {
      officeClientConfigurationId: configurationId,
      officeClientConfigurationAssignmentId: assignmentId,
    } = request.params;
    configurationOr404(store, configurationId);
    const assignment = store.getAssignment(configurationId, assignmentId);
    if (!assignment)
      throw graphErrors.notFound("officeClientConfigurationAssignment", assignmentId);
    const { select } = entityQuery(request, listModels.assignments, queryLimits, ["$select"]);
    reply.code(200).send({
      "@odata.context": contextUrl(
        request,
        `officeConfiguration/clientConfigurations${key(configurationId)}/assignments${projection(select)}/$entity`,
      ),
      "@odata.type": assignment["@odata.type"],
      id: assignment.id,
      ...selectProperties(assignment, select),
    });
  };
}
