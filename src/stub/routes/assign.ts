import { newAssignment } from "../entities.js";
import { graphErrors } from "../errors.js";
import { contextUrl } from "../odata/urls.js";
import type { HandlerContext, SharedHandler } from "./types.js";

/**
 * `assign` (and its qualified spelling): "replaces all targeted groups for a policy" and returns
 * the assignments (DOCS).
 */
export function assign({ store }: HandlerContext): SharedHandler<"assign", "assignQualified"> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params;
    const result = store.replaceAssignments(
      id,
      request.body.officeConfigurationAssignments.map(newAssignment),
    );
    if (!result.ok) {
      throw result.reason === "notFound"
        ? graphErrors.notFound("officeClientConfiguration", result.id)
        : graphErrors.badRequest(
            `officeConfigurationAssignments names the assignment id '${result.id}' more than once.`,
            "officeConfigurationAssignments",
          );
    }
    reply.code(200).send({
      "@odata.context": contextUrl(
        request,
        "Collection(microsoft.graph.officeClientConfigurationAssignment)",
      ),
      value: result.value,
    });
  };
}
