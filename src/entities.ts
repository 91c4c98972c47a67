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

const guidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A new GUID for an entity the store keeps. Node's randomUUID() builds its string from ~20
 * concatenated pieces, a rope that V8 keeps as ~20 linked objects (~490 bytes) until something
 * flattens it; kept as it is, every stored id costs that, and the garbage collector walks it on
 * every major GC. Running a regular expression flattens it in place (56 bytes).
 */
export function newGuid(): string {
  const id = randomUUID();
  guidShape.test(id);
  return id;
}

function withHash<T extends string>(type: T): T {
  return (type.startsWith("#") ? type : `#${type}`) as T;
}

export function newConfiguration(body: ConfigurationCreate): StoredConfiguration {
  return {
    "@odata.type": withHash(body["@odata.type"]),
    id: body.id ?? newGuid(),
    displayName: body.displayName ?? null,
    description: body.description ?? null,
    priority: body.priority ?? 0,
    checkinStatuses: body.checkinStatuses ?? [],
    userCheckinSummary: body.userCheckinSummary ?? { succeededUserCount: 0, failedUserCount: 0 },
    policyPayload: body.policyPayload ?? null,
    userPreferencePayload: body.userPreferencePayload ?? null,
  };
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

export function newAssignment(body: AssignmentCreate): StoredAssignment {
  return {
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    id: body.id ?? newGuid(),
    target: { ...body.target, "@odata.type": sharedTargetType(body.target["@odata.type"]) },
  };
}
