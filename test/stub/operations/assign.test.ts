import t from "tap";
import { build } from "../../helpers/build.js";
import { assertContract, documentedStatuses, exercisedStatuses } from "../../helpers/contract.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  demoConfigurationId,
  groupRequest,
  json,
  seedRequest,
} from "../../helpers/requests.js";
import { assertSharedStatuses } from "../../helpers/statuses.js";

type Assignments = { "@odata.context": string; value: { id: string; target: unknown }[] };
const demo = `${configurationsPath}/${demoConfigurationId}`;

for (const [operationId, segment] of [
  ["assign", "assign"],
  ["assignQualified", "microsoft.graph.assign"],
] as const) {
  const url = `${demo}/${segment}`;
  t.test(`${segment}: replaces all assignments and returns them`, async (t) => {
    const app = await build(t);
    await app.inject({
      method: "POST",
      url: assignmentsPath,
      headers: json,
      payload: { ...seedRequest, id: "old" },
    });
    const res = await app.inject({
      method: "POST",
      url,
      headers: json,
      payload: {
        officeConfigurationAssignments: [
          { ...groupRequest, id: "g1" },
          { target: seedRequest.target },
        ],
      },
    });
    t.equal(res.statusCode, 200);
    const body = assertContract<Assignments>(t, operationId, res);
    t.equal(
      body["@odata.context"],
      "http://localhost:80/beta/$metadata#Collection(microsoft.graph.officeClientConfigurationAssignment)",
    );
    t.same(
      body.value.map((a) => a.target),
      [groupRequest.target, seedRequest.target],
    );
    t.equal(body.value[0]?.id, "g1");
    const list = (await app.inject({ url: assignmentsPath, headers: auth })).json() as Assignments;
    t.same(list.value, body.value, "the list is exactly what assign returned");
    const none = await app.inject({
      method: "POST",
      url,
      headers: json,
      payload: { officeConfigurationAssignments: [] },
    });
    t.same(none.json().value, [], "an empty list removes every assignment");
  });

  t.test(`${segment}: refusals change nothing`, async (t) => {
    const app = await build(t);
    const cases: [string, unknown, number, string, string][] = [
      [
        url,
        {
          officeConfigurationAssignments: [
            { id: "a", target: seedRequest.target },
            { id: "a", target: seedRequest.target },
          ],
        },
        400,
        "BadRequest",
        "officeConfigurationAssignments names the assignment id 'a' more than once.",
      ],
      [
        url,
        { assignments: [] },
        400,
        "BadRequest",
        "The property 'officeConfigurationAssignments' is required on type 'microsoft.graph.assign'.",
      ],
      [
        url,
        { officeConfigurationAssignments: [{}] },
        400,
        "BadRequest",
        "The property 'officeConfigurationAssignments.0.target' is required on type 'microsoft.graph.officeClientConfigurationAssignment'.",
      ],
      [
        `${configurationsPath}/nope/${segment}`,
        { officeConfigurationAssignments: [] },
        404,
        "ResourceNotFound",
        "Resource not found: no officeClientConfiguration with id 'nope' exists.",
      ],
    ];
    for (const [target, payload, status, code, message] of cases) {
      const res = await app.inject({
        method: "POST",
        url: target,
        headers: json,
        payload: payload as object,
      });
      t.equal(res.statusCode, status, message);
      t.match(assertContract(t, operationId, res), { error: { code, message } });
    }
    t.same((await app.inject({ url: assignmentsPath, headers: auth })).json().value, []);
  });

  t.test(`${segment}: shared statuses, every documented status`, async (t) => {
    await assertSharedStatuses(t, operationId, {
      method: "POST",
      url,
      headers: json,
      payload: { officeConfigurationAssignments: [] },
    });
    t.same(exercisedStatuses(operationId), documentedStatuses(operationId));
  });
}
