// A JSON body with a `__proto__` key, or a `constructor` object with a `prototype`, is valid JSON
// that the stub refuses (prototype poisoning): a 400 naming the key and where it is, on every
// route that reads JSON, and nothing changes.
import t from "tap";
import type { OperationId } from "../../src/spec/document.js";
import { prototypeKeyIn } from "../../src/stub/prototype-keys.js";
import { build } from "../helpers/build.js";
import { assertContract, type ErrorBody } from "../helpers/contract.js";
import { assignmentsPath, demoConfigurationId, json } from "../helpers/requests.js";

const target = '{"@odata.type":"microsoft.graph.officeConfigurationAssignmentTarget"}';
const refused = (path: string) =>
  `The property '${path}' is not allowed: a JSON body may not hold a '__proto__' key, or a 'constructor' object with a 'prototype' key, at any depth (they could alter object prototypes).`;

const cases: {
  name: string;
  method?: string;
  url?: string;
  operationId?: OperationId;
  payload: string;
  path: string;
}[] = [
  {
    name: "__proto__ at the top",
    payload: `{"__proto__":{"x":1},"target":${target}}`,
    path: "__proto__",
  },
  { name: "__proto__ null", payload: `{"target":${target},"__proto__":null}`, path: "__proto__" },
  {
    name: "__proto__ in a nested object",
    payload: `{"target":{"@odata.type":"microsoft.graph.officeConfigurationAssignmentTarget","__proto__":{}}}`,
    path: "target.__proto__",
  },
  {
    name: "__proto__ spelt with escapes",
    payload: `{"target":${target},"\\u005f_proto\\u005F_":{"x":1}}`,
    path: "__proto__",
  },
  {
    name: "constructor.prototype",
    payload: `{"constructor":{"prototype":{"x":1}},"target":${target}}`,
    path: "constructor.prototype",
  },
  {
    name: "in an array item",
    method: "PATCH",
    url: "/beta/officeConfiguration",
    operationId: "updateOfficeConfiguration",
    payload: '{"tenantCheckinStatuses":[{"userId":"u"},{"__proto__":{}}]}',
    path: "tenantCheckinStatuses.1.__proto__",
  },
  {
    name: "in a batch request's body: the batch is refused whole",
    url: "/beta/$batch",
    operationId: "batch",
    payload: JSON.stringify({
      requests: [
        {
          id: "1",
          method: "POST",
          url: assignmentsPath.slice(5),
          headers: { "Content-Type": "application/json" },
          body: {},
        },
      ],
    }).replace('"body":{}', `"body":{"target":${target},"__proto__":{"x":1}}`),
    path: "requests.0.body.__proto__",
  },
  {
    name: "in a stub control's body",
    url: "/_stub/faults",
    operationId: "queueFaults",
    payload: '{"status":429,"constructor":{"prototype":null}}',
    path: "constructor.prototype",
  },
];

t.test("a prototype key → 400 naming it, and nothing changes", async (t) => {
  const app = await build(t);
  const before = app.store.exportFixtures();
  for (const c of cases) {
    const res = await app.inject({
      method: c.method ?? "POST",
      url: c.url ?? assignmentsPath,
      headers: json,
      payload: c.payload,
    });
    t.equal(res.statusCode, 400, c.name);
    const body = assertContract<ErrorBody>(t, c.operationId ?? "createAssignment", res);
    t.match(
      body,
      { error: { code: "BadRequest", message: refused(c.path), target: c.path } },
      c.name,
    );
    t.notOk(body.error.details, `${c.name}: no details`);
  }
  t.same(app.store.exportFixtures(), before, "nothing changed");
  const next = await app.inject({ url: assignmentsPath, headers: json });
  t.equal(next.statusCode, 200, "no fault was queued");
  t.notOk(Object.hasOwn(Object.prototype, "x"), "no prototype was touched");
});

t.test("what is not a prototype key keeps its own answer", async (t) => {
  const app = await build(t);
  const invalid = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: `{"__proto__":`,
  });
  t.equal(invalid.statusCode, 400);
  t.match(assertContract<ErrorBody>(t, "createAssignment", invalid), {
    error: {
      code: "BadRequest",
      message: /^Unable to read JSON request payload/,
      details: [
        { message: "Body is not valid JSON but content-type is set to 'application/json'" },
      ],
    },
  });
  const named = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: `{"target":${target},"constructor":{"name":"x"}}`,
  });
  t.equal(named.statusCode, 400, "a constructor without prototype is an unknown property");
  t.match(assertContract<ErrorBody>(t, "createAssignment", named), {
    error: { code: "RequestBodyRead", target: "constructor" },
  });
  t.equal(app.store.countAssignments(demoConfigurationId), 0);
});

t.test("prototypeKeyIn: the path of the first key, breadth-first, or undefined", async (t) => {
  t.equal(prototypeKeyIn("not json"), undefined);
  t.equal(prototypeKeyIn("1"), undefined);
  t.equal(prototypeKeyIn('{"a":[1,{"b":{"constructor":1}}]}'), undefined);
  t.equal(prototypeKeyIn('{"a":{"b":{"__proto__":1}},"c":{"__proto__":1}}'), "c.__proto__");
  const deep = `${'{"a":'.repeat(10_000)}{"__proto__":1}${"}".repeat(10_000)}`;
  t.equal(prototypeKeyIn(deep), `${"a.".repeat(10_000)}__proto__`);
});
