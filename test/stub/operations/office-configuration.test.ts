import t from "tap";
import { build } from "../../helpers/build.js";
import { assertContract, documentedStatuses, exercisedStatuses } from "../../helpers/contract.js";
import { auth, json } from "../../helpers/requests.js";
import { assertSharedStatuses } from "../../helpers/statuses.js";
import { bearer, jwt, readOnly } from "../../helpers/tokens.js";

const url = "/beta/officeConfiguration";
const summary = { succeededUserCount: 12, failedUserCount: 3 };
const status = {
  appliedPolicies: ["p1"],
  checkinDateTime: "2026-11-28T10:00:00Z",
  deviceName: "LAPTOP-1",
  devicePlatform: "Windows",
  devicePlatformVersion: "11",
  errorMessage: null,
  userId: "u1",
  userPrincipalName: "ada@contoso.com",
  wasSuccessful: true,
};

t.test(
  "the singleton reads with Read.All, and PATCH changes only what is sent (204)",
  async (t) => {
    const app = await build(t);
    const empty = await app.inject({ url, headers: bearer(jwt({ scp: readOnly })) });
    t.equal(empty.statusCode, 200);
    t.same(assertContract(t, "getOfficeConfiguration", empty), {
      "@odata.context": "http://localhost:80/beta/$metadata#officeConfiguration/$entity",
      tenantCheckinStatuses: [],
      tenantUserCheckinSummary: { succeededUserCount: 0, failedUserCount: 0 },
    });
    const patch = await app.inject({
      method: "PATCH",
      url,
      headers: json,
      payload: { tenantUserCheckinSummary: summary },
    });
    t.equal(patch.statusCode, 204);
    t.equal(patch.body, "");
    assertContract(t, "updateOfficeConfiguration", patch);
    const second = await app.inject({
      method: "PATCH",
      url,
      headers: json,
      payload: { tenantCheckinStatuses: [status] },
    });
    t.equal(second.statusCode, 204);
    const read = await app.inject({ url, headers: auth });
    t.match(
      read.json(),
      { tenantUserCheckinSummary: summary, tenantCheckinStatuses: [status] },
      "both updates kept",
    );
  },
);

t.test("bad singleton updates → 400 naming the field", async (t) => {
  const app = await build(t);
  const cases: [unknown, string, string][] = [
    [
      { id: "x" },
      "RequestBodyRead",
      "The property 'id' does not exist on type 'microsoft.graph.officeConfiguration'. Make sure to only use property names that are defined by the type or mark the type as open type.",
    ],
    [
      { tenantUserCheckinSummary: { succeededUserCount: "many" } },
      "BadRequest",
      "The property 'tenantUserCheckinSummary.succeededUserCount' must be of type integer, not string.",
    ],
  ];
  for (const [payload, code, message] of cases) {
    const res = await app.inject({
      method: "PATCH",
      url,
      headers: json,
      payload: payload as object,
    });
    t.equal(res.statusCode, 400);
    t.match(assertContract(t, "updateOfficeConfiguration", res), { error: { code, message } });
  }
});

t.test("shared statuses", async (t) => {
  await assertSharedStatuses(t, "getOfficeConfiguration", { url, headers: auth });
  await assertSharedStatuses(t, "updateOfficeConfiguration", {
    method: "PATCH",
    url,
    headers: json,
    payload: {},
  });
});

t.test("a read with an unknown $select name → 400 naming it", async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: `${url}?$select=color`, headers: auth });
  t.equal(res.statusCode, 400);
  t.match(assertContract(t, "getOfficeConfiguration", res), {
    error: {
      code: "BadRequest",
      message:
        "Could not find a property named 'color' on type 'microsoft.graph.officeConfiguration'.",
      target: "color",
    },
  });
});

t.test("every documented status is exercised", async (t) => {
  for (const op of ["getOfficeConfiguration", "updateOfficeConfiguration"] as const) {
    t.same(exercisedStatuses(op), documentedStatuses(op), op);
  }
});
