import t from "tap";
import { build } from "../helpers/build.js";
import { assignmentsPath, auth, configurationsPath, json } from "../helpers/requests.js";

// Routes Graph does not serve answer as Graph's router does; none of them changes anything.
const cases: {
  name: string;
  method: "GET" | "POST" | "DELETE" | "PATCH";
  url: string;
  status: number;
  code: string;
  message: string;
}[] = [
  {
    name: "a method the route does not serve",
    method: "DELETE",
    url: assignmentsPath,
    status: 400,
    code: "No method match route template",
    message: `No OData route exists that match template ~/singleton/navigation/key/navigation with http verb DELETE for request ${assignmentsPath}.`,
  },
  {
    name: "DELETE of the singleton",
    method: "DELETE",
    url: "/beta/officeConfiguration",
    status: 400,
    code: "No method match route template",
    message:
      "No OData route exists that match template ~/singleton with http verb DELETE for request /beta/officeConfiguration.",
  },
  {
    name: "$count of an assignment",
    method: "GET",
    url: `${assignmentsPath}/x/$count`,
    status: 400,
    code: "No method match route template",
    message: `No OData route exists that match template ~/singleton/navigation/key/navigation/key/$count with http verb GET for request ${assignmentsPath}/x/$count.`,
  },
  {
    name: "an unknown segment",
    method: "GET",
    url: "/beta/officeConfigurations?x=1",
    status: 400,
    code: "RequestBroker--ParseUri",
    message: "Resource not found for the segment 'officeConfigurations'.",
  },
  {
    name: "a malformed URL",
    method: "GET",
    url: `${configurationsPath}/%zz`,
    status: 400,
    code: "BadRequest",
    message: `The request URL is not valid: ${configurationsPath}/%zz`,
  },
];

t.test("unserved routes → Graph's routing errors", async (t) => {
  const app = await build(t);
  for (const c of cases) {
    const res = await app.inject({
      method: c.method,
      url: c.url,
      headers: c.method === "GET" ? auth : json,
      payload: c.method === "GET" ? undefined : "{}",
    });
    t.equal(res.statusCode, c.status, c.name);
    t.match(
      res.json(),
      {
        error: {
          code: c.code,
          message: c.message,
          innerError: { "request-id": res.headers["request-id"] },
        },
      },
      c.name,
    );
  }
  const list = await app.inject({ url: assignmentsPath, headers: auth });
  t.same(list.json().value, []);
});

t.test("unknown routes still need a token, as on Graph", async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: "/beta/me" });
  t.equal(res.statusCode, 401);
  t.equal(res.json().error.code, "InvalidAuthenticationToken");
});

t.test("outside /beta: Graph's 404, and / leads to Swagger UI", async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: "/v1.0/officeConfiguration" });
  t.equal(res.statusCode, 404);
  t.match(res.json(), {
    error: { code: "ResourceNotFound", message: "Resource could not be discovered." },
  });
  const root = await app.inject({ url: "/" });
  t.equal(root.statusCode, 302);
  t.equal(root.headers.location, "/docs");
});
