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
  demoConfigurationId,
  groupRequest,
  json,
  seedRequest,
} from "../../helpers/requests.js";
import { brokenStore } from "../../helpers/stores.js";
import { bearer, jwt, readOnly } from "../../helpers/tokens.js";

t.test("a Graph collection of what was created, oldest first, unchanged", async (t) => {
  const app = await build(t);
  const empty = await app.inject({ url: assignmentsPath, headers: auth });
  t.same(assertContract(t, "listAssignments", empty), {
    "@odata.context": `http://localhost:80/beta/$metadata#officeConfiguration/clientConfigurations('${demoConfigurationId}')/assignments`,
    value: [],
  });
  const created = [];
  for (const payload of [seedRequest, groupRequest]) {
    const res = await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload });
    const { "@odata.context": _context, ...entity } = res.json();
    created.push(entity);
  }
  const res = await app.inject({ url: assignmentsPath, headers: bearer(jwt({ scp: readOnly })) });
  t.equal(res.statusCode, 200);
  t.same(assertContract<{ value: unknown[] }>(t, "listAssignments", res).value, created);
});

t.test("errors: 400 empty id, 401, 403, 404, 500", async (t) => {
  const app = await build(t);
  const cases: [string, string, Record<string, string>, number, string][] = [
    ["empty id", `${configurationsPath}//assignments`, auth, 400, "BadRequest"],
    [
      "bad token",
      assignmentsPath,
      { authorization: "Basic dXNlcjpwYXNz" },
      401,
      "InvalidAuthenticationToken",
    ],
    ["wrong scope", assignmentsPath, bearer(jwt({ roles: ["Group.Read.All"] })), 403, "Forbidden"],
    [
      "unknown configuration",
      `${configurationsPath}/nope/assignments`,
      auth,
      404,
      "ResourceNotFound",
    ],
  ];
  for (const [name, url, headers, status, code] of cases) {
    const res = await app.inject({ url, headers });
    t.equal(res.statusCode, status, name);
    t.equal(assertContract<ErrorBody>(t, "listAssignments", res).error.code, code, name);
  }
  const broken = await build(t, { store: brokenStore("listAssignments") });
  const res = await broken.inject({ url: assignmentsPath, headers: auth });
  t.equal(res.statusCode, 500);
  t.equal(assertContract<ErrorBody>(t, "listAssignments", res).error.code, "generalException");
});

t.test("injected faults are documented Graph replies", async (t) => {
  const app = await build(t);
  await assertInjectedFaults(t, app, "listAssignments", { url: assignmentsPath, headers: auth });
});

t.test("every documented status of listAssignments is exercised", async (t) => {
  t.same(exercisedStatuses("listAssignments"), documentedStatuses("listAssignments"));
});
