import { newAssignment } from "../entities.js";
import { graphErrors } from "../errors.js";
import { contextUrl, entityUrl, key } from "../odata/urls.js";
import type { Handler, HandlerContext } from "./types.js";

/** "Add assignments", the seed: 201 with the new assignment and a Location naming it. */
export function createAssignment({ store }: HandlerContext): Handler<"createAssignment"> {
  return (request, reply) => {
    const { officeClientConfigurationId: configurationId } = request.params;
    const result = store.createAssignment(configurationId, newAssignment(request.body));
    if (!result.ok) {
      throw result.reason === "notFound"
        ? graphErrors.notFound("officeClientConfiguration", result.id)
        : graphErrors.conflict("officeClientConfigurationAssignment", result.id);
    }
    const created = result.value;
    reply.header(
      "location",
      entityUrl(
        request,
        "officeConfiguration",
        "clientConfigurations",
        configurationId,
        "assignments",
        created.id,
      ),
    );
    reply.code(201).send({
      "@odata.context": contextUrl(
        request,
        `officeConfiguration/clientConfigurations${key(configurationId)}/assignments/$entity`,
      ),
      ...created,
    });
  };
}
