// A property over every operation: generated hostile bodies, ids and query strings never get a
// 5xx, and a refused request (4xx) changes nothing (GET /_stub/export before and after).
import fc from "fast-check";
import t from "tap";
import { type OperationSpec, operationsById } from "../../src/spec/document.js";
import { build } from "../helpers/build.js";
import { auth, demoConfigurationId } from "../helpers/requests.js";

const operations = [...operationsById.values()];

// Text where parsers and encoders break: lone surrogates, controls, quotes, OData syntax.
const hostileUnit = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.constantFrom("\ud800", "\udfff", "\u0000", "'", '"', "%", "/", "(", ")", "$", "&", "="),
);
const hostileText = fc.oneof(
  fc.string({ unit: hostileUnit, maxLength: 40 }),
  fc.constantFrom("", " ", "a".repeat(128), "a".repeat(129), "😀".repeat(129), "__proto__"),
);

/** Percent-encodes as a client would, and a lone surrogate as the bytes a WTF-8 encoder writes. */
function encodeSegment(text: string): string {
  let out = "";
  for (const char of text) {
    try {
      out += encodeURIComponent(char);
    } catch {
      const code = char.charCodeAt(0);
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join("");
    }
  }
  return out;
}

const id = fc.oneof(
  fc.constant(demoConfigurationId),
  hostileText.filter((text) => text !== ""),
);

const queryOption = fc.tuple(
  fc.constantFrom(
    "$top",
    "$skip",
    "$filter",
    "$orderby",
    "$select",
    "$count",
    "$expand",
    "$search",
    "top",
    "$foo",
  ),
  fc.oneof(
    hostileText,
    fc.constantFrom("1e1", "0x1", "-1", "2147483648", " 1", "true", "displayName eq 'x'"),
    fc.integer().map(String),
  ),
);

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = (operation: OperationSpec) =>
  fc.oneof(
    // An example of the operation with hostile values put in.
    fc
      .tuple(
        fc.constantFrom(...(operation.examples.length > 0 ? operation.examples : [{ value: {} }])),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom(
              "id",
              "priority",
              "displayName",
              "policyPayload",
              "@odata.type",
              "target",
            ),
            hostileText,
          ),
          fc.oneof(
            jsonValue,
            hostileText,
            fc.constantFrom(2147483647, -2147483649, 1e308, 0.5, null),
          ),
          { maxKeys: 4 },
        ),
      )
      .map(([example, extra]) =>
        JSON.stringify(
          typeof example.value === "object" && example.value !== null
            ? { ...example.value, ...extra }
            : extra,
        ),
      ),
    jsonValue.map((value) => JSON.stringify(value)),
    fc.string({ unit: "binary-ascii", maxLength: 40 }),
    fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
  );

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/octet-stream",
  "text/plain",
  "",
);

const request = fc.constantFrom(...operations).chain((operation) =>
  fc.record({
    operation: fc.constant(operation),
    ids: fc.array(id, {
      minLength: operation.pathParams.length,
      maxLength: operation.pathParams.length,
    }),
    query: fc.array(queryOption, { maxLength: 3 }),
    body: fc.option(body(operation), { freq: 4 }),
    contentType,
  }),
);

t.test("hostile bodies, ids and query strings: no 5xx, and a 4xx changes nothing", async (t) => {
  const app = await build(t);
  const exportState = async () => (await app.inject({ method: "GET", url: "/_stub/export" })).body;
  const seen = new Set<string>();
  const statuses = new Map<number, number>();
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(request, async ({ operation, ids, query, body, contentType }) => {
      runs++;
      seen.add(operation.operationId);
      let path = operation.path;
      operation.pathParams.forEach((name, index) => {
        path = path.replace(`{${name}}`, encodeSegment(ids[index] ?? ""));
      });
      const search = query
        .map(([name, value]) => `${encodeSegment(name)}=${encodeSegment(value)}`)
        .join("&");
      const url = `${operation.outsideGraph ? "" : "/beta"}${path}${search ? `?${search}` : ""}`;
      const before = await exportState();
      const res = await app.inject({
        method: operation.method.toUpperCase() as "GET",
        url,
        headers: { ...auth, ...(contentType ? { "content-type": contentType } : {}) },
        ...(body === null ? {} : { payload: body }),
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      // A queued fault would answer the next requests with an injected 5xx: drop it.
      await app.inject({ method: "DELETE", url: "/_stub/faults" });
      if (res.statusCode >= 500) {
        throw new Error(`${res.statusCode} for ${operation.method} ${url}: ${res.body}`);
      }
      if (res.statusCode >= 400 && (await exportState()) !== before) {
        throw new Error(`${res.statusCode} for ${operation.method} ${url} changed the state`);
      }
    }),
    { numRuns: 1500, seed: Number(process.env.HOSTILE_SEED ?? 20261129) },
  );
  t.equal(runs, 1500, "1,500 hostile requests");
  t.same(
    [...seen].sort(),
    operations.map((operation) => operation.operationId).sort(),
    "every operation",
  );
  t.notOk(
    [...statuses.keys()].some((status) => status >= 500),
    "no 5xx",
  );
  t.ok((statuses.get(400) ?? 0) > 0, "refusals among them");
  t.comment(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
});
