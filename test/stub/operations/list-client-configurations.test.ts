import type { LightMyRequestResponse } from "fastify";
import t from "tap";
import { build } from "../../helpers/build.js";
import { assertContract, documentedStatuses, exercisedStatuses } from "../../helpers/contract.js";
import { auth, configurationsPath, json } from "../../helpers/requests.js";
import { assertSharedStatuses } from "../../helpers/statuses.js";

type Page = {
  value: { id: string; displayName?: string; priority?: number }[];
  "@odata.nextLink"?: string;
  "@odata.count"?: number;
};

async function seeded(t: Parameters<typeof build>[0], count: number, pageSize?: number) {
  const app = await build(t, { pageSize });
  for (let i = 1; i <= count; i++) {
    await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: {
        "@odata.type":
          i % 2
            ? "#microsoft.graph.windowsOfficeClientConfiguration"
            : "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
        id: `c${i}`,
        displayName: `Policy ${i}`,
        priority: 100 - i,
      },
    });
  }
  return app;
}

const list = async (app: Awaited<ReturnType<typeof build>>, query: string) => {
  const res = await app.inject({ url: `${configurationsPath}${query}`, headers: auth });
  return { res, body: assertContract<Page>(t, "listClientConfigurations", res) };
};

t.test("a Graph collection, oldest first, with the demo configuration", async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: configurationsPath, headers: auth });
  t.equal(res.statusCode, 200);
  const body = assertContract<Page & { "@odata.context": string }>(
    t,
    "listClientConfigurations",
    res,
  );
  t.equal(
    body["@odata.context"],
    "http://localhost:80/beta/$metadata#officeConfiguration/clientConfigurations",
  );
  t.same(
    body.value.map((c) => c.id),
    ["c0ffee00-0000-4000-8000-000000000001"],
  );
});

t.test("$top, $skip, $filter, $orderby, $select and $count", async (t) => {
  const app = await seeded(t, 6);
  const ids = async (query: string) => (await list(app, query)).body.value.map((c) => c.id);
  t.same(await ids("?$top=2"), ["c0ffee00-0000-4000-8000-000000000001", "c1"]);
  t.same(await ids("?$top=2&$skip=2"), ["c2", "c3"]);
  t.same(await ids("?top=1&skip=1"), ["c1"], "beta takes options without $");
  t.same(await ids("?$filter=displayName eq 'Policy 3'"), ["c3"]);
  t.same(await ids("?$filter=priority ge 97 and priority ne 98"), ["c1", "c3"]);
  t.same(await ids("?$filter=displayName eq 'Policy 1' or (displayName eq 'Policy 2')"), [
    "c1",
    "c2",
  ]);
  t.same(await ids("?$filter=not (priority lt 97)&$orderby=priority"), ["c3", "c2", "c1"]);
  t.same(await ids("?$filter=startswith(displayName,'Policy') and endswith(displayName,'5')"), [
    "c5",
  ]);
  t.same(await ids("?$filter=contains(displayName,'icy 6')"), ["c6"]);
  t.same(
    await ids(
      "?$filter=%40odata.type eq '%23microsoft.graph.windowsOfficeClientSecurityConfiguration'",
    ),
    ["c2", "c4", "c6"],
  );
  t.same(await ids("?$filter=description eq null&$top=3&$orderby=displayName desc"), [
    "c6",
    "c5",
    "c4",
  ]);
  t.same(await ids("?$filter=userCheckinSummary/failedUserCount eq 0&$skip=5"), ["c5", "c6"]);
  t.same(await ids("?$orderby=priority asc,displayName&$top=2"), [
    "c0ffee00-0000-4000-8000-000000000001",
    "c6",
  ]);
  await app.inject({
    method: "PATCH",
    url: `${configurationsPath}/c6`,
    headers: json,
    payload: { displayName: "O'Brien's" },
  });
  t.same(
    await ids("?$filter=displayName eq 'O''Brien''s'"),
    ["c6"],
    "a doubled quote inside a literal",
  );
  t.same(
    await ids("?$orderby=%40odata.type&$top=3"),
    ["c0ffee00-0000-4000-8000-000000000001", "c1", "c3"],
    "ties keep creation order",
  );
  t.same(
    await ids("?foo=bar&$top=1"),
    ["c0ffee00-0000-4000-8000-000000000001"],
    "other parameters are ignored",
  );
  const selected = await list(app, "?$select=displayName&$top=1&$skip=1");
  t.same(selected.body.value, [
    {
      "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
      id: "c1",
      displayName: "Policy 1",
    },
  ]);
  const counted = await list(app, "?$count=true&$filter=priority lt 97&$top=1");
  t.equal(counted.body["@odata.count"], 4, "the demo (0) and c4..c6");
  t.equal(counted.body.value.length, 1);
});

t.test("server-driven paging: @odata.nextLink, used verbatim, walks every item once", async (t) => {
  const app = await seeded(t, 7, 3);
  const seen: string[] = [];
  let next: string | undefined = `http://localhost:80${configurationsPath}?$filter=priority le 100`;
  let pages = 0;
  for (; next && pages < 10; pages++) {
    const res: LightMyRequestResponse = await app.inject({
      url: next.replace("http://localhost:80", ""),
      headers: auth,
    });
    const body: Page = assertContract<Page>(t, "listClientConfigurations", res);
    t.ok(body.value.length <= 3, "a page holds at most the page size");
    seen.push(...body.value.map((c) => c.id));
    next = body["@odata.nextLink"];
  }
  t.equal(pages, 3);
  t.same(seen, ["c0ffee00-0000-4000-8000-000000000001", "c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
  const topped = await list(app, "?$top=5");
  t.equal(topped.body.value.length, 3, "the server's page size caps $top");
  t.equal(
    topped.body["@odata.nextLink"],
    `http://localhost:80${configurationsPath}?$top=5&$skip=3`,
    "the link keeps $top: it is the page size",
  );
  const last = await list(app, "?$top=2&$skip=6");
  t.equal(last.body.value.length, 2);
  t.equal(last.body["@odata.nextLink"], undefined, "nothing after the last item");
});

t.test("$top is the page size: the links keep every option and walk each item once", async (t) => {
  const app = await seeded(t, 7);
  const seen: string[] = [];
  let next: string | undefined =
    `http://localhost:80${configurationsPath}?$top=3&$filter=priority le 100&$orderby=priority desc&$select=displayName&$expand=assignments&$count=true`;
  const links: string[] = [];
  for (let pages = 0; next && pages < 10; pages++) {
    links.push(next);
    const res: LightMyRequestResponse = await app.inject({
      url: next.replace("http://localhost:80", ""),
      headers: auth,
    });
    const body = assertContract<Page>(t, "listClientConfigurations", res);
    t.ok(body.value.length <= 3, "at most $top items");
    t.equal(body["@odata.count"], 8, "the count of every match, on every page");
    t.same(
      Object.keys(body),
      [
        "@odata.context",
        "@odata.count",
        "value",
        ...(body["@odata.nextLink"] ? ["@odata.nextLink"] : []),
      ],
      "count before value, nextLink after it",
    );
    seen.push(...body.value.map((c) => c.id));
    next = body["@odata.nextLink"];
  }
  t.same(seen, ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c0ffee00-0000-4000-8000-000000000001"]);
  t.equal(links.length, 3, "8 items in pages of 3");
  t.equal(
    links[1],
    `http://localhost:80${configurationsPath}?$top=3&$filter=priority%20le%20100&$orderby=priority%20desc&$select=displayName&$expand=assignments&$count=true&$skip=3`,
  );
});

const badQueries: [string, string, string][] = [
  [
    "$expand=displayName",
    "displayName",
    "Property 'displayName' on type 'microsoft.graph.officeClientConfiguration' is not a navigation property or complex property. Only navigation properties can be expanded.",
  ],
  [
    "$expand=owner",
    "owner",
    "Could not find a property named 'owner' on type 'microsoft.graph.officeClientConfiguration'.",
  ],
  [
    "$search=x",
    "$search",
    "The query specified in the URI is not valid. Query option '$search' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.",
  ],
  [
    "$nope=1",
    "$nope",
    "The query specified in the URI is not valid. Query option '$nope' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.",
  ],
  ["$top=-1", "$top", "Invalid value '-1' for $top: expected a non-negative integer."],
  ["$top=%20", "$top", "Invalid value ' ' for $top: expected a non-negative integer."],
  ["$top=1e1", "$top", "Invalid value '1e1' for $top: expected a non-negative integer."],
  ["$skip=0x1", "$skip", "Invalid value '0x1' for $skip: expected a non-negative integer."],
  [
    "$top=1&top=2",
    "$top",
    "The query specified in the URI is not valid. Query option '$top' was specified more than once, but it must be specified at most once.",
  ],
  [
    "$filter=id eq 'a'&$filter=id eq 'b'",
    "$filter",
    "The query specified in the URI is not valid. Query option '$filter' was specified more than once, but it must be specified at most once.",
  ],
  ["top=x", "$top", "Invalid value 'x' for $top: expected a non-negative integer."],
  [
    "$top=1&$top=2",
    "$top",
    "The query specified in the URI is not valid. Query option '$top' was specified more than once, but it must be specified at most once.",
  ],
  ["count=maybe", "$count", "Invalid value 'maybe' for $count: expected true or false."],
  [
    "$filter=color eq 'red'",
    "color",
    "Could not find a property named 'color' on type 'microsoft.graph.officeClientConfiguration'.",
  ],
  [
    "$filter=priority eq 'one'",
    "$filter",
    "Invalid $filter: 'priority' is a number and cannot be compared (eq) with the string 'one'.",
  ],
  [
    "$filter=displayName has 'x'",
    "$filter",
    "Invalid $filter: 'has' at position 12 is not a supported operator (eq, ne, gt, ge, lt, le).",
  ],
  [
    "$filter=displayName eq 'x",
    "$filter",
    "Invalid $filter: unterminated string literal at position 15.",
  ],
  [
    "$filter=(priority eq 1",
    "$filter",
    "Invalid $filter: expected ')' at the end of the expression.",
  ],
  ["$filter=priority eq 1)", "$filter", "Invalid $filter: unexpected ')' at position 13."],
  ["$filter=", "$filter", "Invalid $filter: the expression is empty."],
  [
    "$filter=priority eq",
    "$filter",
    "Invalid $filter: expected a value at the end of the expression.",
  ],
  [
    "$filter=priority eq priority",
    "$filter",
    "Invalid $filter: expected a value at position 12, found 'priority'.",
  ],
  [
    "$filter=eq 1",
    "eq",
    "Could not find a property named 'eq' on type 'microsoft.graph.officeClientConfiguration'.",
  ],
  [
    "$filter='x' eq displayName",
    "$filter",
    "Invalid $filter: expected a property name at position 0, found ''x''.",
  ],
  [
    "$filter=startswith(priority,'1')",
    "$filter",
    "Invalid $filter: startswith needs a string property, and 'priority' is not one.",
  ],
  [
    "$filter=startswith('x','1')",
    "$filter",
    "Invalid $filter: startswith needs a property name first.",
  ],
  ["$filter=contains(displayName 'x')", "$filter", "Invalid $filter: expected ',' at position 21."],
  [
    "$filter=contains(displayName,'x'",
    "$filter",
    "Invalid $filter: expected ')' at the end of the expression.",
  ],
  [
    "$filter=contains(displayName,'x' and",
    "$filter",
    "Invalid $filter: expected ')' at position 25.",
  ],
  ["$filter=priority eq 1 ~", "$filter", "Invalid $filter: unexpected '~' at position 14."],
  [
    "$orderby=priority up",
    "$orderby",
    "Invalid $orderby: 'priority up' must be a property name, optionally followed by asc or desc.",
  ],
  [
    "$orderby=checkinStatuses",
    "checkinStatuses",
    "Could not find a property named 'checkinStatuses' on type 'microsoft.graph.officeClientConfiguration'.",
  ],
  [
    "$select=displayName,color",
    "color",
    "Could not find a property named 'color' on type 'microsoft.graph.officeClientConfiguration'.",
  ],
];

t.test("unsupported options and malformed expressions → 400 naming them", async (t) => {
  const app = await build(t);
  for (const [query, target, message] of badQueries) {
    const res = await app.inject({
      url: `${configurationsPath}?${query.replace(/ /g, "%20")}`,
      headers: auth,
    });
    t.equal(res.statusCode, 400, query);
    t.match(
      assertContract(t, "listClientConfigurations", res),
      { error: { code: "BadRequest", message, target } },
      query,
    );
  }
});

t.test("shared statuses", async (t) => {
  await assertSharedStatuses(t, "listClientConfigurations", {
    url: configurationsPath,
    headers: auth,
  });
});

t.test("every documented status is exercised", async (t) => {
  t.same(
    exercisedStatuses("listClientConfigurations"),
    documentedStatuses("listClientConfigurations"),
  );
});
