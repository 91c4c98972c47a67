import t from "tap";
import { build } from "../helpers/build.js";
import { assignmentsPath, auth, guid, json, seedRequest } from "../helpers/requests.js";

const odataJson =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

t.test("every reply, success or error, carries Graph's headers", async (t) => {
  const app = await build(t);
  const replies = [
    await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: seedRequest }),
    await app.inject({ url: assignmentsPath, headers: auth }),
    await app.inject({ url: assignmentsPath }),
    await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: "{" }),
    await app.inject({ url: "/beta/nowhere", headers: auth }),
  ];
  const ids = new Set<string>();
  for (const res of replies) {
    const name = `${res.statusCode}`;
    t.match(res.headers["request-id"], guid, `${name}: request-id is a GUID`);
    t.equal(
      res.headers["client-request-id"],
      res.headers["request-id"],
      `${name}: client-request-id defaults to request-id`,
    );
    t.equal(res.headers["odata-version"], "4.0", `${name}: OData-Version`);
    t.equal(res.headers["content-type"], odataJson, `${name}: OData JSON content type`);
    t.equal(res.headers["cache-control"], "private", `${name}: Cache-Control`);
    t.equal(res.headers["strict-transport-security"], "max-age=31536000", `${name}: HSTS`);
    t.match(JSON.parse(String(res.headers["x-ms-ags-diagnostic"])), {
      ServerInfo: { DataCenter: String },
    });
    ids.add(String(res.headers["request-id"]));
  }
  t.equal(ids.size, replies.length, "request-id is new for every request");
});

t.test("client-request-id is echoed, in the header and in innerError", async (t) => {
  const app = await build(t);
  const mine = "5b8e9f3c-6c1a-4f8e-9a57-0e3c2d1b4a69";
  const ok = await app.inject({
    url: assignmentsPath,
    headers: { ...auth, "client-request-id": mine },
  });
  t.equal(ok.headers["client-request-id"], mine);
  t.not(ok.headers["request-id"], mine, "request-id stays the server's own");
  const error = await app.inject({
    url: `${assignmentsPath}/x`,
    headers: { ...auth, "client-request-id": mine },
  });
  t.equal(error.headers["client-request-id"], mine);
  t.equal(error.json().error.innerError["client-request-id"], mine);
  t.equal(error.json().error.innerError["request-id"], error.headers["request-id"]);
});

t.test("401 carries Graph's WWW-Authenticate challenge", async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: assignmentsPath });
  t.equal(
    res.headers["www-authenticate"],
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  );
});

t.test("HEAD of a read answers its headers without a body", async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: "HEAD", url: assignmentsPath, headers: auth });
  t.equal(res.statusCode, 200);
  t.equal(res.body, "");
  t.match(res.headers["request-id"], guid);
});
