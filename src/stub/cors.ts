// CORS for browser apps that call the Graph routes from another origin (the JS SDK and MSAL
// single-page samples do; reference §7, expose list §3.4). Registered inside the /beta plugin
// only, so the /_stub controls and the docs get no CORS headers at all.
import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";
import { faultHeader } from "./faults.js";

/** The request headers Graph clients send, besides the CORS-safelisted ones. */
export const corsAllowedHeaders = [
  "Authorization",
  "Content-Type",
  "client-request-id",
  "Prefer",
  "ConsistencyLevel",
  faultHeader,
];

/** The reply headers a page may read: Graph's tracing ids, and what its writes and faults send. */
export const corsExposedHeaders = [
  "request-id",
  "client-request-id",
  "Location",
  "ETag",
  "Preference-Applied",
  "Content-Range",
  "Retry-After",
];

/**
 * Adds CORS to the plugin it is registered in. The preflight (`OPTIONS` with `Origin` and
 * `Access-Control-Request-Method`) is answered 204 in the first onRequest hook, before the token
 * check, because browsers send preflights without `Authorization`. The page's origin is echoed
 * (with `Vary: Origin`); requests without `Origin` get no CORS headers. No cookies are involved,
 * so credentials are not allowed.
 */
export async function graphCors(app: FastifyInstance): Promise<void> {
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined),
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowedHeaders: corsAllowedHeaders,
    exposedHeaders: corsExposedHeaders,
    strictPreflight: false,
    hideOptionsRoute: true,
  });
}
