// Bounded work per request (issue 12): $filter nodes and nesting, $orderby keys. Over a limit is
// a 400 before a single item is read, so the worst queries cost what parsing a URL costs, and a
// cheap GET sent with them is answered as usual. (No timing: the store counts what is read.)
import t from "tap";
import { newConfiguration } from "../../src/stub/entities.js";
import { build } from "../helpers/build.js";
import { assertContract } from "../helpers/contract.js";
import { auth, configurationsPath, demoConfigurationId } from "../helpers/requests.js";
import { demoStore } from "../helpers/stores.js";

const invalid = "The query specified in the URI is not valid.";

/** The demo store with `extra` more configurations, counting the items lists read. */
function countingStore(extra: number) {
  const store = demoStore();
  for (let i = 1; i <= extra; i++) {
    store.createConfiguration(
      newConfiguration(
        { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: `c${i}` },
        i,
      ),
    );
  }
  const reads = { items: 0 };
  const list = store.listConfigurations.bind(store);
  store.listConfigurations = function* () {
    for (const item of list()) {
      reads.items++;
      yield item;
    }
  };
  return { store, reads };
}

const ors = (n: number) => Array.from({ length: n }, (_, i) => `id eq 'c${i}'`).join(" or ");
const nested = (n: number) => `${"(".repeat(n)}priority eq 1${")".repeat(n)}`;

t.test(
  "a $filter of more than --max-filter-nodes nodes → 400 before any item is read",
  async (t) => {
    const { store, reads } = countingStore(200);
    const app = await build(t, { store });
    const query = async (filter: string) => {
      const res = await app.inject({
        url: `${configurationsPath}?$filter=${encodeURIComponent(filter)}&$top=1`,
        headers: auth,
      });
      return { status: res.statusCode, body: assertContract(t, "listClientConfigurations", res) };
    };
    // Each comparison is 3 nodes (operator, property, literal), each `or` one: 25 terms are 99.
    t.equal((await query(ors(25))).status, 200, "99 nodes pass");
    t.equal(reads.items, 201, "one pass over the items");
    reads.items = 0;
    for (const terms of [26, 1000]) {
      t.match(await query(ors(terms)), {
        status: 400,
        body: {
          error: {
            code: "BadRequest",
            target: "$filter",
            message: `${invalid} The node count limit of '100' has been exceeded. To increase the limit, set the stub's --max-filter-nodes option.`,
          },
        },
      });
    }
    t.equal(reads.items, 0, "refused before evaluation");
  },
);

t.test("nesting deeper than --max-filter-depth → 400, never a RangeError's 500", async (t) => {
  const app = await build(t);
  const statusOf = async (filter: string) =>
    (
      await app.inject({
        url: `${configurationsPath}?$filter=${encodeURIComponent(filter)}`,
        headers: auth,
      })
    ).statusCode;
  t.equal(await statusOf(nested(49)), 200, "49 parentheses are 50 levels");
  t.equal(await statusOf(`${"not ".repeat(49)}priority eq 1`), 200);
  for (const filter of [nested(50), nested(3000), `${"not ".repeat(3000)}priority eq 1`]) {
    const res = await app.inject({
      url: `${configurationsPath}?$filter=${encodeURIComponent(filter)}`,
      headers: auth,
    });
    t.equal(res.statusCode, 400);
    t.match(assertContract(t, "listClientConfigurations", res), {
      error: {
        code: "BadRequest",
        target: "$filter",
        message: `${invalid} The $filter nests deeper than 50 levels of parentheses or 'not'. To increase the limit, set the stub's --max-filter-depth option.`,
      },
    });
  }
});

t.test("$orderby: a repeated key and more than --max-orderby-keys keys → 400", async (t) => {
  const { store, reads } = countingStore(10);
  const app = await build(t, { store });
  const orderby = async (value: string) => {
    const res = await app.inject({
      url: `${configurationsPath}?$orderby=${encodeURIComponent(value)}`,
      headers: auth,
    });
    return { status: res.statusCode, body: assertContract(t, "listClientConfigurations", res) };
  };
  const five = "priority desc,displayName,description,id,policyPayload";
  t.equal((await orderby(five)).status, 200, "five keys pass");
  reads.items = 0;
  t.match(await orderby("priority,displayName desc,priority desc"), {
    status: 400,
    body: {
      error: {
        target: "priority",
        message: `${invalid} Duplicate property named 'priority' is not supported in '$orderby'.`,
      },
    },
  });
  const tooMany = `${invalid} The number of clauses in $orderby query option exceeded the maximum number allowed. The maximum number of $orderby clauses allowed is 5.`;
  t.match(await orderby(`${five},userPreferencePayload`), {
    status: 400,
    body: { error: { target: "$orderby", message: tooMany } },
  });
  t.match(await orderby(Array(300).fill("priority").join(",")), {
    status: 400,
    body: { error: { target: "$orderby", message: tooMany } },
  });
  t.equal(reads.items, 0, "refused before evaluation");
});

t.test("the limits are options", async (t) => {
  const app = await build(t, { maxFilterNodes: 3, maxFilterDepth: 2, maxOrderbyKeys: 1 });
  const status = async (query: string) =>
    (await app.inject({ url: `${configurationsPath}?${query}`, headers: auth })).statusCode;
  t.equal(await status("$filter=priority%20eq%201"), 200);
  t.equal(await status("$filter=not%20priority%20eq%201"), 400, "4 nodes");
  t.equal(await status("$filter=((priority%20eq%201))"), 400, "3 levels");
  t.equal(await status("$orderby=priority,id"), 400, "2 keys");
});

t.test("a cheap GET sent with the worst queries is answered; they read nothing", async (t) => {
  const { store, reads } = countingStore(2000);
  const app = await build(t, { store });
  const worst = [
    `$filter=${encodeURIComponent(ors(1000))}`,
    `$filter=${encodeURIComponent(nested(3000))}`,
    `$orderby=${Array(300).fill("priority").join(",")}`,
  ];
  const replies = await Promise.all([
    ...worst.flatMap((query) =>
      Array.from({ length: 5 }, () =>
        app.inject({ url: `${configurationsPath}?${query}`, headers: auth }),
      ),
    ),
    app.inject({ url: `${configurationsPath}/${demoConfigurationId}`, headers: auth }),
  ]);
  const cheap = replies.pop();
  t.equal(cheap?.statusCode, 200, "the cheap GET");
  t.same(
    replies.map((reply) => reply.statusCode),
    Array(15).fill(400),
  );
  t.equal(reads.items, 0, "no worst query read an item");
});
