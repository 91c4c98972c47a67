import t from "tap";
import { build } from "../../helpers/build.js";
import {
  assertContract,
  documentedStatuses,
  type ErrorBody,
  exercisedStatuses,
} from "../../helpers/contract.js";
import { assertInjectedFaults } from "../../helpers/faults.js";
import { auth, configurationsPath, demoConfigurationId } from "../../helpers/requests.js";
import { brokenStore } from "../../helpers/stores.js";
import { bearer, jwt, readOnly } from "../../helpers/tokens.js";

t.test("the demo configuration → 200 with its concrete @odata.type", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    url: `${configurationsPath}/${demoConfigurationId}`,
    headers: auth,
  });
  t.equal(res.statusCode, 200);
  t.same(assertContract(t, "getClientConfiguration", res), {
    "@odata.context":
      "http://localhost:80/beta/$metadata#officeConfiguration/clientConfigurations/$entity",
    "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
    id: demoConfigurationId,
    displayName: "Demo Office client configuration",
    description: "Seeded at start so that the seed's example request has a parent.",
    priority: 0,
    checkinStatuses: [],
    userCheckinSummary: { succeededUserCount: 0, failedUserCount: 0 },
    policyPayload: null,
    userPreferencePayload: null,
  });
});

t.test("a Read.All token may read", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    url: `${configurationsPath}/${demoConfigurationId}`,
    headers: bearer(jwt({ scp: readOnly })),
  });
  t.equal(res.statusCode, 200);
  assertContract(t, "getClientConfiguration", res);
});

t.test("errors: 400 empty id, 401, 403, 404, 500", async (t) => {
  const app = await build(t);
  const cases: [string, string, Record<string, string>, number, string, string][] = [
    [
      "empty id",
      `${configurationsPath}/`,
      auth,
      400,
      "BadRequest",
      "The path parameter 'officeClientConfigurationId' must not be empty.",
    ],
    [
      "no token",
      `${configurationsPath}/${demoConfigurationId}`,
      {},
      401,
      "InvalidAuthenticationToken",
      "Access token is empty.",
    ],
    [
      "a token without the scope",
      `${configurationsPath}/${demoConfigurationId}`,
      bearer(jwt({ scp: "User.Read" })),
      403,
      "Forbidden",
      "User is not authorized to perform this operation. The user's token must have one of the following scopes: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All",
    ],
    [
      "unknown id",
      `${configurationsPath}/nope`,
      auth,
      404,
      "ResourceNotFound",
      "Resource not found: no officeClientConfiguration with id 'nope' exists.",
    ],
  ];
  for (const [name, url, headers, status, code, message] of cases) {
    const res = await app.inject({ url, headers });
    t.equal(res.statusCode, status, name);
    const body = assertContract<ErrorBody>(t, "getClientConfiguration", res);
    t.equal(body.error.code, code, name);
    t.equal(body.error.message, message, name);
  }
  const broken = await build(t, { store: brokenStore("getConfiguration") });
  const res = await broken.inject({
    url: `${configurationsPath}/${demoConfigurationId}`,
    headers: auth,
  });
  t.equal(res.statusCode, 500);
  t.equal(
    assertContract<ErrorBody>(t, "getClientConfiguration", res).error.code,
    "generalException",
  );
});

t.test("injected faults are documented Graph replies", async (t) => {
  const app = await build(t);
  await assertInjectedFaults(t, app, "getClientConfiguration", {
    url: `${configurationsPath}/${demoConfigurationId}`,
    headers: auth,
  });
});

t.test("every documented status of getClientConfiguration is exercised", async (t) => {
  t.same(exercisedStatuses("getClientConfiguration"), documentedStatuses("getClientConfiguration"));
});
