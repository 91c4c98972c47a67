// The handler map: one handler per operationId of openapi.yaml, checked by `satisfies`.
import { assign } from "./assign.js";
import { batch } from "./batch.js";
import { countAssignments } from "./count-assignments.js";
import { countClientConfigurations } from "./count-client-configurations.js";
import { createAssignment } from "./create-assignment.js";
import { createAssignmentRef } from "./create-assignment-ref.js";
import { createClientConfiguration } from "./create-client-configuration.js";
import { deleteAssignment } from "./delete-assignment.js";
import { deleteClientConfiguration } from "./delete-client-configuration.js";
import { getAssignment } from "./get-assignment.js";
import { getClientConfiguration } from "./get-client-configuration.js";
import { getOfficeConfiguration } from "./get-office-configuration.js";
import { listAssignments } from "./list-assignments.js";
import { listClientConfigurations } from "./list-client-configurations.js";
import { getPayload, setPayload } from "./payloads.js";
import { clearFaults, exportStub, queueFaults, resetStub } from "./stub-control.js";
import { clearStubRequests, getStubPermissions, listStubRequests } from "./stub-journal.js";
import type { HandlerContext, Handlers } from "./types.js";
import { updateAssignment } from "./update-assignment.js";
import { updateClientConfiguration } from "./update-client-configuration.js";
import { updateOfficeConfiguration } from "./update-office-configuration.js";
import { updatePriorities } from "./update-priorities.js";

export function createHandlers(context: HandlerContext): Handlers {
  return {
    getOfficeConfiguration: getOfficeConfiguration(context),
    batch: batch(),
    updateOfficeConfiguration: updateOfficeConfiguration(context),
    listClientConfigurations: listClientConfigurations(context),
    createClientConfiguration: createClientConfiguration(context),
    countClientConfigurations: countClientConfigurations(context),
    updatePriorities: updatePriorities(context),
    updatePrioritiesQualified: updatePriorities(context),
    updatePrioritiesLegacy: updatePriorities(context),
    getClientConfiguration: getClientConfiguration(context),
    updateClientConfiguration: updateClientConfiguration(context),
    deleteClientConfiguration: deleteClientConfiguration(context),
    getPolicyPayload: getPayload("policyPayload", context),
    setPolicyPayload: setPayload("policyPayload", context),
    getUserPreferencePayload: getPayload("userPreferencePayload", context),
    setUserPreferencePayload: setPayload("userPreferencePayload", context),
    assign: assign(context),
    assignQualified: assign(context),
    listAssignments: listAssignments(context),
    createAssignment: createAssignment(context),
    countAssignments: countAssignments(context),
    createAssignmentRef: createAssignmentRef(),
    getAssignment: getAssignment(context),
    updateAssignment: updateAssignment(context),
    deleteAssignment: deleteAssignment(context),
    resetStub: resetStub(context),
    exportStub: exportStub(context),
    queueFaults: queueFaults(context),
    clearFaults: clearFaults(context),
    listStubRequests: listStubRequests(context),
    clearStubRequests: clearStubRequests(context),
    getStubPermissions: getStubPermissions(context),
  } satisfies Handlers;
}
