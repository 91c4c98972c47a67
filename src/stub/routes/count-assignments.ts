import { graphErrors } from "../errors.js";
import type { Handler, HandlerContext } from "./types.js";

/** `$count` of a configuration's assignments: the number as text/plain digits. */
export function countAssignments({ store }: HandlerContext): Handler<"countAssignments"> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params;
    const count = store.countAssignments(id);
    if (count === undefined) throw graphErrors.notFound("officeClientConfiguration", id);
    reply.type("text/plain").code(200).send(String(count));
  };
}
