// The handler map: one handler per operationId of openapi.yaml, checked by `satisfies`.
import { createAssignment } from "./create-assignment.js";
import { createAssignmentRef } from "./create-assignment-ref.js";
import { createClientConfiguration } from "./create-client-configuration.js";
import { getAssignment } from "./get-assignment.js";
import { getClientConfiguration } from "./get-client-configuration.js";
import { listAssignments } from "./list-assignments.js";
import type { HandlerContext, Handlers } from "./types.js";

export function createHandlers(context: HandlerContext): Handlers {
  return {
    createClientConfiguration: createClientConfiguration(context),
    getClientConfiguration: getClientConfiguration(context),
    listAssignments: listAssignments(context),
    createAssignment: createAssignment(context),
    createAssignmentRef: createAssignmentRef(),
    getAssignment: getAssignment(context),
  } satisfies Handlers;
}
