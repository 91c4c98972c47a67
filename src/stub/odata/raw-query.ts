// The query string as the client wrote it, checked before the spec's parameter schemas coerce it
// (Ajv would read `$top=1e1` as 10 and `$top=%20` as 0) or see a repeated option as an array.
import type { FastifyRequest } from "fastify";
import { graphErrors } from "../errors.js";
import { nonNegativeInteger, systemOptionName } from "./query.js";

/**
 * A GET's system query options: each at most once, counting `top` and `$top` as one (Graph beta
 * takes both), and `$top`/`$skip` digits only (OData's ABNF).
 * @throws GraphError 400 naming the option.
 */
export function checkRawQuery(url: string): void {
  const at = url.indexOf("?");
  if (at < 0) return;
  const seen = new Set<string>();
  for (const [rawName, value] of new URLSearchParams(url.slice(at + 1))) {
    const name = systemOptionName(rawName);
    if (name === undefined) continue;
    if (seen.has(name)) throw graphErrors.queryOptionRepeated(name);
    seen.add(name);
    if (name === "$top" || name === "$skip") nonNegativeInteger(name, value);
  }
}

/** Fastify preValidation hook: `checkRawQuery` on every GET. */
export async function rawQueryHook(request: FastifyRequest): Promise<void> {
  if (request.method === "GET") checkRawQuery(request.url);
}
