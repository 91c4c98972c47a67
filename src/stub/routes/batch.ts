import { checkBatch, runBatch } from "../batch.js";
import type { Handler } from "./types.js";

/**
 * `POST /$batch`: a malformed batch is refused whole (checkBatch throws a 400 before anything
 * runs); else each request runs through the same instance and the reply lists their responses.
 */
export function batch(): Handler<"batch"> {
  return async (request, reply) => {
    const { requests } = request.body;
    const order = checkBatch(requests);
    reply.code(200).send(await runBatch(request.server, request, requests, order));
    return undefined;
  };
}
