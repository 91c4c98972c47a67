// Server-driven paging on every list route: a nextLink always moves forward ($skip past the
// current page's) and none is sent for a page that ends the collection, so a client that follows
// links sees each item once and stops.
import type { FastifyInstance } from "fastify";
import t from "tap";
import { build } from "../helpers/build.js";
import { assertContract } from "../helpers/contract.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  demoConfigurationId,
  json,
  seedRequest,
} from "../helpers/requests.js";

type Page = { value: { id: string }[]; "@odata.count"?: number; "@odata.nextLink"?: string };
type Lists = { operationId: "listClientConfigurations" | "listAssignments"; path: string };

const configurations: Lists = { operationId: "listClientConfigurations", path: configurationsPath };
const assignments: Lists = { operationId: "listAssignments", path: assignmentsPath };
const origin = "http://localhost:80";

/** An app with the demo configuration plus 6 more, and 7 assignments on the demo; their ids. */
async function seeded(tt: Parameters<typeof build>[0], pageSize?: number) {
  const app = await build(tt, { pageSize });
  const ids = { configurations: [demoConfigurationId], assignments: [] as string[] };
  for (let i = 1; i <= 6; i++) {
    const payload = {
      "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
      id: `c${i}`,
    };
    await app.inject({ method: "POST", url: configurationsPath, headers: json, payload });
    ids.configurations.push(`c${i}`);
  }
  for (let i = 1; i <= 7; i++) {
    const res = await app.inject({
      method: "POST",
      url: assignmentsPath,
      headers: json,
      payload: seedRequest,
    });
    ids.assignments.push(res.json().id);
  }
  return { app, ids };
}

const skipOf = (link: string) => Number(new URL(link, origin).searchParams.get("$skip") ?? 0);

/** Follows nextLinks from `first`, at most `bound` pages; what it saw and whether it ended. */
async function walk(app: FastifyInstance, first: string, bound: number) {
  const seen: string[] = [];
  const problems: string[] = [];
  const counts = new Set<number | undefined>();
  let link: string | undefined = first;
  let pages = 0;
  for (; link !== undefined && pages < bound; pages++) {
    const res = await app.inject({ url: link.replace(origin, ""), headers: auth });
    if (res.statusCode !== 200) problems.push(`${link}: status ${res.statusCode}`);
    const body: Page = res.json();
    seen.push(...body.value.map((item) => item.id));
    counts.add(body["@odata.count"]);
    const next = body["@odata.nextLink"];
    if (next !== undefined && skipOf(next) <= skipOf(link))
      problems.push(`${link} links back to $skip=${skipOf(next)}`);
    if (next !== undefined && body.value.length === 0)
      problems.push(`${link}: an empty page links on`);
    link = next;
  }
  return { seen, ended: link === undefined, pages, problems, counts: [...counts] };
}

const pageSizes = [1, 2, 3, 7, 100];
const tops = [undefined, 0, 1, 2, 3, 5, 50];
const skips = [undefined, 0, 1, 4, 6, 7, 20];
// Without $filter/$orderby the stub walks the store lazily; with them it sorts a copy.
const orders = [
  { query: "", order: (ids: string[]) => ids },
  { query: "$orderby=id%20desc&$count=true", order: (ids: string[]) => [...ids].sort().reverse() },
];

for (const pageSize of pageSizes) {
  t.test(
    `--page-size ${pageSize}: every ($top, $skip) walk sees each item once and ends`,
    async (t) => {
      const { app, ids } = await seeded(t, pageSize);
      for (const list of [configurations, assignments]) {
        const all = list === configurations ? ids.configurations : ids.assignments;
        for (const { query, order } of orders) {
          for (const top of tops) {
            for (const skip of skips) {
              const options = [
                query,
                top === undefined ? "" : `$top=${top}`,
                skip === undefined ? "" : `$skip=${skip}`,
              ].filter(Boolean);
              const first = `${origin}${list.path}${options.length ? `?${options.join("&")}` : ""}`;
              const expected = top === 0 ? [] : order(all).slice(skip ?? 0);
              const perPage = Math.min(top ?? Number.POSITIVE_INFINITY, pageSize);
              const result = await walk(app, first, all.length + 3);
              t.same(
                result,
                {
                  seen: expected,
                  ended: true,
                  pages: expected.length === 0 ? 1 : Math.ceil(expected.length / perPage),
                  problems: [],
                  counts: [query ? all.length : undefined],
                },
                `${list.operationId} ${first.replace(origin, "")}`,
              );
            }
          }
        }
      }
    },
  );
}

t.test("$top=0 → 200, no items and no nextLink (the count stays); nothing changes", async (t) => {
  const { app, ids } = await seeded(t, 3);
  const before = await app.inject({ url: `${configurationsPath}?$top=100`, headers: auth });
  const root = `${origin}/beta/$metadata#officeConfiguration/clientConfigurations`;
  const cases: [Lists, string, object][] = [
    [configurations, "?$top=0", { "@odata.context": root, value: [] }],
    [configurations, "?top=0&skip=2", { "@odata.context": root, value: [] }],
    [
      configurations,
      "?$top=0&$count=true&$filter=id ne 'c1'",
      { "@odata.context": root, "@odata.count": 6, value: [] },
    ],
    [
      assignments,
      "?$top=0&$count=true",
      {
        "@odata.context": `${root}('${demoConfigurationId}')/assignments`,
        "@odata.count": ids.assignments.length,
        value: [],
      },
    ],
  ];
  for (const [list, query, body] of cases) {
    const res = await app.inject({ url: `${list.path}${query}`, headers: auth });
    t.equal(res.statusCode, 200, query);
    t.same(assertContract(t, list.operationId, res), body, query);
  }
  const after = await app.inject({ url: `${configurationsPath}?$top=100`, headers: auth });
  t.same(after.json(), before.json(), "the collection is as it was");
});

t.test("a $skip past the end → 200, no items and no nextLink", async (t) => {
  const { app } = await seeded(t, 2);
  for (const list of [configurations, assignments]) {
    for (const query of ["?$skip=7", "?$skip=2147483647&$top=1", "?$skip=9&$orderby=id"]) {
      const res = await app.inject({ url: `${list.path}${query}`, headers: auth });
      t.equal(res.statusCode, 200);
      const body = assertContract<Page>(t, list.operationId, res);
      t.same(body.value, [], `${list.operationId} ${query}`);
      t.notOk("@odata.nextLink" in body, `${list.operationId} ${query}: no link`);
    }
  }
});

t.test("the singleton's $expand links on only from a full page", async (t) => {
  for (const [pageSize, linked] of [
    [6, true],
    [7, false],
    [8, false],
  ] as const) {
    const { app } = await seeded(t, pageSize);
    const res = await app.inject({
      url: "/beta/officeConfiguration?$expand=clientConfigurations",
      headers: auth,
    });
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.equal(body.clientConfigurations.length, Math.min(pageSize, 7));
    t.equal(
      body["clientConfigurations@odata.nextLink"],
      linked
        ? `${origin}/beta/officeConfiguration/clientConfigurations?$skip=${pageSize}`
        : undefined,
      `--page-size ${pageSize}`,
    );
  }
});
