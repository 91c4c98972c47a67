// What a reply holds under $select: the entity's own properties in their stored order, which
// puts `@odata.type` and `id` first (OData JSON with odata.streaming=true wants `@odata.type`
// before any property), less the ones $select leaves out.

/** Properties every entity keeps under `$select` (OData JSON: the type and the key). */
const alwaysKept = new Set(["@odata.type", "id"]);

/**
 * `entity` with only the properties `select` names (and `@odata.type`, `id`); all of them without
 * `$select`. A copy: the stored entity is not changed.
 */
export function selectProperties<T extends object>(
  entity: T,
  select: readonly string[] | undefined,
): Partial<T> {
  const result: Partial<T> = { ...entity };
  if (select === undefined) return result;
  for (const name in result) {
    if (!alwaysKept.has(name) && !select.includes(name)) delete result[name];
  }
  return result;
}

/** The context URL's projection for `$select`, e.g. `(displayName,priority)`; empty without. */
export function projection(select: readonly string[] | undefined): string {
  return select === undefined ? "" : `(${select.join(",")})`;
}
