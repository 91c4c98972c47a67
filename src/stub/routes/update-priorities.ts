import { graphErrors } from "../errors.js";
import type { HandlerContext, SharedHandler } from "./types.js";

/** The `updatePriorities` action, under each path spelling the reference lists. */
export function updatePriorities({
  store,
}: HandlerContext): SharedHandler<
  "updatePriorities",
  "updatePrioritiesQualified" | "updatePrioritiesLegacy"
> {
  return (request, reply) => {
    const { officeConfigurationPolicyIds: ids, officeConfigurationPriorities: priorities } =
      request.body;
    if (ids.length !== priorities.length) {
      throw graphErrors.badRequest(
        `officeConfigurationPolicyIds and officeConfigurationPriorities must have the same length (got ${ids.length} and ${priorities.length}).`,
        "officeConfigurationPriorities",
      );
    }
    if (new Set(ids).size !== ids.length) {
      throw graphErrors.badRequest(
        "officeConfigurationPolicyIds names a configuration more than once.",
        "officeConfigurationPolicyIds",
      );
    }
    if (new Set(priorities).size !== priorities.length) {
      throw graphErrors.badRequest(
        "officeConfigurationPriorities repeats a priority; priorities must be unique in the tenant.",
        "officeConfigurationPriorities",
      );
    }
    // The lengths are equal (checked above), so `priorities[i]` is always there.
    const result = store.updatePriorities(ids.map((id, i) => [id, Number(priorities[i])]));
    if (!result.ok) {
      throw result.reason === "notFound"
        ? graphErrors.notFound("officeClientConfiguration", result.id)
        : graphErrors.priorityTaken(result.priority, result.owner);
    }
    reply.code(204).send("");
  };
}
