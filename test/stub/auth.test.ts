import { writeFileSync } from "node:fs";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import t from "tap";
import type { AuthMode } from "../../src/stub/options.js";
import { build } from "../helpers/build.js";
import { assignmentsPath, seedRequest } from "../helpers/requests.js";
import { bearer, jwt, rawJwt, readOnly, readWrite, signedJwt } from "../helpers/tokens.js";

const now = Math.floor(Date.now() / 1000);
const personalTenant = "9188040d-6c67-4c5b-b112-36a304b66dad";
const appDenied =
  "Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementConfiguration.ReadWrite.All";
const userDenied =
  "User is not authorized to perform this operation. The user's token must have one of the following scopes: DeviceManagementConfiguration.ReadWrite.All";

// One POST of the seed per case: the status, code and message Graph would answer.
const cases: {
  name: string;
  authorization?: string;
  auth?: AuthMode;
  status: number;
  code?: string;
  message?: string;
}[] = [
  {
    name: "no Authorization header",
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Access token is empty.",
  },
  {
    name: "an empty bearer",
    authorization: "Bearer ",
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Access token is empty.",
  },
  {
    name: "Basic credentials",
    authorization: "Basic dXNlcjpwYXNz",
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Access token is empty.",
  },
  { name: "an opaque token (default mode)", authorization: "Bearer local-dev-token", status: 201 },
  { name: "lower-case scheme", authorization: "bearer local-dev-token", status: 201 },
  {
    name: "an opaque token when JWTs are required",
    authorization: "Bearer local-dev-token",
    auth: "jwt",
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "CompactToken parsing failed with error code: 80049217",
  },
  { name: "no token at all with auth none", auth: "none", status: 201 },
  {
    name: "delegated ReadWrite.All",
    authorization: `Bearer ${jwt({ scp: `User.Read ${readWrite}` })}`,
    auth: "jwt",
    status: 201,
  },
  {
    name: "application ReadWrite.All",
    authorization: `Bearer ${jwt({ roles: [readWrite] })}`,
    status: 201,
  },
  {
    name: "delegated Read.All may not write",
    authorization: `Bearer ${jwt({ scp: readOnly })}`,
    status: 403,
    code: "Forbidden",
    message: userDenied,
  },
  {
    name: "application Read.All may not write",
    authorization: `Bearer ${jwt({ roles: [readOnly] })}`,
    status: 403,
    code: "Forbidden",
    message: appDenied,
  },
  {
    name: "a personal Microsoft account",
    authorization: `Bearer ${jwt({ scp: readWrite, tid: personalTenant })}`,
    status: 403,
    code: "Forbidden",
    message:
      "Personal Microsoft accounts are not supported for this API: officeConfiguration needs a work or school account.",
  },
  {
    name: "neither scp nor roles",
    authorization: `Bearer ${jwt({})}`,
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Either scp or roles claim need to be present in the token.",
  },
  {
    name: "an expired token",
    authorization: `Bearer ${jwt({ scp: readWrite, exp: now - 3600 })}`,
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Access token has expired or is not yet valid.",
  },
  {
    name: "a token not yet valid",
    authorization: `Bearer ${jwt({ scp: readWrite, nbf: now + 3600 })}`,
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Access token has expired or is not yet valid.",
  },
  {
    name: "another audience",
    authorization: `Bearer ${jwt({ scp: readWrite, aud: "api://other" })}`,
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Access token validation failure. Invalid audience.",
  },
  {
    name: "Graph's app id as audience",
    authorization: `Bearer ${jwt({ scp: readWrite, aud: "00000003-0000-0000-c000-000000000000" })}`,
    status: 201,
  },
  {
    name: "a JWT whose parts are not JSON",
    authorization: "Bearer abc.def.ghi",
    status: 401,
    code: "InvalidAuthenticationToken",
    message: /^IDX14100: JWT is not well formed/ as unknown as string,
  },
];

t.test("bearer tokens → 201, 401 or 403 as Graph answers", async (t) => {
  for (const c of cases) {
    const app = await build(t, { auth: c.auth ?? "token" });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (c.authorization !== undefined) headers.authorization = c.authorization;
    const res = await app.inject({
      method: "POST",
      url: assignmentsPath,
      headers,
      payload: seedRequest,
    });
    t.equal(res.statusCode, c.status, c.name);
    if (c.code) t.match(res.json(), { error: { code: c.code, message: c.message } }, c.name);
    if (c.status === 401) t.ok(res.headers["www-authenticate"], `${c.name}: WWW-Authenticate`);
  }
});

t.test("with --jwt-secret, signatures are verified", async (t) => {
  const app = await build(t, { jwtSecret: "s3cret" });
  const post = (authorization: string) =>
    app.inject({
      method: "POST",
      url: assignmentsPath,
      headers: { authorization, "content-type": "application/json" },
      payload: seedRequest,
    });
  t.equal(
    (await post(`Bearer ${await signedJwt({ scp: readWrite }, "s3cret")}`)).statusCode,
    201,
    "signed with the secret",
  );
  const forged = await post(`Bearer ${await signedJwt({ scp: readWrite }, "other")}`);
  t.equal(forged.statusCode, 401, "signed with another secret");
  t.equal(forged.json().error.message, "Access token validation failure. Invalid signature.");
  const unsigned = await post(`Bearer ${jwt({ scp: readWrite })}`);
  t.equal(unsigned.statusCode, 401, "an unsigned token");
  t.equal(
    (await post("Bearer opaque")).json().error.message,
    "CompactToken parsing failed with error code: 80049217",
  );
  const expired = await post(
    `Bearer ${await new SignJWT({ scp: readWrite, aud: "https://graph.microsoft.com" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode("s3cret"))}`,
  );
  t.equal(expired.json().error.message, "Access token has expired or is not yet valid.");
  const malformed = await post("Bearer eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln");
  t.match(malformed.json().error.message, /^IDX14100/);
  const readOnlyToken = await post(`Bearer ${await signedJwt({ scp: readOnly }, "s3cret")}`);
  t.equal(readOnlyToken.statusCode, 403, "verified, but without the scope");
});

t.test("with --jwks FILE, RS256 signatures are verified against the key set", async (t) => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const dir = t.testdir({});
  const file = `${dir}/jwks.json`;
  writeFileSync(file, JSON.stringify({ keys: [jwk] }));
  const app = await build(t, { jwks: file });
  const token = await new SignJWT({ roles: [readWrite], aud: "https://graph.microsoft.com" })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setExpirationTime("1h")
    .sign(privateKey);
  const ok = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: { ...bearer(token), "content-type": "application/json" },
    payload: seedRequest,
  });
  t.equal(ok.statusCode, 201);
  const other = await generateKeyPair("RS256");
  const forged = await new SignJWT({ roles: [readWrite] })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .sign(other.privateKey);
  const res = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: { ...bearer(forged), "content-type": "application/json" },
    payload: seedRequest,
  });
  t.equal(res.statusCode, 401);
});

/** POST the seed with `authorization` to an app built with `options`. */
async function poster(t: Parameters<typeof build>[0], options: Parameters<typeof build>[1]) {
  const app = await build(t, options);
  return (authorization: string) =>
    app.inject({
      method: "POST",
      url: assignmentsPath,
      headers: { authorization, "content-type": "application/json" },
      payload: seedRequest,
    });
}

const malformed =
  "IDX14100: JWT is not well formed: it must be three base64url-encoded parts separated by dots, the first two of them JSON.";

t.test("a token shaped like a JWT that does not decode is a 401, never opaque", async (t) => {
  const post = await poster(t, {});
  const readOnlyJwt = jwt({ scp: readOnly });
  for (const token of [
    `${readOnlyJwt}=`,
    `${readOnlyJwt}==`,
    `${readOnlyJwt.replace(".", "=.")}`,
    `${readOnlyJwt}.extra`,
    readOnlyJwt.split(".").slice(0, 2).join("."),
    "eyJhbGciOiJub25lIn0",
    "a.b",
    "header.payload.signature+/",
  ]) {
    const res = await post(`Bearer ${token}`);
    t.equal(res.statusCode, 401, token);
    t.match(res.json(), { error: { code: "InvalidAuthenticationToken", message: malformed } });
    t.ok(res.headers["www-authenticate"], "with Graph's challenge");
  }
  t.equal((await post(`Bearer ${readOnlyJwt}`)).statusCode, 403, "the token itself is read-only");
  t.equal((await post("Bearer local-dev-token")).statusCode, 201, "opaque tokens still pass");
});

t.test("a personal account's tid is matched as a GUID: any case, with braces", async (t) => {
  const post = await poster(t, {});
  for (const tid of [
    personalTenant.toUpperCase(),
    `{${personalTenant}}`,
    `{${personalTenant.toUpperCase()}}`,
  ]) {
    const res = await post(`Bearer ${jwt({ scp: readWrite, tid })}`);
    t.equal(res.statusCode, 403, tid);
    t.match(res.json(), {
      error: {
        code: "Forbidden",
        message:
          "Personal Microsoft accounts are not supported for this API: officeConfiguration needs a work or school account.",
      },
    });
  }
  const work = await post(`Bearer ${jwt({ scp: readWrite, tid: `{${personalTenant}` })}`);
  t.equal(work.statusCode, 201, "not a GUID of that tenant: a work tenant as far as we know");
});

t.test("with signature checks, exp is required", async (t) => {
  const post = await poster(t, { jwtSecret: "s3cret" });
  const forever = await new SignJWT({ scp: readWrite, aud: "https://graph.microsoft.com" })
    .setProtectedHeader({ alg: "HS256" })
    .sign(new TextEncoder().encode("s3cret"));
  const res = await post(`Bearer ${forever}`);
  t.equal(res.statusCode, 401);
  t.match(res.json(), {
    error: {
      code: "InvalidAuthenticationToken",
      message: "Access token validation failure. The token has no expiry ('exp' claim).",
    },
  });
});

t.test("--issuer: every JWT's iss must be exactly it", async (t) => {
  const issuer = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/";
  const signed = await poster(t, { jwtSecret: "s3cret", issuer });
  t.equal(
    (await signed(`Bearer ${await signedJwt({ scp: readWrite, iss: issuer }, "s3cret")}`))
      .statusCode,
    201,
  );
  const unsigned = await poster(t, { issuer });
  for (const iss of [undefined, "https://sts.windows.net/other/", issuer.toUpperCase()]) {
    for (const post of [signed, unsigned]) {
      const claims = { scp: readWrite, ...(iss === undefined ? {} : { iss }) };
      const token = post === signed ? await signedJwt(claims, "s3cret") : jwt(claims);
      const res = await post(`Bearer ${token}`);
      t.equal(res.statusCode, 401, `iss ${iss}`);
      t.match(res.json(), {
        error: {
          code: "InvalidAuthenticationToken",
          message: "Access token validation failure. Invalid issuer.",
        },
      });
    }
  }
});

t.test("reads accept Read.All; writes do not", async (t) => {
  const app = await build(t);
  const read = await app.inject({ url: assignmentsPath, headers: bearer(jwt({ scp: readOnly })) });
  t.equal(read.statusCode, 200);
});

// Every claim the stub reads, with values of the wrong JSON type (raw JSON text: `1e400` reads as
// Infinity). Each is a 401 naming the claim, signed or not, and the PATCH changes nothing.
const numericDate = "a finite number (NumericDate, seconds)";
const badClaims: { claim: string; type: string; values: [raw: string, found: string][] }[] = [
  ...["exp", "nbf", "iat"].map((claim) => ({
    claim,
    type: numericDate,
    values: [
      ['"tomorrow"', "a string"],
      ["1e400", "an infinite number"],
      ["-1e400", "an infinite number"],
      ["null", "null"],
      ["true", "a boolean"],
      ["[1]", "an array"],
      ['{"seconds":1}', "an object"],
    ] as [string, string][],
  })),
  ...[
    ["iss", "a string"],
    ["tid", "a string (a GUID)"],
    ["scp", "a string of space-separated scopes"],
  ].map(([claim = "", type = ""]) => ({
    claim,
    type,
    values: [
      [`["${readWrite}"]`, "an array"],
      ["1", "a number"],
      ["null", "null"],
      ["false", "a boolean"],
      ["{}", "an object"],
    ] as [string, string][],
  })),
  {
    claim: "aud",
    type: "a string or an array of strings",
    values: [
      ["1", "a number"],
      ["null", "null"],
      ['{"aud":"https://graph.microsoft.com"}', "an object"],
      ['["https://graph.microsoft.com", 1]', "an array"],
    ],
  },
  {
    claim: "roles",
    type: "an array of strings",
    values: [
      [`"${readWrite}"`, "a string"],
      ["1e400", "an infinite number"],
      ["null", "null"],
      [`["${readWrite}", null]`, "an array"],
      [`[["${readWrite}"]]`, "an array"],
    ],
  },
];

t.test(
  "a claim of the wrong JSON type → 401 naming it, signed or not; nothing changes",
  async (t) => {
    const secret = "s3cret";
    const now = Math.floor(Date.now() / 1000);
    for (const options of [{}, { jwtSecret: secret }]) {
      const app = await build(t, options);
      const before = app.store.getOfficeConfiguration();
      for (const { claim, type, values } of badClaims) {
        for (const [raw, found] of values) {
          const claims: Record<string, unknown> = {
            aud: "https://graph.microsoft.com",
            tid: "72f988bf-86f1-41af-91ab-2d7cd011db47",
            scp: readWrite,
            exp: now + 3600,
          };
          delete claims[claim];
          const payload = `${JSON.stringify(claims).slice(0, -1)},"${claim}":${raw}}`;
          const token = await rawJwt(payload, options.jwtSecret);
          const name = `${options.jwtSecret ? "signed" : "unsigned"} ${claim}: ${raw}`;
          const res = await app.inject({
            method: "PATCH",
            url: "/beta/officeConfiguration",
            headers: { ...bearer(token), "content-type": "application/json" },
            payload: { tenantUserCheckinSummary: { succeededUserCount: 7, failedUserCount: 0 } },
          });
          t.equal(res.statusCode, 401, name);
          t.match(
            res.json(),
            {
              error: {
                code: "InvalidAuthenticationToken",
                message: `Access token validation failure. The '${claim}' claim must be ${type}, not ${found}.`,
              },
            },
            name,
          );
          t.ok(res.headers["www-authenticate"], `${name}: WWW-Authenticate`);
        }
      }
      t.same(app.store.getOfficeConfiguration(), before, "nothing changed");
      // The same claims of the right types pass: the table tests the types, nothing else.
      const good = await rawJwt(
        JSON.stringify({
          aud: ["https://graph.microsoft.com"],
          tid: "72f988bf-86f1-41af-91ab-2d7cd011db47",
          iss: "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
          scp: readWrite,
          roles: [],
          exp: now + 3600.5,
          nbf: now - 60,
          iat: now - 60,
        }),
        options.jwtSecret,
      );
      const ok = await app.inject({
        method: "PATCH",
        url: "/beta/officeConfiguration",
        headers: { ...bearer(good), "content-type": "application/json" },
        payload: { tenantUserCheckinSummary: { succeededUserCount: 7, failedUserCount: 0 } },
      });
      t.equal(ok.statusCode, 204, "well-typed claims");
    }
  },
);
