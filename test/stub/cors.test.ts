// CORS on the Graph routes: a browser's preflight is answered without a token, the headers Graph
// clients send are allowed, Graph's tracing and write headers are exposed; /_stub and /docs get
// no CORS at all.
import t from "tap";
import { build } from "../helpers/build.js";
import { assertContract, type ErrorBody } from "../helpers/contract.js";
import { assignmentsPath, auth, json, seedRequest } from "../helpers/requests.js";

const origin = "http://127.0.0.1:5173";
const allowed =
  "Authorization, Content-Type, client-request-id, Prefer, ConsistencyLevel, x-stub-fault";
const exposed =
  "request-id, client-request-id, Location, ETag, Preference-Applied, Content-Range, Retry-After";

t.test("a preflight on a Graph route: 204 without a token", async (t) => {
  const app = await build(t, { auth: "jwt" });
  for (const url of [assignmentsPath, "/beta/$batch", `${assignmentsPath}/missing`]) {
    const res = await app.inject({
      method: "OPTIONS",
      url,
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type,client-request-id",
      },
    });
    t.equal(res.statusCode, 204, url);
    t.equal(res.headers["access-control-allow-origin"], origin);
    t.equal(res.headers["access-control-allow-methods"], "GET, POST, PUT, PATCH, DELETE");
    t.equal(res.headers["access-control-allow-headers"], allowed);
    t.equal(res.headers["access-control-allow-credentials"], undefined, "no cookies involved");
    t.match(res.headers.vary, /Origin/);
    t.equal(res.body, "");
  }
});

t.test("replies to a page on another origin expose Graph's headers", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: { ...json, origin },
    payload: seedRequest,
  });
  t.equal(res.statusCode, 201);
  assertContract(t, "createAssignment", res);
  t.equal(res.headers["access-control-allow-origin"], origin);
  t.equal(res.headers["access-control-expose-headers"], exposed);

  const refused = await app.inject({ url: assignmentsPath, headers: { origin } });
  t.equal(refused.statusCode, 401, "a real request still needs its token");
  t.equal(
    assertContract<ErrorBody>(t, "listAssignments", refused).error.code,
    "InvalidAuthenticationToken",
  );
  t.equal(refused.headers["access-control-allow-origin"], origin, "errors are readable too");
  t.equal(refused.headers["access-control-expose-headers"], exposed);
});

t.test("without Origin: no CORS headers; a bare OPTIONS is no route", async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: assignmentsPath, headers: json });
  t.equal(res.statusCode, 200);
  t.equal(res.headers["access-control-allow-origin"], undefined);
  const options = await app.inject({ method: "OPTIONS", url: assignmentsPath, headers: auth });
  t.equal(options.statusCode, 400);
  t.equal(options.json().error.code, "No method match route template");
  t.equal(options.headers["access-control-allow-origin"], undefined);
});

t.test("the stub's controls and the docs get no CORS", async (t) => {
  const app = await build(t);
  for (const url of ["/_stub/reset", "/_stub/faults", "/docs"]) {
    const preflight = await app.inject({
      method: "OPTIONS",
      url,
      headers: { origin, "access-control-request-method": "POST" },
    });
    t.equal(preflight.statusCode, 404, url);
    t.equal(preflight.headers["access-control-allow-origin"], undefined, url);
  }
  const reset = await app.inject({ method: "POST", url: "/_stub/reset", headers: { origin } });
  t.equal(reset.statusCode, 403, "and a page of another origin may not call it (control-guard.ts)");
  t.equal(reset.headers["access-control-allow-origin"], undefined);
});
