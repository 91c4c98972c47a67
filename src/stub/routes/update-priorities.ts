import { graphErrors } from "../errors.js";
import { noContent } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

type Spelling = "updatePriorities" | "updatePrioritiesQualified" | "updatePrioritiesLegacy";

/** The `updatePriorities` action, under each path spelling the reference lists. */
export function updatePriorities<K extends Spelling>({ store }: HandlerContext): Handler<K> {
  return (request, reply) => {
    const { officeConfigurationPolicyIds: ids, officeConfigurationPriorities: priorities } =
      request.body as {
        officeConfigurationPolicyIds: string[];
        officeConfigurationPriorities: number[];
      };
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
    const result = store.updatePriorities(ids.map((id, i) => [id, priorities[i] as number]));
    if (!result.ok) {
      throw result.reason === "notFound"
        ? graphErrors.notFound("officeClientConfiguration", result.id)
        : graphErrors.priorityTaken(result.priority, result.owner);
    }
    noContent(reply as never);
  };
}
