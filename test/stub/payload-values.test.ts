// Property values as Graph's metadata defines them: Edm.Stream is base64, a complex value may name
// its own type, non-nullable properties refuse null, and priorities stay Edm.Int32.
import t from "tap";
import { build } from "../helpers/build.js";
import { assertContract, type ErrorBody } from "../helpers/contract.js";
import { auth, configurationsPath, json } from "../helpers/requests.js";

const windows = { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration" };
const streamMessage = (property: string) =>
  `The property '${property}' must be base64-encoded bytes (an Edm.Stream value): base64 with padding, or base64url without.`;

t.test("stream properties take base64 or base64url; anything else → 400 naming it", async (t) => {
  const app = await build(t);
  const before = app.store.exportFixtures();
  for (const property of ["policyPayload", "userPreferencePayload"]) {
    for (const value of ["!!not base64", "A", "QQ=", "QQ===", "a+_b", "é"]) {
      const res = await app.inject({
        method: "POST",
        url: configurationsPath,
        headers: json,
        payload: { ...windows, [property]: value },
      });
      t.equal(res.statusCode, 400, `${property}: ${value}`);
      const { error } = assertContract<ErrorBody>(t, "createClientConfiguration", res);
      t.same(
        [error.code, error.message, error.target],
        ["BadRequest", streamMessage(property), property],
      );
    }
  }
  const patch = await app.inject({
    method: "PATCH",
    url: `${configurationsPath}/${before.clientConfigurations[0]?.id}`,
    headers: json,
    payload: { policyPayload: "%%%" },
  });
  t.equal(patch.statusCode, 400, "PATCH too");
  t.equal(patch.json().error.message, streamMessage("policyPayload"));
  t.same(app.store.exportFixtures(), before, "nothing changed");

  // Both alphabets, and null; the bytes come back from the stream route.
  for (const [value, bytes] of [
    ["eyJhIjoxfQ==", '{"a":1}'],
    ["eyJhIjoxfQ", '{"a":1}'],
    ["-_8", "\xfb\xff"],
  ] as const) {
    const created = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: { ...windows, policyPayload: value, userPreferencePayload: null },
    });
    t.equal(created.statusCode, 201, value);
    const stream = await app.inject({
      method: "GET",
      url: `${new URL(String(created.headers.location)).pathname}/policyPayload`,
      headers: auth,
    });
    t.same(stream.rawPayload, Buffer.from(bytes, "latin1"), `${value} serves its bytes`);
  }
});

t.test("@odata.type inside a complex value is accepted when it names that type", async (t) => {
  const app = await build(t);
  // What the Kiota SDKs write.
  const summary = {
    "@odata.type": "#microsoft.graph.officeUserCheckinSummary",
    failedUserCount: 1,
  };
  const status = {
    "@odata.type": "microsoft.graph.officeClientCheckinStatus",
    checkinDateTime: "2024-02-29T10:00:00Z",
    userId: "u1",
    wasSuccessful: true,
  };
  const created = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: { ...windows, userCheckinSummary: summary, checkinStatuses: [status] },
  });
  t.equal(created.statusCode, 201);
  t.match(assertContract(t, "createClientConfiguration", created), {
    userCheckinSummary: summary,
    checkinStatuses: [status],
  });
  const singleton = await app.inject({
    method: "PATCH",
    url: "/beta/officeConfiguration",
    headers: json,
    payload: { tenantUserCheckinSummary: summary, tenantCheckinStatuses: [status] },
  });
  t.equal(singleton.statusCode, 204, "the singleton's complex values too");

  const wrong = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: {
      ...windows,
      userCheckinSummary: { "@odata.type": "#microsoft.graph.officeClientCheckinStatus" },
    },
  });
  t.equal(wrong.statusCode, 400, "a complex value naming another type");
  t.same(
    (({ code, message, target }) => ({ code, message, target }))(
      assertContract<ErrorBody>(t, "createClientConfiguration", wrong).error,
    ),
    {
      code: "ModelValidationFailure",
      message:
        "A resource with type '#microsoft.graph.officeClientCheckinStatus' was found, but it is not assignable to the expected type 'microsoft.graph.officeUserCheckinSummary'. The type specified in the resource must be equal to either the expected type or a derived type.",
      target: "userCheckinSummary.@odata.type",
    },
  );
});

t.test("non-nullable check-in properties refuse null (Microsoft's metadata)", async (t) => {
  const app = await build(t);
  const before = app.store.exportFixtures();
  for (const [property, type] of [
    ["checkinDateTime", "string"],
    ["userId", "string"],
    ["wasSuccessful", "boolean"],
  ] as const) {
    const res = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: { ...windows, checkinStatuses: [{ userId: "u", [property]: null }] },
    });
    t.equal(res.statusCode, 400, property);
    const { error } = assertContract<ErrorBody>(t, "createClientConfiguration", res);
    t.same(
      [error.code, error.message, error.target],
      [
        "BadRequest",
        `The property 'checkinStatuses.0.${property}' must be of type ${type}, not null.`,
        `checkinStatuses.0.${property}`,
      ],
    );
  }
  t.same(app.store.exportFixtures(), before, "nothing was created");
});

t.test("RFC 3339 date-times only: no space for T, a real day, an offset", async (t) => {
  const app = await build(t);
  for (const value of [
    "2024-01-01 10:00:00Z",
    "2023-02-29T10:00:00Z",
    "2024-01-01T10:00:00",
    "2024-13-01T10:00:00Z",
  ]) {
    const res = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: { ...windows, checkinStatuses: [{ checkinDateTime: value }] },
    });
    t.equal(res.statusCode, 400, value);
    t.equal(
      res.json().error.message,
      "The property 'checkinStatuses.0.checkinDateTime' must be a valid date-time.",
    );
  }
  for (const value of ["2024-02-29T23:59:60.5+01:00", "2000-02-29t00:00:00z"]) {
    const res = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: { ...windows, checkinStatuses: [{ checkinDateTime: value }] },
    });
    t.equal(res.statusCode, 201, value);
  }
});

t.test("priorities stay Edm.Int32: no default past 2147483647", async (t) => {
  const app = await build(t);
  const top = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: { ...windows, priority: 2147483647 },
  });
  t.equal(top.statusCode, 201);
  const before = app.store.exportFixtures();
  const next = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: windows,
  });
  t.equal(next.statusCode, 409);
  t.same(
    (({ code, message, target }) => ({ code, message, target }))(
      assertContract<ErrorBody>(t, "createClientConfiguration", next).error,
    ),
    {
      code: "Conflict",
      message:
        "No default priority is left: the highest priority in the tenant is 2147483647, the largest Edm.Int32. Send a priority.",
      target: "priority",
    },
  );
  t.same(app.store.exportFixtures(), before, "nothing was created");
  const explicit = await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: { ...windows, priority: 7 },
  });
  t.equal(explicit.statusCode, 201, "a create with a priority still works");
  const list = await app.inject({ method: "GET", url: configurationsPath, headers: auth });
  t.equal(list.statusCode, 200, "and the list still answers (self-check on)");
});
