import { updatedOfficeConfiguration } from "../entities.js";
import type { Handler, HandlerContext } from "./types.js";

/** PATCH updates only what is sent and answers 204 (reference §2). */
export function updateOfficeConfiguration({
  store,
}: HandlerContext): Handler<"updateOfficeConfiguration"> {
  return (request, reply) => {
    store.setOfficeConfiguration(
      updatedOfficeConfiguration(store.getOfficeConfiguration(), request.body),
    );
    reply.code(204).send("");
  };
}
