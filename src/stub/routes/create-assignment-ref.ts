import { graphErrors } from "../errors.js";
import type { Handler } from "./types.js";

/**
 * The seed's request line `POST …/assignments/$ref`. `assignments` is a contained collection,
 * so Graph serves no `$ref` route there: answer as its router does, naming the right path.
 */
export function createAssignmentRef(): Handler<"createAssignmentRef"> {
  return (request) => {
    const path = request.url.split("?")[0] ?? request.url;
    throw graphErrors.noRouteMatch(
      request.method,
      path,
      `Contained assignments have no $ref route: add an assignment with POST ${path.replace(/\/\$ref$/, "")}.`,
    );
  };
}
