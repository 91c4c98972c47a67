import fc from "fast-check";
import t from "tap";
import { arbitrary, bodyArbitrary, flatten, jsonTypes } from "../../src/contract/arbitrary.js";
import { curl, send } from "../../src/contract/http.js";
import { graphOperations } from "../../src/contract/operations.js";
import {
  addressable,
  firstDifference,
  lostFields,
  runContract,
  wrongTypeValue,
} from "../../src/contract/run.js";
import { readOperationTable } from "../../src/spec/document.js";
import { compile } from "../../src/spec/validation.js";
import { listen } from "../helpers/listen.js";

t.test("generated values validate against their schema, for every kind of schema", async (t) => {
  const schemas = [
    { type: "string", format: "uuid" },
    { type: "string", format: "date-time" },
    { type: "string", format: "date" },
    { type: "string", format: "uri" },
    { type: "string", format: "email" },
    { type: "string", pattern: "^[a-z]{2,4}$" },
    { type: "string", contentEncoding: "base64" },
    { type: "string", minLength: 30 },
    { type: "integer", minimum: 3, maximum: 9 },
    { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 5 },
    { type: "number" },
    { type: ["boolean", "null"] },
    { type: "array", items: { const: 1 }, minItems: 1 },
    { type: "array" },
    { anyOf: [{ type: "string" }, { type: "integer" }] },
    { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
    {},
  ];
  for (const schema of schemas) {
    const validate = compile(schema);
    const values = fc.sample(bodyArbitrary(schema), { seed: 7, numRuns: 15 });
    t.ok(
      values.every((value) => validate(value)),
      `${JSON.stringify(schema)} → ${JSON.stringify(values.slice(0, 2))}`,
    );
  }
  // Properties without a type (Ajv's strict mode would refuse to compile it): still objects.
  const untyped = fc.sample(arbitrary({ properties: { a: { const: 1 } } }), {
    seed: 1,
    numRuns: 5,
  });
  t.ok(untyped.every((value) => typeof value === "object" && value !== null));
});

t.test(
  "schema helpers: allOf merged, JSON types read from type, enum, const or branches",
  async (t) => {
    t.same(
      flatten({ allOf: [{ properties: { a: {} }, required: ["a"] }], properties: { b: {} } }),
      { properties: { a: {}, b: {} }, required: ["a"] },
    );
    t.same(jsonTypes({ const: 1.5 }), ["number"]);
    t.same(jsonTypes({ enum: ["a", null, [], {}] }), ["string", "null", "array", "object"]);
    t.same(jsonTypes({ oneOf: [{ type: "object" }, { type: "null" }] }), ["object", "null"]);
    t.equal(jsonTypes({ oneOf: [{ type: "object" }, {}] }), undefined);
    t.equal(jsonTypes({}), undefined);
    t.equal(wrongTypeValue(["string"]), true);
    t.equal(wrongTypeValue(["boolean", "number"]), "contract-check");
    t.equal(wrongTypeValue(["boolean", "integer", "string", "object", "array"]), undefined);
  },
);

t.test("comparisons: first difference, fields lost, unaddressable ids", async (t) => {
  t.equal(firstDifference({ a: [1, 2] }, { a: [1, 2] }), undefined);
  t.equal(firstDifference({ a: [1, 2] }, { a: [1, 3] }), "/a/1");
  t.equal(firstDifference([1], [1, 2]), "/");
  t.same(lostFields({ "@odata.type": "x.y", b: { c: 1 } }, { "@odata.type": "#x.y", b: 2 }), [
    "/b",
  ]);
  t.same(lostFields(1, 2), ["/"]);
  t.equal(addressable({ id: ".." }), false);
  t.equal(addressable({ id: "a" }), true);
});

t.test("the operation table: required query parameters, a single example, security", async (t) => {
  const table = readOperationTable({
    paths: {
      "/things": {
        parameters: [{ name: "$top", in: "query", required: true, schema: { default: 5 } }],
        post: {
          operationId: "createThing",
          parameters: [
            { name: "a", in: "query", required: true, example: "x" },
            { name: "b", in: "query", required: true, schema: { enum: ["e"] } },
            { name: "c", in: "query", required: true, schema: { $ref: "#/components/schemas/c" } },
            { name: "d", in: "query", schema: {} },
          ],
          security: [{}],
          requestBody: {
            content: { "application/json": { schema: {}, example: { k: 1 } } },
          },
          responses: { "204": {} },
        },
        get: {
          operationId: "listThings",
          security: [{ oauth: ["Things.Read"] }],
          responses: {
            "200": { headers: { "Retry-After": { required: true, schema: { type: "integer" } } } },
          },
        },
        put: {
          operationId: "replaceThings",
          requestBody: {
            content: { "application/json": { schema: {}, examples: { one: { value: 1 } } } },
          },
          responses: { "204": {} },
        },
      },
    },
    components: { schemas: { c: { example: 7 } } },
  });
  // Methods are read in the order get, post, put, patch, delete.
  const [list, create, replace] = [...table.values()];
  t.same(create?.requiredQuery, [
    { name: "$top", example: 5 },
    { name: "a", example: "x" },
    { name: "b", example: "e" },
    { name: "c", example: 7 },
  ]);
  t.same(create?.examples, [{ name: "example", value: { k: 1 } }]);
  t.equal(create?.tokenRequired, false, "an empty requirement means no token is needed");
  t.same(list?.examples, [], "no body, no examples");
  t.equal(list?.tokenRequired, true);
  t.same(list?.scopes, [["Things.Read"]]);
  t.same(
    list?.responseHeaders["200"],
    { "retry-after": { required: true, schema: { type: "integer" } } },
    "response headers by lower-case name",
  );
  t.same(replace?.examples, [{ name: "one", value: 1 }], "named examples");
});

t.test("http: a non-JSON reply body is kept as text; curl quotes single quotes", async (t) => {
  const reply = await send(
    { method: "GET", url: "http://127.0.0.1:9/x", headers: {} },
    (async () => new Response("<html>", { status: 502 })) as typeof fetch,
  );
  t.match(reply, { status: 502, text: "<html>", json: undefined });
  t.equal(
    curl({ method: "POST", url: "http://h/x", headers: { a: "it's" }, body: "'" }),
    "curl -i -X POST 'http://h/x' -H 'a: it'\\''s' --data-raw ''\\'''",
  );
});

t.test(
  "without examples or a create operation, the checker generates bodies and says what it lacks",
  async (t) => {
    const { baseUrl } = await listen(t);
    const withoutExamples = graphOperations.map((info) => ({
      ...info,
      examples: [],
      requiredQuery: info.method === "get" ? [{ name: "contract", example: "1" }] : [],
    }));
    const report = await runContract({ baseUrl, seed: 3, cases: 3, operations: withoutExamples });
    t.equal(report.failed, 0);
    t.match(
      report.results.find((r) => r.kind === "example" && r.operationId === "createAssignment"),
      { name: "a generated valid body (the spec has no example)", status: 201 },
    );

    const lonely = graphOperations.filter((info) => info.operationId === "getAssignment");
    const orphan = await runContract({ baseUrl, seed: 3, cases: 0, operations: lonely });
    t.match(orphan.results[0]?.violations, [
      "no way to get an existing {officeClientConfigurationId}: pass --param officeClientConfigurationId=ID",
    ]);

    const createOnly = graphOperations.filter((i) => i.operationId === "createAssignment");
    const flat = await runContract({
      baseUrl,
      seed: 3,
      cases: 3,
      operations: createOnly,
      params: { officeClientConfigurationId: "c0ffee00-0000-4000-8000-000000000001" },
    });
    t.equal(flat.failed, 0, "a body operation without readers: generated bodies, no round trip");
    t.notOk(flat.results.some((r) => r.kind === "stateful"));
  },
);

t.test("a fetch that throws fails every case of the operation, with the cause", async (t) => {
  const { baseUrl } = await listen(t);
  const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
  const report = await runContract({
    baseUrl,
    seed: 1,
    cases: 1,
    only: ["getClientConfiguration"],
    // Every GET of one configuration throws as fetch does: `fetch failed`, the cause inside.
    fetch: (input, init) =>
      init?.method === "GET" && /clientConfigurations\/[^/]+$/.test(String(input))
        ? Promise.reject(new TypeError("fetch failed", { cause: reset }))
        : fetch(input, init),
  });
  t.equal(report.unreachable, undefined, "the target still answers other requests");
  t.ok(report.results.length > 0);
  t.ok(
    report.results.every(
      (r) =>
        !r.passed &&
        /^no reply to GET .*: connection reset by the server \(ECONNRESET: read ECONNRESET\)$/.test(
          r.violations[0] ?? "",
        ),
    ),
  );
});
