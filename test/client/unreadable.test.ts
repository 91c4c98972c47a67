// Replies the client cannot read (not JSON, cut short, no body, a $count that is no number) are
// GraphApiError with the status and request-id, never a bare SyntaxError or NaN.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import t from "tap";
import { createGraphClient, GraphApiError } from "../../src/client/index.js";

type Test = { teardown(fn: () => unknown): void };

interface Canned {
  status: number;
  type: string;
  body: string;
}

/** A server on 127.0.0.1 that answers each path with its canned reply and a request-id. */
async function cannedServer(t: Test, replies: Record<string, Canned>): Promise<string> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname.replace(/^\/beta/, "");
    const reply = replies[path] ?? { status: 404, type: "text/plain", body: "no such path" };
    response.writeHead(reply.status, {
      "content-type": reply.type,
      "request-id": `rid-${path.split("/").at(-1)}`,
    });
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/beta`;
}

const configurations = "/officeConfiguration/clientConfigurations";
const html = {
  status: 200,
  type: "text/html",
  body: "<html><body>Sign in to continue</body></html>",
};

t.test(
  "a 2xx that is not JSON or is cut short: GraphApiError with status and request-id",
  async (t) => {
    const baseUrl = await cannedServer(t, {
      "/officeConfiguration": html,
      [`${configurations}/cut`]: {
        status: 200,
        type: "application/json",
        body: '{"id":"cut","disp',
      },
      [`${configurations}/$count`]: { status: 200, type: "text/plain", body: "many" },
      [`${configurations}/empty`]: { status: 200, type: "application/json", body: "" },
      [`${configurations}/bad-gateway`]: { status: 502, type: "text/html", body: "<h1>502</h1>" },
    });
    const graph = createGraphClient({ baseUrl, retry: false });

    const notJson = await graph.getOfficeConfiguration().catch((error: unknown) => error);
    t.type(notJson, GraphApiError);
    t.match(notJson, {
      status: 200,
      code: "http200",
      requestId: "rid-officeConfiguration",
      message:
        'the reply is not JSON (content-type text/html): "<html><body>Sign in to continue</body></html>" (200 OK)',
    });

    await t.rejects(graph.getClientConfiguration("cut"), {
      constructor: GraphApiError,
      status: 200,
      requestId: "rid-cut",
      message:
        /^the reply is not JSON \(content-type application\/json\): "\{\\"id\\":\\"cut\\",\\"disp" \(200 OK\)$/,
    });
    await t.rejects(graph.countClientConfigurations(), {
      constructor: GraphApiError,
      status: 200,
      requestId: "rid-$count",
      message: 'the $count reply is not a number: "many" (200 OK)',
    });
    await t.rejects(graph.getClientConfiguration("empty"), {
      constructor: GraphApiError,
      status: 200,
      requestId: "rid-empty",
      message: "the reply has no body (200 OK)",
    });
    await t.rejects(graph.getClientConfiguration("bad-gateway"), {
      constructor: GraphApiError,
      status: 502,
      code: "http502",
      requestId: "rid-bad-gateway",
      message: "502 Bad Gateway",
    });

    // The raw client gets the same error instead of openapi-fetch's SyntaxError.
    await t.rejects(graph.raw.GET("/officeConfiguration"), {
      constructor: GraphApiError,
      message: /^the reply is not JSON/,
    });
  },
);

t.test("a long non-JSON body is quoted up to 100 characters", async (t) => {
  const long = "x".repeat(500);
  const baseUrl = await cannedServer(t, {
    "/officeConfiguration": { status: 200, type: "text/plain", body: long },
  });
  const graph = createGraphClient({ baseUrl, retry: false });
  await t.rejects(graph.getOfficeConfiguration(), {
    message: `the reply is not JSON (content-type text/plain): "${"x".repeat(100)}…" (200 OK)`,
  });
});

t.test("a next page that is not JSON: GraphApiError, not a TypeError", async (t) => {
  // The first page comes from the fetch below, once the server's port is known.
  const baseUrl = await cannedServer(t, { "/next": html });
  const page = JSON.stringify({ value: [{ id: "a" }], "@odata.nextLink": `${baseUrl}/next` });
  const graph = createGraphClient({
    baseUrl,
    retry: false,
    fetch: async (input) => {
      const request = new Request(input);
      if (!request.url.endsWith(configurations)) return fetch(request);
      return new Response(page, { headers: { "content-type": "application/json" } });
    },
  });
  await t.rejects(graph.allClientConfigurations(), {
    constructor: GraphApiError,
    status: 200,
    requestId: "rid-next",
    message: "the reply is not JSON (200 OK)",
  });
});
