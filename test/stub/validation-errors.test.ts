import t from "tap";
import { validationError } from "../../src/stub/errors.js";
import { build } from "../helpers/build.js";
import { assertContract, type ErrorBody } from "../helpers/contract.js";

t.test("no Ajv error to describe still gives a Graph 400, never a crash", async (t) => {
  const error = validationError([], "body", 20);
  t.equal(error.statusCode, 400);
  t.equal(error.code, "BadRequest");
  t.equal(error.message, "The request is invalid.");
});

t.test("a keyword without its own wording still names the field", async (t) => {
  const error = validationError(
    [
      {
        keyword: "maxItems",
        instancePath: "/id",
        schemaPath: "#/properties/id/maxItems",
        params: { limit: 3 },
        message: "must NOT have more than 3 items",
      },
    ],
    "body",
    20,
  );
  t.equal(error.message, "The property 'id' must NOT have more than 3 items.");
  t.equal(error.target, "id");
});

t.test("40,000 unknown keys → one 400 listing at most --max-error-details problems", async (t) => {
  const app = await build(t, { maxErrorDetails: 3 });
  const keys = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i]));
  const res = await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: { "content-type": "application/json" },
    payload: { status: 503, ...keys },
  });
  t.equal(res.statusCode, 400);
  const { error } = assertContract<ErrorBody>(t, "queueFaults", res);
  const unknown = (key: string) =>
    `The property '${key}' does not exist on type 'stub.fault'. Make sure to only use property names that are defined by the type or mark the type as open type.`;
  t.equal(error.code, "RequestBodyRead");
  t.equal(error.message, unknown("k0"));
  t.same(error.details, [
    { code: "RequestBodyRead", message: unknown("k0"), target: "k0" },
    { code: "RequestBodyRead", message: unknown("k1"), target: "k1" },
    { code: "RequestBodyRead", message: unknown("k2"), target: "k2" },
    { code: "BadRequest", message: "39997 more problems not listed (at most 3 are).", target: "" },
  ]);
  t.ok(res.body.length < 2000, `a small reply (${res.body.length} bytes)`);
  const faults = await app.inject({ method: "GET", url: "/_stub/export" });
  t.equal(faults.statusCode, 200, "nothing queued, the stub still answers");
});

t.test("repeated problems are listed once, first in their order", async (t) => {
  const error = validationError(
    Array.from({ length: 5 }, (_, i) => ({
      keyword: i % 2 === 0 ? "required" : "type",
      instancePath: i % 2 === 0 ? "" : "/priority",
      schemaPath: "#",
      params: i % 2 === 0 ? { missingProperty: "status" } : { type: "integer" },
      parentSchema: { "x-graph-type": "stub.fault" },
      data: "x",
    })),
    "body",
    20,
  );
  t.same(error.details, [
    {
      code: "BadRequest",
      message: "The property 'priority' must be of type integer, not string.",
      target: "priority",
    },
    {
      code: "BadRequest",
      message: "The property 'status' is required on type 'stub.fault'.",
      target: "status",
    },
  ]);
});

t.test(
  "a pattern says what it stands for: a stream's base64, an id's text, else the pattern",
  async (t) => {
    const failure = (data: string, parentSchema: object) =>
      validationError(
        [
          {
            keyword: "pattern",
            instancePath: "/code",
            schemaPath: "#/properties/code/pattern",
            params: { pattern: "^[a-z]+$" },
            parentSchema,
            data,
          },
        ],
        "body",
        20,
      ).message;
    t.equal(
      failure("A1", { pattern: "^[a-z]+$" }),
      "The property 'code' must match the pattern '^[a-z]+$'.",
    );
    t.equal(
      failure("x\ud800", { pattern: "^[a-z]+$" }),
      "The property 'code' must be well-formed Unicode text: it holds a lone UTF-16 surrogate.",
    );
    t.equal(
      failure("!", { contentEncoding: "base64" }),
      "The property 'code' must be base64-encoded bytes (an Edm.Stream value): base64 with padding, or base64url without.",
    );
  },
);
