// Bearer tokens → 401/403, as Graph does (reference §1.3, §4). The scopes an operation needs
// come from its `security` in openapi.yaml: any one alternative is enough.
import { readFileSync } from "node:fs";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from "jose";
import { graphErrors } from "./errors.js";
import type { AppOptions } from "./options.js";

/** The consumer tenant: tokens of personal Microsoft accounts carry this `tid`. */
export const personalAccountTenantId = "9188040d-6c67-4c5b-b112-36a304b66dad";
/** Graph's audiences: its resource URL or its application id. */
const graphAudiences = new Set([
  "https://graph.microsoft.com",
  "https://graph.microsoft.com/",
  "00000003-0000-0000-c000-000000000000",
]);
/** Entra ID accepts tokens a few minutes past `exp` or before `nbf`. */
const clockSkewSeconds = 300;

/**
 * Resolves when the `Authorization` header may call an operation that needs any one of
 * `alternatives` (each a list of scopes, all needed); rejects with a 401 or 403 GraphError.
 */
export type Authenticator = (
  authorization: string | undefined,
  alternatives: string[][],
) => Promise<void>;

type Verify = (token: string) => Promise<JWTPayload>;

function signatureVerifier(options: Pick<AppOptions, "jwtSecret" | "jwks">): Verify | undefined {
  // A signed token without `exp` would be valid forever: Entra ID always sets it.
  const verifyOptions = { clockTolerance: clockSkewSeconds, requiredClaims: ["exp"] };
  if (options.jwtSecret !== undefined) {
    const secret = new TextEncoder().encode(options.jwtSecret);
    return async (token) => (await jwtVerify(token, secret, verifyOptions)).payload;
  }
  if (options.jwks !== undefined) {
    const keys = /^https?:\/\//.test(options.jwks)
      ? createRemoteJWKSet(new URL(options.jwks))
      : createLocalJWKSet(JSON.parse(readFileSync(options.jwks, "utf8")));
    return async (token) => (await jwtVerify(token, keys, verifyOptions)).payload;
  }
  return undefined;
}

const jwtShape = /^[\w-]+\.[\w-]+\.[\w-]*$/;
/**
 * Meant as a JWT: it has a dot, or starts as a base64url JSON header does (`eyJ`). Such a token
 * that is not exactly three base64url parts is malformed (401), never taken as an opaque token:
 * otherwise a read-only JWT with `=` appended would pass as full access.
 */
const meantAsJwt = /\.|^eyJ/;

/** A GUID, bare or in braces (the registry form). */
const guidText =
  /^(?:\{([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})\}|([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}))$/i;

/** A GUID's canonical text: lower case, without braces (`{9188040D-…}` is the same tenant). */
function canonicalGuid(value: unknown): string | undefined {
  const match = typeof value === "string" ? guidText.exec(value) : null;
  return (match?.[1] ?? match?.[2])?.toLowerCase();
}

const isString = (value: unknown): value is string => typeof value === "string";
const isNumericDate = (value: unknown) => typeof value === "number" && Number.isFinite(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(isString);

/**
 * The claims the stub reads and the JSON type each must have when present (RFC 7519 §4.1; Entra
 * ID's access tokens: `scp` a space-separated string, `roles` an array). A claim of another type
 * is a 401, never skipped: `"exp":"tomorrow"` or `1e400` (Infinity) must not make a token eternal.
 */
const claimTypes: Record<string, { type: string; valid: (value: unknown) => boolean }> = {
  exp: { type: "a finite number (NumericDate, seconds)", valid: isNumericDate },
  nbf: { type: "a finite number (NumericDate, seconds)", valid: isNumericDate },
  iat: { type: "a finite number (NumericDate, seconds)", valid: isNumericDate },
  iss: { type: "a string", valid: isString },
  aud: { type: "a string or an array of strings", valid: (v) => isString(v) || isStrings(v) },
  tid: { type: "a string (a GUID)", valid: isString },
  scp: { type: "a string of space-separated scopes", valid: isString },
  roles: { type: "an array of strings", valid: isStrings },
};

/** The JSON type a claim's value has, as the 401 names it. */
function typeOf(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? "a number" : "an infinite number";
  if (value === null) return "null";
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return `a ${typeof value}`;
}

/** @throws GraphError 401 naming the first claim of the wrong type. */
function checkClaimTypes(claims: JWTPayload): void {
  for (const [claim, { type, valid }] of Object.entries(claimTypes)) {
    const value = claims[claim];
    if (value !== undefined && !valid(value)) {
      throw graphErrors.tokenClaimType(claim, type, typeOf(value));
    }
  }
}

function granted(claims: JWTPayload): { kind: "application" | "delegated"; scopes: string[] } {
  if (isString(claims.scp)) {
    return { kind: "delegated", scopes: claims.scp.split(" ").filter(Boolean) };
  }
  if (isStrings(claims.roles)) return { kind: "application", scopes: claims.roles };
  throw graphErrors.tokenWithoutPermissions();
}

function checkTimes(claims: JWTPayload): void {
  const now = Math.floor(Date.now() / 1000);
  if (claims.exp !== undefined && now > claims.exp + clockSkewSeconds) {
    throw graphErrors.tokenExpired();
  }
  if (claims.nbf !== undefined && now < claims.nbf - clockSkewSeconds) {
    throw graphErrors.tokenExpired();
  }
}

/** `--issuer`: the token's `iss` must be exactly it. */
function checkIssuer(claims: JWTPayload, issuer: string | undefined): void {
  if (issuer !== undefined && claims.iss !== issuer) throw graphErrors.tokenInvalidIssuer();
}

function checkAudience(claims: JWTPayload): void {
  if (claims.aud === undefined) return;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((audience) => graphAudiences.has(audience))) {
    throw graphErrors.tokenInvalidAudience();
  }
}

/** Builds the check that every Graph route runs first; throws a GraphError on refusal. */
export function createAuthenticator(
  options: Pick<AppOptions, "auth" | "jwtSecret" | "jwks" | "issuer">,
): Authenticator {
  const verify = signatureVerifier(options);
  return async (authorization, alternatives) => {
    if (options.auth === "none") return;
    const match = /^Bearer[ \t]+(\S*)[ \t]*$/i.exec(authorization ?? "");
    const token = match?.[1];
    if (!token) throw graphErrors.tokenEmpty();

    if (!jwtShape.test(token)) {
      if (meantAsJwt.test(token)) throw graphErrors.tokenMalformed();
      if (options.auth === "jwt" || verify) throw graphErrors.tokenNotJwt();
      return;
    }
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw graphErrors.tokenMalformed();
    }
    if (verify) {
      try {
        claims = await verify(token);
      } catch (error) {
        if (
          error instanceof joseErrors.JWTExpired ||
          error instanceof joseErrors.JWTClaimValidationFailed
        ) {
          // jose checks claims after the signature: a claim of the wrong type is named first
          // (its own checks pass Infinity as a number and say only "expired" for it).
          checkClaimTypes(claims);
          throw error.claim === "exp" && error.reason === "missing"
            ? graphErrors.tokenWithoutExpiry()
            : graphErrors.tokenExpired();
        }
        throw graphErrors.tokenInvalidSignature();
      }
    }
    authorize(claims, alternatives, options.issuer);
  };
}

/** The checks on a token's claims, once they are trusted: types, times, issuer, audience, tenant, scopes. */
function authorize(claims: JWTPayload, alternatives: string[][], issuer?: string): void {
  checkClaimTypes(claims);
  checkTimes(claims);
  checkIssuer(claims, issuer);
  checkAudience(claims);
  const { kind, scopes } = granted(claims);
  if (canonicalGuid(claims.tid) === personalAccountTenantId) throw graphErrors.personalAccount();
  const allowed = alternatives.some((needed) => needed.every((scope) => scopes.includes(scope)));
  if (alternatives.length > 0 && !allowed) {
    throw graphErrors.missingScope(kind, alternatives.flat());
  }
}
