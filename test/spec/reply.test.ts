import t from "tap";
import type { OperationSpec } from "../../src/spec/document.js";
import { checkReply, documentedStatus, type ReplyLike } from "../../src/spec/reply.js";

// A synthetic operation, so that every rule is exercised whatever openapi.yaml holds today.
const operation = {
  operationId: "getThing",
  method: "get",
  path: "/things/{id}",
  url: "/things/:id",
  responses: {
    "200": {
      type: "object",
      required: ["id"],
      properties: { id: { type: "string" }, kind: { enum: ["a", "b"] } },
      additionalProperties: false,
    },
    "4XX": { type: "object" },
  },
  responseHeaders: {
    "200": { "odata-version": { required: true, schema: { type: "string", const: "4.0" } } },
    "204": { etag: { required: false, schema: { type: "string", minLength: 3 } } },
    "4XX": {},
    default: {},
  },
  responseContentTypes: { "200": "application/json", "4XX": "application/json" },
  scopes: [],
} as unknown as OperationSpec;

function reply(status: number, text: string, headers: Record<string, string> = {}): ReplyLike {
  const all: Record<string, string> = { "content-type": "application/json", ...headers };
  return { status, text, header: (name) => all[name] };
}

t.test("documented statuses: exact, then 4XX ranges, then default", async (t) => {
  t.equal(documentedStatus(operation, 200), "200");
  t.equal(documentedStatus(operation, 404), "4XX");
  t.equal(documentedStatus(operation, 503), "default");
});

t.test("a reply that keeps the contract has no violations", async (t) => {
  t.same(checkReply(operation, reply(200, '{"id":"x"}', { "odata-version": "4.0" })), []);
  t.same(checkReply(operation, reply(204, "", { etag: "abcd" })), []);
});

t.test("each kind of violation is named, with where the spec says so", async (t) => {
  const undocumented = { ...operation, responseHeaders: { "200": {} } } as OperationSpec;
  t.match(checkReply(undocumented, reply(500, "{}")), [
    {
      message: "status 500 is not documented for getThing (documented: 200)",
      schemaPath: /responses$/,
    },
  ]);
  t.match(checkReply(operation, reply(200, '{"kind":"c","x":1}')), [
    { message: "body / must have required property 'id'" },
    { message: "body / must NOT have additional properties ('x')" },
    { message: 'body /kind must be equal to one of the allowed values ("a", "b")' },
    { message: "required header odata-version is missing", schemaPath: /headers\/odata-version$/ },
  ]);
  t.match(checkReply(operation, reply(200, "<html>", { "content-type": "text/html" })), [
    { message: "content type 'text/html' is not application/json" },
    { message: 'body is not JSON: "<html>"' },
  ]);
  t.match(checkReply(operation, reply(200, '{"id":"x"}', { "odata-version": "3.0" })), [
    { message: "header odata-version '3.0' must be equal to constant" },
  ]);
  t.match(checkReply(operation, reply(204, "{}", { etag: "a" })), [
    { message: "status 204 documents no body, but one was sent" },
    { message: "header etag 'a' must NOT have fewer than 3 characters" },
  ]);
  t.match(checkReply(operation, { status: 200, text: "{}", header: () => undefined }), [
    { message: "content type '' is not application/json" },
  ]);
});

t.test("a non-JSON reply: its media type, and a count is digits", async (t) => {
  const count = {
    ...operation,
    responses: {},
    responseContentTypes: { "200": "text/plain" },
    responseHeaders: { "200": {} },
  } as unknown as OperationSpec;
  const text = (body: string, type: string): ReplyLike => ({
    status: 200,
    text: body,
    header: (name) => (name === "content-type" ? type : undefined),
  });
  t.same(checkReply(count, text("12", "text/plain; charset=utf-8")), []);
  t.match(checkReply(count, text("twelve", "application/json")), [
    { message: "content type 'application/json' is not text/plain" },
    { message: 'body "twelve" is not a count', schemaPath: /text~1plain\/schema$/ },
  ]);
});
