// OData key syntax (issue 11 §4): `clientConfigurations('id')`, quoted or not, percent-encoded or
// not, and `assignments('id')` under it, address the same entities for every method and route.
import t from "tap";
import { rewriteKeySegments } from "../../src/stub/odata/key-syntax.js";
import { build } from "../helpers/build.js";
import { assertContract } from "../helpers/contract.js";
import {
  auth,
  configurationsPath,
  demoConfigurationId,
  json,
  seedRequest,
} from "../helpers/requests.js";

const id = demoConfigurationId;

t.test("rewriteKeySegments: the segment form of each key", async (t) => {
  const cases: [string, string][] = [
    [`${configurationsPath}('${id}')`, `${configurationsPath}/${id}`],
    [`${configurationsPath}(${id})`, `${configurationsPath}/${id}`],
    [
      `${configurationsPath}%28%27${id}%27%29/assignments`,
      `${configurationsPath}/${id}/assignments`,
    ],
    [
      `${configurationsPath}('${id}')/assignments('a1')?$select=id`,
      `${configurationsPath}/${id}/assignments/a1?$select=id`,
    ],
    [`${configurationsPath}('o''brien')`, `${configurationsPath}/o'brien`],
    [
      `${configurationsPath}('a b/c)d')/assignments`,
      `${configurationsPath}/a%20b%2Fc)d/assignments`,
    ],
    [`${configurationsPath}('a%2Fb')`, `${configurationsPath}/a%2Fb`],
  ];
  for (const [url, expected] of cases) t.equal(rewriteKeySegments(url), expected, url);
  const untouched = [
    `${configurationsPath}/${id}`,
    `${configurationsPath}?$filter=startsWith(displayName,'x')`,
    `${configurationsPath}('o'brien')`,
    `${configurationsPath}(o'brien)`,
    `${configurationsPath}('')`,
    `${configurationsPath}('%E0%A4%A')`,
    "/_stub/reset('x')",
  ];
  for (const url of untouched)
    t.equal(rewriteKeySegments(url), url, `${url} is left to the router`);
});

t.test("every method and nested route takes the key in parentheses", async (t) => {
  const app = await build(t);
  const keyed = `${configurationsPath}('${id}')`;
  const read = await app.inject({ url: keyed, headers: auth });
  t.equal(read.statusCode, 200);
  t.equal(assertContract<{ id: string }>(t, "getClientConfiguration", read).id, id);
  const unquoted = await app.inject({
    url: `${configurationsPath}(${id})?$select=priority`,
    headers: auth,
  });
  t.same(unquoted.json().priority, 0);

  const patch = await app.inject({
    method: "PATCH",
    url: keyed,
    headers: json,
    payload: { displayName: "Renamed" },
  });
  t.equal(patch.statusCode, 204);
  const created = await app.inject({
    method: "POST",
    url: `${keyed}/assignments`,
    headers: json,
    payload: { ...seedRequest, id: "a1" },
  });
  t.equal(created.statusCode, 201);
  const assignment = await app.inject({ url: `${keyed}/assignments('a1')`, headers: auth });
  t.equal(assertContract<{ id: string }>(t, "getAssignment", assignment).id, "a1");
  const count = await app.inject({
    url: `${configurationsPath}%28%27${id}%27%29/assignments/$count`,
    headers: auth,
  });
  t.equal(count.body, "1");
  const payload = await app.inject({
    method: "PUT",
    url: `${keyed}/policyPayload`,
    headers: { ...auth, "content-type": "application/octet-stream" },
    payload: Buffer.from("{}"),
  });
  t.equal(payload.statusCode, 204);
  const removed = await app.inject({
    method: "DELETE",
    url: `${keyed}/assignments(a1)`,
    headers: auth,
  });
  t.equal(removed.statusCode, 204);
  const segment = await app.inject({ url: `${configurationsPath}/${id}`, headers: auth });
  t.equal(segment.json().displayName, "Renamed", "the same entity as the segment form");

  const missing = await app.inject({ url: `${configurationsPath}('nope')`, headers: auth });
  t.equal(missing.statusCode, 404);
  t.match(missing.json(), { error: { code: "ResourceNotFound", target: "nope" } });
  const quoteless = await app.inject({ url: `${configurationsPath}('o'brien')`, headers: auth });
  t.equal(quoteless.statusCode, 400, "an unreadable key stays a route error");
});
