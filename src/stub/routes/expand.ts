// $expand's inline navigation properties: a configuration's assignments, the singleton's
// configurations (reference §7: each entity with `<name>@odata.context` and the array).
import type { FastifyRequest } from "fastify";
import type { StoredAssignment, StoredConfiguration } from "../entities.js";
import { contextUrl, key, serviceRoot } from "../odata/urls.js";
import type { Store } from "../store/store.js";

/** `assignments@odata.context` and every assignment of the configuration `id`. */
export function assignmentsInline(
  request: FastifyRequest,
  store: Store,
  id: string,
): { "assignments@odata.context": string; assignments: StoredAssignment[] } {
  return {
    "assignments@odata.context": contextUrl(
      request,
      `officeConfiguration/clientConfigurations${key(id)}/assignments`,
    ),
    assignments: [...(store.listAssignments(id) ?? [])],
  };
}

/**
 * The singleton's `clientConfigurations`: at most `pageSize` of them, oldest first; when more
 * exist, `clientConfigurations@odata.nextLink` names the collection's next page.
 */
export function configurationsInline(
  request: FastifyRequest,
  store: Store,
  pageSize: number,
): {
  "clientConfigurations@odata.context": string;
  clientConfigurations: StoredConfiguration[];
  "clientConfigurations@odata.nextLink"?: string;
} {
  const clientConfigurations: StoredConfiguration[] = [];
  for (const configuration of store.listConfigurations()) {
    if (clientConfigurations.length >= pageSize) break;
    clientConfigurations.push(configuration);
  }
  // Only a full page links on, and the link's $skip (pageSize >= 1) is past it.
  const more = clientConfigurations.length === pageSize && store.countConfigurations() > pageSize;
  return {
    "clientConfigurations@odata.context": contextUrl(
      request,
      "officeConfiguration/clientConfigurations",
    ),
    clientConfigurations,
    ...(more
      ? {
          "clientConfigurations@odata.nextLink": `${serviceRoot(request)}/officeConfiguration/clientConfigurations?$skip=${pageSize}`,
        }
      : {}),
  };
}
