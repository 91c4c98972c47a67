// Builds the entities the stub stores from validated bodies: server ids, defaults, partial
// updates, and the `#` on every @odata.type the server writes itself (reference §2: a target's
// type is echoed as the client sent it).

import type { components } from "../../generated/schema.js";
import { newGuid } from "./guid.js";

type Schemas = components["schemas"];
export type ConfigurationCreate = Schemas["officeClientConfigurationCreate"];
export type ConfigurationUpdate = Schemas["officeClientConfigurationUpdate"];
export type AssignmentCreate = Schemas["officeClientConfigurationAssignmentCreate"];
export type AssignmentUpdate = Schemas["officeClientConfigurationAssignmentUpdate"];
export type OfficeConfigurationUpdate = Schemas["officeConfigurationUpdate"];
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
type OfficeConfigurationResponse = Schemas["officeConfigurationResponse"];
/** The singleton as stored: every property, no annotations, nothing `$expand`ed. */
export type StoredOfficeConfiguration = Required<
  Pick<OfficeConfigurationResponse, "tenantCheckinStatuses" | "tenantUserCheckinSummary">
>;

export function withHash<T extends string>(type: T): T {
  return (type.startsWith("#") ? type : `#${type}`) as T;
}

export function emptyOfficeConfiguration(): StoredOfficeConfiguration {
  return {
    tenantCheckinStatuses: [],
    tenantUserCheckinSummary: { succeededUserCount: 0, failedUserCount: 0 },
  };
}

export function updatedOfficeConfiguration(
  current: StoredOfficeConfiguration,
  patch: OfficeConfigurationUpdate,
): StoredOfficeConfiguration {
  return { ...current, ...patch } as StoredOfficeConfiguration;
}

/** `priority` defaults to one more than the highest in the tenant, so creates never clash by default. */
export function newConfiguration(
  body: ConfigurationCreate,
  nextPriority: number,
): StoredConfiguration {
  return {
    "@odata.type": withHash(body["@odata.type"]),
    id: body.id ?? newGuid(),
    displayName: body.displayName ?? null,
    description: body.description ?? null,
    priority: body.priority ?? nextPriority,
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

/** PATCH: only the properties sent change; `@odata.type` and `id` stay. */
export function updatedConfiguration(
  current: StoredConfiguration,
  patch: ConfigurationUpdate,
): StoredConfiguration {
  const { "@odata.type": _type, id: _id, ...changes } = patch;
  return { ...current, ...changes };
}

// JSON.parse gives every request its own copy of the target's `@odata.type` (~70 bytes), and
// the store keeps one per assignment. The spec allows four values, so keep one copy of each
// (the cap only guards against a schema that someday allows free text).
const targetTypes = new Map<string, string>();

function sharedTargetType<T extends string>(type: T): T {
  const kept = targetTypes.get(type);
  if (kept !== undefined) return kept as T;
  if (targetTypes.size < 16) targetTypes.set(type, type);
  return type;
}

type Target = StoredAssignment["target"];

/** The target with `@odata.type` first, as OData JSON with odata.streaming=true orders it. */
function storedTarget(target: Target): Target {
  const { "@odata.type": type, ...rest } = target;
  return { "@odata.type": sharedTargetType(type), ...rest };
}

export function newAssignment(body: AssignmentCreate): StoredAssignment {
  return {
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    id: body.id ?? newGuid(),
    target: storedTarget(body.target),
  };
}

export function updatedAssignment(
  current: StoredAssignment,
  patch: AssignmentUpdate,
): StoredAssignment {
  return { ...current, target: patch.target ? storedTarget(patch.target) : current.target };
}
