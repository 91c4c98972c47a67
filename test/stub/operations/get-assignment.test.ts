import t from "tap";
import { build } from "../../helpers/build.js";
import {
  assertContract,
  documentedStatuses,
  type ErrorBody,
  exercisedStatuses,
} from "../../helpers/contract.js";
import { assertInjectedFaults } from "../../helpers/faults.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  groupRequest,
  json,
} from "../../helpers/requests.js";
import { brokenStore } from "../../helpers/stores.js";
import { bearer, jwt } from "../../helpers/tokens.js";

t.test("an assignment reads back exactly as it was created", async (t) => {
  const app = await build(t);
  const created = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: groupRequest,
  });
  const res = await app.inject({ url: `${assignmentsPath}/${created.json().id}`, headers: auth });
  t.equal(res.statusCode, 200);
  t.same(assertContract(t, "getAssignment", res), created.json());
});

t.test("errors: 400, 401, 403, 404 (configuration, assignment), 500", async (t) => {
  const app = await build(t);
  const cases: [string, string, Record<string, string>, number, string, string][] = [
    [
      "empty id",
      `${assignmentsPath}/`,
      auth,
      400,
      "BadRequest",
      "The path parameter 'officeClientConfigurationAssignmentId' must not be empty.",
    ],
    [
      "no token",
      `${assignmentsPath}/x`,
      {},
      401,
      "InvalidAuthenticationToken",
      "Access token is empty.",
    ],
    [
      "app token without roles",
      `${assignmentsPath}/x`,
      bearer(jwt({ roles: [] })),
      403,
      "Forbidden",
      "Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All",
    ],
    [
      "unknown configuration",
      `${configurationsPath}/nope/assignments/x`,
      auth,
      404,
      "ResourceNotFound",
      "Resource not found: no officeClientConfiguration with id 'nope' exists.",
    ],
    [
      "unknown assignment",
      `${assignmentsPath}/x`,
      auth,
      404,
      "ResourceNotFound",
      "Resource not found: no officeClientConfigurationAssignment with id 'x' exists.",
    ],
  ];
  for (const [name, url, headers, status, code, message] of cases) {
    const res = await app.inject({ url, headers });
    t.equal(res.statusCode, status, name);
    const body = assertContract<ErrorBody>(t, "getAssignment", res);
    t.equal(body.error.code, code, name);
    t.equal(body.error.message, message, name);
  }
  const broken = await build(t, { store: brokenStore("getAssignment") });
  const res = await broken.inject({ url: `${assignmentsPath}/x`, headers: auth });
  t.equal(res.statusCode, 500);
  t.equal(assertContract<ErrorBody>(t, "getAssignment", res).error.code, "generalException");
});

t.test("injected faults are documented Graph replies", async (t) => {
  const app = await build(t);
  await assertInjectedFaults(t, app, "getAssignment", {
    url: `${assignmentsPath}/x`,
    headers: auth,
  });
});

t.test("every documented status of getAssignment is exercised", async (t) => {
  t.same(exercisedStatuses("getAssignment"), documentedStatuses("getAssignment"));
});
