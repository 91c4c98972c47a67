// Microsoft's Graph JS SDK against the stub, unchanged but for its base URL: over --https its
// auth provider's token arrives (the stub verifies its signature), the seed request succeeds,
// and a 404 surfaces as the SDK's GraphError with Graph's code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { ensureCertificates } from "../../src/stub/certs.js";
import { listen } from "../helpers/listen.js";
import { demoConfigurationId } from "../helpers/requests.js";
import { spawnTs } from "../helpers/spawn.js";
import { readWrite, signedJwt } from "../helpers/tokens.js";

const secret = "graph-sdk-test-secret";

async function runSdk(origin: string, env: Record<string, string>) {
  const child = spawnTs(
    "test/helpers/graph-sdk-child.ts",
    [origin, demoConfigurationId],
    undefined,
    { env },
  );
  const result = await child.waitFor(/^(\{.*\})$/m);
  await child.exited();
  return JSON.parse(result[1] ?? "{}");
}

t.test(
  "--https: the Graph SDK's token arrives, the seed succeeds, a 404 is a GraphError",
  async (t) => {
    const certDir = t.testdir();
    const { origin } = await listen(t, { https: true, certDir, auth: "jwt", jwtSecret: secret });
    t.match(origin, /^https:\/\/127\.0\.0\.1:\d+$/);
    const token = await signedJwt({ scp: readWrite }, secret);
    process.env.SDK_TOKEN = token;
    process.env.NODE_EXTRA_CA_CERTS = join(certDir, "ca.pem");
    t.teardown(() => {
      delete process.env.SDK_TOKEN;
      delete process.env.NODE_EXTRA_CA_CERTS;
    });
    const { created, missing } = await runSdk(origin, {});
    t.match(created, {
      ok: true,
      body: {
        "@odata.context": `${origin}/beta/$metadata#officeConfiguration/clientConfigurations('${demoConfigurationId}')/assignments/$entity`,
        "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
        id: /^[0-9a-f-]{36}$/,
        target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
      },
    });
    t.same(missing, { ok: false, graphError: true, statusCode: 404, code: "ResourceNotFound" });
  },
);

t.test(
  "--https: PageIterator with .top() walks every page; .expand(), .select(), $count with .filter() and the key syntax",
  async (t) => {
    const certDir = t.testdir();
    const { app, origin } = await listen(t, {
      https: true,
      certDir,
      auth: "jwt",
      jwtSecret: secret,
    });
    const token = await signedJwt({ scp: readWrite }, secret);
    const created: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/beta/officeConfiguration/clientConfigurations",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        payload: {
          "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
          displayName: `Paged ${i}`,
        },
      });
      created.push(res.json().id);
    }
    const assignment = await app.inject({
      method: "POST",
      url: `/beta/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      payload: {
        "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
        id: "a1",
        target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
      },
    });
    t.equal(assignment.statusCode, 201);
    const child = spawnTs(
      "test/helpers/graph-sdk-query-child.ts",
      [origin, demoConfigurationId],
      undefined,
      { env: { SDK_TOKEN: token, NODE_EXTRA_CA_CERTS: join(certDir, "ca.pem") } },
    );
    const line = await child.waitFor(/^(\{.*\})$/m);
    await child.exited();
    const result = JSON.parse(line[1] ?? "{}");
    t.same(result.firstPage, {
      size: 3,
      nextLink: `${origin}/beta/officeConfiguration/clientConfigurations?$top=3&$select=displayName&$skip=3`,
    });
    t.same(result.paged, [demoConfigurationId, ...created], "every item once, in order");
    t.same(result.expanded, ["a1"]);
    t.same(result.selectedKeys, ["@odata.context", "@odata.type", "id", "displayName"]);
    t.equal(result.keyed, demoConfigurationId);
    t.equal(result.counted, "7");
  },
);

t.test("over plain HTTP the same SDK code sends no token: 401 (why --https exists)", async (t) => {
  const { origin } = await listen(t, { auth: "jwt", jwtSecret: secret });
  const { created } = await runSdk(origin, {
    SDK_TOKEN: await signedJwt({ scp: readWrite }, secret),
  });
  t.same(created, {
    ok: false,
    graphError: true,
    statusCode: 401,
    code: "InvalidAuthenticationToken",
  });
});

t.test(
  "the certificate is generated once, then reused; its CA signs it for 127.0.0.1",
  async (t) => {
    const dir = t.testdir();
    const first = await ensureCertificates(dir);
    const again = await ensureCertificates(dir);
    t.equal(again.cert, first.cert, "reused, not regenerated");
    t.equal(first.caFile, join(dir, "ca.pem"));
    const { X509Certificate } = await import("node:crypto");
    const ca = new X509Certificate(readFileSync(first.caFile));
    const leaf = new X509Certificate(first.cert);
    t.ok(leaf.verify(ca.publicKey), "signed by the CA");
    t.ok(ca.ca, "the CA file is a CA");
    t.match(leaf.subjectAltName, /DNS:localhost/);
    t.match(leaf.subjectAltName, /IP Address:127\.0\.0\.1/);
  },
);
