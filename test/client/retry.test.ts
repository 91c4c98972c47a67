import { Client } from "@microsoft/microsoft-graph-client";
import t from "tap";
import { createGraphClient, retryingFetch } from "../../src/client/index.js";
import { listen } from "../helpers/listen.js";
import { demoConfigurationId, seedRequest } from "../helpers/requests.js";

const queue = (origin: string, fault: object) =>
  fetch(`${origin}/_stub/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });

t.test("this project's client waits Retry-After and recovers through injected 429s", async (t) => {
  const { origin, baseUrl } = await listen(t);
  const statuses: number[] = [];
  const attempts: (string | null)[] = [];
  const graph = createGraphClient({
    baseUrl,
    getAccessToken: () => "token",
    retry: { maxRetries: 3 },
    fetch: async (input) => {
      attempts.push((input as Request).headers.get("retry-attempt"));
      const response = await fetch(input as Request);
      statuses.push(response.status);
      return response;
    },
  });
  await queue(origin, { status: 429, retryAfter: 0, count: 2 });
  const created = await graph.addAssignment(demoConfigurationId, seedRequest);
  t.match(created.id, /^[0-9a-f-]{36}$/);
  t.same(statuses, [429, 429, 201]);
  t.same(attempts, [null, "1", "2"], "Retry-Attempt counts the retries, as the Graph SDK's header");
  t.equal(
    (await graph.listAssignments(demoConfigurationId)).value.length,
    1,
    "the POST was sent once to the store",
  );

  await queue(origin, { status: 503, retryAfter: 0, count: 5 });
  await t.rejects(
    graph.listAssignments(demoConfigurationId),
    { status: 503, code: "serviceNotAvailable" },
    "gives up after maxRetries",
  );
  await fetch(`${origin}/_stub/faults`, { method: "DELETE" });
});

t.test(
  "retry delays: Retry-After seconds or date, else doubling from delaySeconds, capped",
  async (t) => {
    const waits: number[] = [];
    const replies = [
      new Response("", { status: 504 }),
      new Response("", {
        status: 429,
        headers: { "retry-after": new Date(Date.now() + 60_000).toUTCString() },
      }),
      new Response("", { status: 503, headers: { "retry-after": "soon" } }),
      new Response("{}", { status: 200 }),
    ];
    const fetcher = retryingFetch(
      async () => replies.shift() as Response,
      { delaySeconds: 0.5, maxDelaySeconds: 30 },
      async (seconds) => waits.push(seconds),
    );
    const response = await fetcher("http://stub.invalid/x", { method: "GET" });
    t.equal(response.status, 200);
    t.same(waits, [0.5, 30, 2], "delaySeconds; an HTTP date a minute away, capped; then doubling");
  },
);

t.test("the official Graph JS SDK's RetryHandler recovers through injected 429s too", async (t) => {
  const { origin, baseUrl } = await listen(t, { auth: "none" });
  const seen: number[] = [];
  const sdk = Client.init({
    baseUrl,
    defaultVersion: "",
    fetchOptions: {},
    authProvider: (done) => done(null, "token"),
  });
  await queue(origin, { status: 429, retryAfter: 1, count: 1 });
  const created = await sdk
    .api(`/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`)
    .middlewareOptions([])
    .post(seedRequest)
    .then((body: { id: string }) => {
      seen.push(201);
      return body;
    });
  t.match(created, { "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment" });
  const exported = (await (await fetch(`${origin}/_stub/export`)).json()) as {
    clientConfigurations: { assignments: unknown[] }[];
  };
  t.equal(
    exported.clientConfigurations[0]?.assignments.length,
    1,
    "one assignment after the retried POST",
  );
  t.same(seen, [201]);
});
