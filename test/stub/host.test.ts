// The Host header: replies echo it into @odata.context, Location and @odata.nextLink, so a Graph
// request must carry one that is a host name (or an IP literal) with an optional port.
import { connect } from "node:net";
import type { FastifyInstance } from "fastify";
import t from "tap";
import { build } from "../helpers/build.js";
import { listen } from "../helpers/listen.js";
import { assignmentsPath, demoConfigurationId, json, seedRequest } from "../helpers/requests.js";

const refusal = {
  code: "BadRequest",
  message: "The Host header is missing or is not a valid host name.",
  target: "Host",
};

/** The seed's POST with this Host header. */
function postWithHost(app: FastifyInstance, host: string) {
  return app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: { ...json, host },
    payload: seedRequest,
  });
}

t.test("a Host that is not a host name is a 400 and writes nothing", async (t) => {
  const app = await build(t);
  const before = app.store.countAssignments(demoConfigurationId);
  const hosts = ['a"b<c', "a b", "x/y", "a:1:2", "a:port", "[::1", "é.example", "h:99999"];
  for (const host of [...hosts, "1.2.3.4.5", "localhost:65536"]) {
    const reply = await postWithHost(app, host);
    t.equal(reply.statusCode, 400, host);
    t.match(reply.json().error, refusal, host);
    t.ok(reply.headers["request-id"], "Graph's headers");
  }
  t.equal(app.store.countAssignments(demoConfigurationId), before, "nothing stored");
});

t.test("names, IPv4, IPv6 literals and ports are taken and echoed", async (t) => {
  const app = await build(t);
  for (const host of ["localhost:3000", "127.0.0.1", "[::1]:8080", "stub.example.test"]) {
    const reply = await postWithHost(app, host);
    t.equal(reply.statusCode, 201, host);
    t.match(reply.headers.location, `http://${host}/beta/`, host);
  }
});

for (const version of ["1.0", "1.1"]) {
  t.test(`HTTP/${version} without a Host header: Graph's 400, journaled`, async (t) => {
    const { app, origin } = await listen(t);
    const raw = await rawRequest(
      origin,
      `GET /beta/officeConfiguration HTTP/${version}\r\nAuthorization: Bearer local-dev-token\r\nConnection: close\r\n\r\n`,
    );
    t.match(raw, /^HTTP\/1\.1 400 /);
    t.match(raw, /\r\nrequest-id: [0-9a-f-]{36}\r\n/);
    const body = JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4));
    t.match(body.error, refusal);
    t.same(
      app.journal.list().map((entry) => [entry.path, entry.status, entry.code]),
      [["/beta/officeConfiguration", 400, "BadRequest"]],
    );
  });
}

/** One raw HTTP exchange on a new connection; resolves with all the server sent. */
function rawRequest(origin: string, request: string): Promise<string> {
  const { port } = new URL(origin);
  return new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk;
    });
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
    socket.write(request);
  });
}

t.test(
  "ids . and .. are written %2E and %2E%2E in Location, which leads back to them",
  async (t) => {
    const app = await build(t);
    for (const id of [".", ".."]) {
      const created = await app.inject({
        method: "POST",
        url: "/beta/officeConfiguration/clientConfigurations",
        headers: json,
        payload: { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id },
      });
      t.equal(created.statusCode, 201, id);
      const location = String(created.headers.location);
      t.equal(
        location,
        `http://localhost:80/beta/officeConfiguration/clientConfigurations('${id}')`,
      );
      // What a client does with the URL before it sends it (dot-segments removed).
      const { pathname } = new URL(location);
      t.equal(pathname, `/beta/officeConfiguration/clientConfigurations('${id}')`);
      const read = await app.inject({ url: pathname, headers: json });
      t.equal(read.statusCode, 200, `GET ${pathname}`);
      t.equal(read.json().id, id);
    }
  },
);
