import type { FastifyReply } from "fastify";
import type { components } from "../../../generated/schema.js";
import { newAssignment } from "../entities.js";
import { graphErrors } from "../errors.js";
import { contextUrl } from "../odata/urls.js";
import type { Handler, HandlerContext } from "./types.js";

/** `assign`: "replaces all targeted groups for a policy" and returns the assignments (DOCS). */
export function assign<K extends "assign" | "assignQualified">({
  store,
}: HandlerContext): Handler<K> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params as {
      officeClientConfigurationId: string;
    };
    const body = request.body as components["schemas"]["assignRequest"];
    const result = store.replaceAssignments(
      id,
      body.officeConfigurationAssignments.map(newAssignment),
    );
    if (!result.ok) {
      throw result.reason === "notFound"
        ? graphErrors.notFound("officeClientConfiguration", result.id)
        : graphErrors.badRequest(
            `officeConfigurationAssignments names the assignment id '${result.id}' more than once.`,
            "officeConfigurationAssignments",
          );
    }
    (reply as FastifyReply).code(200).send({
      "@odata.context": contextUrl(
        request,
        "Collection(microsoft.graph.officeClientConfigurationAssignment)",
      ),
      value: result.value,
    });
  };
}
