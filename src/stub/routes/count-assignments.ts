import type { FastifyReply } from "fastify";
import { graphErrors } from "../errors.js";
import type { Handler, HandlerContext } from "./types.js";

export function countAssignments({ store }: HandlerContext): Handler<"countAssignments"> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params;
    const count = store.countAssignments(id);
    if (count === undefined) throw graphErrors.notFound("officeClientConfiguration", id);
    (reply as FastifyReply).type("text/plain").send(String(count));
  };
}
