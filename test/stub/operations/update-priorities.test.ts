import t from "tap";
import { build } from "../../helpers/build.js";
import { assertContract, documentedStatuses, exercisedStatuses } from "../../helpers/contract.js";
import { auth, configurationsPath, demoConfigurationId, json } from "../../helpers/requests.js";
import { assertSharedStatuses } from "../../helpers/statuses.js";

const spellings = [
  ["updatePriorities", "updatePriorities"],
  ["updatePrioritiesQualified", "microsoft.graph.updatePriorities"],
  ["updatePrioritiesLegacy", "microsoft.management.services.api.updatePriorities"],
] as const;

async function withTwo(t: Parameters<typeof build>[0]) {
  const app = await build(t);
  await app.inject({
    method: "POST",
    url: configurationsPath,
    headers: json,
    payload: {
      "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
      id: "sec",
      priority: 1,
    },
  });
  return app;
}

const priorities = async (app: Awaited<ReturnType<typeof build>>) =>
  (
    await app.inject({
      url: `${configurationsPath}?$orderby=priority&$select=priority`,
      headers: auth,
    })
  )
    .json()
    .value.map((c: { id: string; priority: number }) => [c.id, c.priority]);

for (const [operationId, segment] of spellings) {
  const url = `${configurationsPath}/${segment}`;
  t.test(`${segment}: swaps priorities at once → 204`, async (t) => {
    const app = await withTwo(t);
    const res = await app.inject({
      method: "POST",
      url,
      headers: json,
      payload: {
        officeConfigurationPolicyIds: [demoConfigurationId, "sec"],
        officeConfigurationPriorities: [1, 0],
      },
    });
    t.equal(res.statusCode, 204);
    assertContract(t, operationId, res);
    t.same(await priorities(app), [
      ["sec", 0],
      [demoConfigurationId, 1],
    ]);
  });

  t.test(`${segment}: refusals change nothing`, async (t) => {
    const app = await withTwo(t);
    const cases: [unknown, number, string, string][] = [
      [
        { officeConfigurationPolicyIds: ["sec"], officeConfigurationPriorities: [1, 2] },
        400,
        "BadRequest",
        "officeConfigurationPolicyIds and officeConfigurationPriorities must have the same length (got 1 and 2).",
      ],
      [
        { officeConfigurationPolicyIds: ["sec", "sec"], officeConfigurationPriorities: [1, 2] },
        400,
        "BadRequest",
        "officeConfigurationPolicyIds names a configuration more than once.",
      ],
      [
        {
          officeConfigurationPolicyIds: ["sec", demoConfigurationId],
          officeConfigurationPriorities: [3, 3],
        },
        400,
        "BadRequest",
        "officeConfigurationPriorities repeats a priority; priorities must be unique in the tenant.",
      ],
      [
        { officeConfigurationPolicyIds: ["sec"] },
        400,
        "BadRequest",
        "The property 'officeConfigurationPriorities' is required on type 'microsoft.graph.updatePriorities'.",
      ],
      [
        { officeConfigurationPolicyIds: ["nope"], officeConfigurationPriorities: [9] },
        404,
        "ResourceNotFound",
        "Resource not found: no officeClientConfiguration with id 'nope' exists.",
      ],
      [
        { officeConfigurationPolicyIds: ["sec"], officeConfigurationPriorities: [0] },
        409,
        "Conflict",
        `Priority 0 is already used by officeClientConfiguration '${demoConfigurationId}': priorities must be unique in the tenant.`,
      ],
    ];
    for (const [payload, status, code, message] of cases) {
      const res = await app.inject({
        method: "POST",
        url,
        headers: json,
        payload: payload as object,
      });
      t.equal(res.statusCode, status, message);
      t.match(assertContract(t, operationId, res), { error: { code, message } });
    }
    t.same(await priorities(app), [
      [demoConfigurationId, 0],
      ["sec", 1],
    ]);
  });

  t.test(`${segment}: shared statuses, every documented status`, async (t) => {
    await assertSharedStatuses(t, operationId, {
      method: "POST",
      url,
      headers: json,
      payload: { officeConfigurationPolicyIds: [], officeConfigurationPriorities: [] },
    });
    t.same(exercisedStatuses(operationId), documentedStatuses(operationId));
  });
}

// Store failures carry typed fields: an id with `:` is named whole (it was once split on `:`).
for (const storeKind of ["memory", "sqlite"] as const) {
  t.test(`ids with ':' are named whole in 409 and 404 (${storeKind} store)`, async (t) => {
    const app = await build(t, storeKind === "sqlite" ? { data: `${t.testdir()}/stub.db` } : {});
    const owner = "tenant:policy:7";
    const created = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: {
        "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
        id: owner,
        priority: 7,
      },
    });
    t.equal(created.statusCode, 201);
    const update = (ids: string[], priorities: number[]) =>
      app.inject({
        method: "POST",
        url: `${configurationsPath}/updatePriorities`,
        headers: json,
        payload: { officeConfigurationPolicyIds: ids, officeConfigurationPriorities: priorities },
      });

    const taken = await update([demoConfigurationId], [7]);
    t.equal(taken.statusCode, 409);
    t.match(assertContract(t, "updatePriorities", taken), {
      error: {
        code: "Conflict",
        message: `Priority 7 is already used by officeClientConfiguration '${owner}': priorities must be unique in the tenant.`,
      },
    });

    const missing = await update([owner, "a:b"], [8, 9]);
    t.equal(missing.statusCode, 404);
    t.match(assertContract(t, "updatePriorities", missing), {
      error: {
        code: "ResourceNotFound",
        message: "Resource not found: no officeClientConfiguration with id 'a:b' exists.",
      },
    });
    t.same(await priorities(app), [
      [demoConfigurationId, 0],
      [owner, 7],
    ]);
  });
}
