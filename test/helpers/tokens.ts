// Access tokens for tests: unsigned JWTs with chosen claims, or HS256-signed ones.
import { SignJWT, UnsecuredJWT } from "jose";

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

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
