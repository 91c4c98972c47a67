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
  for (const host of ['a"b<c', "a b", "x/y", "a:1:2", "a:port", "[::1", "é.example"]) {
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

t.test(
  "HTTP/1.0 without a Host header gets the 400, not a context URL without a host",
  async (t) => {
    const { origin } = await listen(t);
    const { port } = new URL(origin);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1");
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk;
      });
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
      socket.write(
        "GET /beta/officeConfiguration HTTP/1.0\r\nAuthorization: Bearer local-dev-token\r\n\r\n",
      );
    });
    t.match(raw, /^HTTP\/1\.1 400 /);
    const body = JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4));
    t.match(body.error, refusal);
  },
);
