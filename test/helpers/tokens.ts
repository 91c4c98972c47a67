// Access tokens for tests: unsigned JWTs with chosen claims, or HS256-signed ones.
import { base64url, CompactSign, SignJWT, UnsecuredJWT } from "jose";

export const readWrite = "DeviceManagementConfiguration.ReadWrite.All";
export const readOnly = "DeviceManagementConfiguration.Read.All";

export interface Claims {
  scp?: string;
  roles?: string[];
  tid?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
  iss?: string;
}

const base = {
  aud: "https://graph.microsoft.com",
  tid: "72f988bf-86f1-41af-91ab-2d7cd011db47",
};

/** An unsigned JWT (alg none): the stub decodes claims unless it verifies signatures. */
export function jwt(claims: Claims): string {
  return new UnsecuredJWT({ ...base, ...claims }).encode();
}

export async function signedJwt(claims: Claims, secret: string): Promise<string> {
  return new SignJWT({ ...base, ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
}

/**
 * A JWT whose payload is exactly `payload` (JSON text), for claims JSON.stringify cannot write
 * (`1e400`): unsigned (alg none) without `secret`, else HS256-signed with it.
 */
export async function rawJwt(payload: string, secret?: string): Promise<string> {
  const bytes = new TextEncoder().encode(payload);
  if (secret === undefined)
    return `${base64url.encode('{"alg":"none"}')}.${base64url.encode(bytes)}.`;
  return new CompactSign(bytes)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(secret));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
