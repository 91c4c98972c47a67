// The /_stub controls change the stub's state without a Graph token, so no web page on another
// origin may reach them: a `fetch(url, { method: "POST", mode: "no-cors" })` is a simple request,
// sent without a preflight. Browsers say where a request comes from (`Origin` on every non-GET
// request, `Sec-Fetch-Site` on every request), so a request they mark as cross-origin is refused,
// while the stub's own Swagger UI and clients outside a browser (curl, tests) pass. An optional
// control token closes them to everyone else too, e.g. when the stub listens beyond loopback.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { graphErrors } from "./errors.js";

/** `Sec-Fetch-Site` values of a request that did not come from another origin's page. */
const ownSites = new Set(["same-origin", "none"]);

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/**
 * A check for each /_stub request.
 * @param controlToken when set, every control request must send `Authorization: Bearer <it>`.
 * @throws GraphError 403 `Forbidden` for a request a browser sent from another origin, 401
 *   `InvalidAuthenticationToken` without the control token.
 */
export function controlGuard(controlToken?: string): (request: FastifyRequest) => void {
  const expected = controlToken === undefined ? undefined : digest(`Bearer ${controlToken}`);
  return (request) => {
    const origin = request.headers.origin;
    const site = request.headers["sec-fetch-site"];
    const own = `${request.protocol}://${request.host}`.toLowerCase();
    if (origin !== undefined && origin.toLowerCase() !== own) {
      throw graphErrors.controlCrossOrigin(origin);
    }
    if (site !== undefined && !ownSites.has(site)) {
      throw graphErrors.controlCrossOrigin(origin ?? `a ${site} page`);
    }
    if (expected === undefined) return;
    const given = digest(request.headers.authorization ?? "");
    if (!timingSafeEqual(given, expected)) throw graphErrors.controlTokenMissing();
  };
}
