// allClientConfigurations / allAssignments read a whole collection or throw: reaching maxPages
// with a nextLink pending, or a server that repeats a nextLink, is a PagingError, never a cut
// result and never a link fetched twice.
import t from "tap";
import { createGraphClient, defaultMaxPages, PagingError } from "../../src/client/index.js";
import { listen } from "../helpers/listen.js";
import { demoConfigurationId, seedRequest } from "../helpers/requests.js";

t.test("maxPages reached with a nextLink pending → PagingError naming both", async (t) => {
  const { baseUrl } = await listen(t, { pageSize: 1 });
  const graph = createGraphClient({ baseUrl, getAccessToken: () => "token", retry: false });
  for (const id of ["c1", "c2"]) {
    await graph.createClientConfiguration({
      "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
      id,
    });
  }
  const assigned = [];
  for (let i = 0; i < 3; i++)
    assigned.push(await graph.addAssignment(demoConfigurationId, seedRequest));
  const configurations = `${baseUrl}/officeConfiguration/clientConfigurations`;
  const assignments = `${configurations}/${demoConfigurationId}/assignments`;
  const cases: [string, () => Promise<unknown>, number, string][] = [
    [
      "allClientConfigurations",
      () => graph.allClientConfigurations({}, 2),
      2,
      `${configurations}?$skip=2`,
    ],
    [
      "allClientConfigurations",
      () => graph.allClientConfigurations({ $top: 1 }, 1),
      1,
      `${configurations}?$top=1&$skip=1`,
    ],
    [
      "allAssignments",
      () => graph.allAssignments(demoConfigurationId, {}, 2),
      2,
      `${assignments}?$skip=2`,
    ],
  ];
  for (const [operation, call, maxPages, nextLink] of cases) {
    const error = await call().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    t.type(error, PagingError, `${operation} maxPages ${maxPages}`);
    t.match(error, {
      name: "PagingError",
      reason: "maxPages",
      maxPages,
      pages: maxPages,
      nextLink,
      message: `${operation} read maxPages (${maxPages}) pages and @odata.nextLink is still pending: ${nextLink}. Pass a larger maxPages or narrow the query.`,
    });
  }
  t.same(
    (await graph.allClientConfigurations({}, 3)).map((c) => c.id),
    [demoConfigurationId, "c1", "c2"],
    "exactly maxPages pages, the last without a link: the whole collection",
  );
  t.same(
    (await graph.allAssignments(demoConfigurationId)).map((a) => a.id),
    assigned.map((a) => a.id),
    `the default (${defaultMaxPages}) reads every page`,
  );
  t.same(await graph.allClientConfigurations({ $top: 0 }), [], "$top=0: nothing, no loop");
  t.equal(await graph.countClientConfigurations(), 3, "nothing changed");
});

/** A client whose fetch serves `pages` (URL → page) and records every URL asked for. */
function canned(pages: Record<string, { value: { id: string }[]; "@odata.nextLink"?: string }>) {
  const asked: string[] = [];
  const graph = createGraphClient({
    baseUrl: "http://stub.test/beta",
    retry: false,
    fetch: async (input) => {
      const url = new Request(input).url;
      asked.push(url);
      return Response.json(pages[url] ?? { error: { code: "NotFound", message: url } }, {
        status: pages[url] ? 200 : 404,
      });
    },
  });
  return { graph, asked };
}

const first = "http://stub.test/beta/officeConfiguration/clientConfigurations";
const item = (id: string) => ({
  "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
  id,
});

t.test("a nextLink already followed → PagingError, and it is not fetched again", async (t) => {
  const loops: [
    string,
    Record<string, { value: { id: string }[]; "@odata.nextLink"?: string }>,
    string[],
    number,
  ][] = [
    [
      "a page that links to itself",
      {
        [first]: { value: [item("a")], "@odata.nextLink": `${first}?$skip=1` },
        [`${first}?$skip=1`]: { value: [item("b")], "@odata.nextLink": `${first}?$skip=1` },
      },
      [first, `${first}?$skip=1`],
      2,
    ],
    [
      "a cycle of two pages",
      {
        [first]: { value: [item("a")], "@odata.nextLink": `${first}?$skip=1` },
        [`${first}?$skip=1`]: { value: [item("b")], "@odata.nextLink": `${first}?$skip=2` },
        [`${first}?$skip=2`]: { value: [], "@odata.nextLink": `${first}?$skip=1` },
      },
      [first, `${first}?$skip=1`, `${first}?$skip=2`],
      3,
    ],
  ];
  for (const [name, pages, fetched, read] of loops) {
    const { graph, asked } = canned(pages);
    const error = await graph.allClientConfigurations().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    t.type(error, PagingError, name);
    t.match(error, {
      reason: "repeatedNextLink",
      maxPages: defaultMaxPages,
      pages: read,
      nextLink: `${first}?$skip=1`,
      message: `allClientConfigurations: the server sent @odata.nextLink ${first}?$skip=1 again after page ${read}; it pages in a loop, so the walk stops.`,
    });
    t.same(asked, fetched, `${name}: each link fetched once`);
  }
});

t.test("maxPages that is not a positive integer → RangeError before any request", async (t) => {
  for (const maxPages of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    const { graph, asked } = canned({ [first]: { value: [item("a")] } });
    await t.rejects(graph.allClientConfigurations({}, maxPages), {
      constructor: RangeError,
      message: `allClientConfigurations: maxPages must be a positive integer (got ${maxPages}).`,
    });
    await t.rejects(graph.allAssignments(demoConfigurationId, {}, maxPages), {
      constructor: RangeError,
      message: `allAssignments: maxPages must be a positive integer (got ${maxPages}).`,
    });
    t.same(asked, [], `maxPages ${maxPages}: nothing sent`);
  }
});
