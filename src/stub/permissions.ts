// The least privileged permissions a run needed, as Dev Proxy's minimal-permissions plugin
// reports them: from each operation's `security` in openapi.yaml, whose alternatives are listed
// least privileged first (Graph's permission tables list them so too).
import type { components } from "../../generated/schema.js";

type JournalEntry = components["schemas"]["stubRequest"];

export type LeastPermissions = components["schemas"]["stubLeastPermissions"];
export type PermissionsReport = components["schemas"]["stubPermissions"];

/**
 * The smallest set of permissions that grants one alternative of every requirement: each
 * requirement not yet met adds its first (least privileged) alternative, then a permission that
 * the others make redundant (Read.All once ReadWrite.All is in) is dropped. An empty alternative
 * list (an operation with no token) needs nothing.
 * @param requirements one entry per request: its operation's alternatives, each a list of scopes.
 */
export function leastPermissionSet(requirements: string[][][]): string[] {
  const needed = requirements.filter((alternatives) => alternatives.length > 0);
  const covers = (set: Set<string>, alternatives: string[][]) =>
    alternatives.some((scopes) => scopes.every((scope) => set.has(scope)));
  const chosen = new Set<string>();
  for (const alternatives of needed) {
    if (!covers(chosen, alternatives)) for (const scope of alternatives[0] ?? []) chosen.add(scope);
  }
  for (const scope of [...chosen]) {
    const without = new Set([...chosen].filter((other) => other !== scope));
    if (needed.every((alternatives) => covers(without, alternatives))) chosen.delete(scope);
  }
  return [...chosen].sort();
}

/**
 * Delegated and application permissions alike: the spec's bearerAuth scopes are granted by a
 * token's `scp` (delegated) or `roles` (application), and Graph names them the same.
 */
export function leastPrivileged(requirements: string[][][]): LeastPermissions {
  const set = leastPermissionSet(requirements);
  return { delegated: set, application: [...set] };
}

/** GET /_stub/permissions: the journal's operations, their alternatives, and the least set. */
export function permissionsReport(entries: readonly JournalEntry[]): PermissionsReport {
  const byOperation = new Map<string, { requests: number; scopes: string[][] }>();
  for (const entry of entries) {
    if (entry.operationId === null || entry.scopes.length === 0) continue;
    const seen = byOperation.get(entry.operationId);
    if (seen) seen.requests += 1;
    else byOperation.set(entry.operationId, { requests: 1, scopes: entry.scopes });
  }
  const operations = [...byOperation].map(([operationId, { requests, scopes }]) => ({
    operationId,
    requests,
    scopes,
  }));
  return {
    requests: operations.reduce((sum, operation) => sum + operation.requests, 0),
    leastPrivileged: leastPrivileged(operations.map((operation) => operation.scopes)),
    operations,
  };
}
