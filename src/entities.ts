// Builds the entities the stub stores from validated create bodies: server ids, defaults, and
// the `#` on every @odata.type the server writes itself (reference §2: a target's type is
// echoed as the client sent it).
import { randomUUID } from "node:crypto";
import type { components } from "../generated/schema.js";

type Schemas = components["schemas"];
export type ConfigurationCreate = Schemas["officeClientConfigurationCreate"];
export type AssignmentCreate = Schemas["officeClientConfigurationAssignmentCreate"];
/** A configuration as stored: the reply without its per-request `@odata.context`. */
export type StoredConfiguration = Omit<
  Schemas["officeClientConfigurationResponse"],
  "@odata.context"
>;
/** An assignment as stored: the reply without its per-request `@odata.context`. */
export type StoredAssignment = Omit<
  Schemas["officeClientConfigurationAssignmentResponse"],
  "@odata.context"
>;

function withHash<T extends string>(type: T): T {
  return (type.startsWith("#") ? type : `#${type}`) as T;
}

export function newConfiguration(body: ConfigurationCreate): StoredConfiguration {
  return {
    "@odata.type": withHash(body["@odata.type"]),
    id: body.id ?? randomUUID(),
    displayName: body.displayName ?? null,
    description: body.description ?? null,
    priority: body.priority ?? 0,
    checkinStatuses: body.checkinStatuses ?? [],
    // `??` would turn an explicit null into the default: keep what the client sent.
    userCheckinSummary:
      body.userCheckinSummary === undefined
        ? { succeededUserCount: 0, failedUserCount: 0 }
        : body.userCheckinSummary,
    policyPayload: body.policyPayload ?? null,
    userPreferencePayload: body.userPreferencePayload ?? null,
  };
}

export function newAssignment(body: AssignmentCreate): StoredAssignment {
  return {
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    id: body.id ?? randomUUID(),
    target: body.target,
  };
}
