import t from "tap";
import type { StoredConfiguration } from "../../../src/stub/entities.js";
import { build } from "../../helpers/build.js";
import {
  assertContract,
  documentedStatuses,
  type ErrorBody,
  exercisedStatuses,
} from "../../helpers/contract.js";
import { assertInjectedFaults } from "../../helpers/faults.js";
import { auth, configurationsPath, guid, json } from "../../helpers/requests.js";
import { assertStoreFull } from "../../helpers/statuses.js";
import { brokenStore } from "../../helpers/stores.js";
import { bearer, jwt, readOnly } from "../../helpers/tokens.js";

const windows = {
  "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
  displayName: "Contoso Office policy",
  description: "Finance",
  priority: 1,
};

t.test("a concrete type → 201 with every property, defaults filled, and Location", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: windows,
  });
  t.equal(res.statusCode, 201);
  const body = assertContract<StoredConfiguration>(t, "createClientConfiguration", res);
  t.match(body.id, guid);
  t.same(body, {
    "@odata.context":
      "http://localhost:80/beta/$metadata#officeConfiguration/clientConfigurations/$entity",
    ...windows,
    id: body.id,
    checkinStatuses: [],
    userCheckinSummary: { succeededUserCount: 0, failedUserCount: 0 },
    policyPayload: null,
    userPreferencePayload: null,
  });
  t.equal(res.headers.location, `http://localhost:80${configurationsPath}/${body.id}`);
  const read = await app.inject({ url: `${configurationsPath}/${body.id}`, headers: auth });
  t.same(read.json(), body, "GET returns what POST created");
});

t.test("the security type without '#' is stored with '#'", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: {
      "@odata.type": "microsoft.graph.windowsOfficeClientSecurityConfiguration",
      id: "sec-1",
    },
  });
  t.equal(res.statusCode, 201);
  const body = assertContract<StoredConfiguration>(t, "createClientConfiguration", res);
  t.equal(body["@odata.type"], "#microsoft.graph.windowsOfficeClientSecurityConfiguration");
  t.equal(body.id, "sec-1");
  t.equal(body.priority, 1, "one more than the demo configuration's 0");
});

// Intune's answer when a create names no concrete type (reference §7), then the type and its
// concrete types.
const abstractMessage =
  "Cannot create an abstract class. 'microsoft.graph.officeClientConfiguration' is abstract: name one of its concrete types in '@odata.type': '#microsoft.graph.windowsOfficeClientConfiguration', '#microsoft.graph.windowsOfficeClientSecurityConfiguration'.";

const badBodies: {
  name: string;
  payload: unknown;
  status: number;
  code: string;
  message: string;
}[] = [
  {
    name: "the abstract type",
    payload: { "@odata.type": "#microsoft.graph.officeClientConfiguration" },
    status: 400,
    code: "ModelValidationFailure",
    message: abstractMessage,
  },
  {
    name: "a mac type (there is none)",
    payload: { "@odata.type": "#microsoft.graph.macOfficeClientConfiguration" },
    status: 400,
    code: "ModelValidationFailure",
    message:
      "A type named '#microsoft.graph.macOfficeClientConfiguration' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.",
  },
  {
    name: "a Graph type that is not a configuration",
    payload: { "@odata.type": "microsoft.graph.officeClientConfigurationAssignment" },
    status: 400,
    code: "ModelValidationFailure",
    message:
      "A resource with type 'microsoft.graph.officeClientConfigurationAssignment' was found, but it is not assignable to the expected type 'microsoft.graph.officeClientConfiguration'. The type specified in the resource must be equal to either the expected type or a derived type.",
  },
  {
    name: "no @odata.type",
    payload: { displayName: "x" },
    status: 400,
    code: "ModelValidationFailure",
    message: abstractMessage,
  },
  {
    name: "priority out of Int32",
    payload: { ...windows, priority: 2 ** 31 },
    status: 400,
    code: "BadRequest",
    message: "The property 'priority' must be a 32-bit integer (Edm.Int32).",
  },
  {
    name: "priority as a string",
    payload: { ...windows, priority: "1" },
    status: 400,
    code: "BadRequest",
    message: "The property 'priority' must be of type integer, not string.",
  },
  {
    name: "an unknown property in the check-in summary",
    payload: { ...windows, userCheckinSummary: { succeededUserCount: 1, extra: true } },
    status: 400,
    code: "RequestBodyRead",
    message:
      "The property 'userCheckinSummary.extra' does not exist on type 'microsoft.graph.officeUserCheckinSummary'. Make sure to only use property names that are defined by the type or mark the type as open type.",
  },
  {
    name: "a bad check-in date",
    payload: { ...windows, checkinStatuses: [{ checkinDateTime: "yesterday" }] },
    status: 400,
    code: "BadRequest",
    message: "The property 'checkinStatuses.0.checkinDateTime' must be a valid date-time.",
  },
];

t.test("bad bodies → 400 naming the field; nothing is created", async (t) => {
  const app = await build(t);
  for (const bad of badBodies) {
    const res = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: bad.payload as object,
    });
    t.equal(res.statusCode, bad.status, bad.name);
    const body = assertContract<ErrorBody>(t, "createClientConfiguration", res);
    t.equal(body.error.code, bad.code, `${bad.name}: code`);
    t.equal(body.error.message, bad.message, `${bad.name}: message`);
  }
  t.equal(app.store.getConfiguration("sec-1"), undefined);
});

t.test("statuses shared with every write: 401, 403, 409, 413, 415, 500", async (t) => {
  const app = await build(t, { bodyLimit: 1024 });
  const post = (headers: Record<string, string>, payload: string) =>
    app.inject({ method: "POST", url: configurationsPath, headers, payload });
  const cases: [string, Promise<import("fastify").LightMyRequestResponse>, number, string][] = [
    [
      "no token",
      post({ "content-type": "application/json" }, JSON.stringify(windows)),
      401,
      "InvalidAuthenticationToken",
    ],
    [
      "Read.All",
      post(
        { ...bearer(jwt({ roles: [readOnly] })), "content-type": "application/json" },
        JSON.stringify(windows),
      ),
      403,
      "Forbidden",
    ],
    [
      "existing id",
      post(json, JSON.stringify({ ...windows, id: "c0ffee00-0000-4000-8000-000000000001" })),
      409,
      "Conflict",
    ],
    [
      "too large",
      post(json, JSON.stringify({ ...windows, description: "x".repeat(2000) })),
      413,
      "RequestEntityTooLarge",
    ],
    [
      "text/plain",
      post({ ...auth, "content-type": "text/plain" }, "hello"),
      415,
      "RequestBodyRead",
    ],
  ];
  for (const [name, pending, status, code] of cases) {
    const res = await pending;
    t.equal(res.statusCode, status, name);
    t.equal(assertContract<ErrorBody>(t, "createClientConfiguration", res).error.code, code, name);
  }
  const broken = await build(t, { store: brokenStore("createConfiguration") });
  const res = await broken.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: windows,
  });
  t.equal(res.statusCode, 500);
  t.equal(
    assertContract<ErrorBody>(t, "createClientConfiguration", res).error.code,
    "generalException",
  );
});

t.test("injected faults are documented Graph replies", async (t) => {
  const app = await build(t);
  await assertInjectedFaults(t, app, "createClientConfiguration", {
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: windows,
  });
});

t.test("a full store → 507", async (t) => {
  await assertStoreFull(t, "createClientConfiguration", {
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: windows,
  });
});

t.test("every documented status of createClientConfiguration is exercised", async (t) => {
  t.same(
    exercisedStatuses("createClientConfiguration"),
    documentedStatuses("createClientConfiguration"),
  );
});
