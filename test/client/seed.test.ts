import t from "tap";
import {
  createGraphClient,
  GraphApiError,
  graphBetaBaseUrl,
  localStubBaseUrl,
  type OfficeClientConfigurationAssignmentCreate,
} from "../../src/client/index.js";
import { assertContract, fromFetch } from "../helpers/contract.js";
import { listen } from "../helpers/listen.js";
import {
  demoConfigurationId,
  groupRequest,
  guid,
  seedRequest,
  seedResponse,
} from "../helpers/requests.js";

t.test("the seed's example round-trips through the client against a listening stub", async (t) => {
  const { baseUrl } = await listen(t);
  const client = createGraphClient({ baseUrl, getAccessToken: async () => "local-dev-token" });

  const created = await client.addAssignment(demoConfigurationId, seedRequest);
  const { id, "@odata.context": context, ...rest } = created;
  t.match(id, guid);
  t.same(rest, seedResponse, "the seed's example response, field for field");
  t.equal(
    context,
    `${baseUrl}/$metadata#officeConfiguration/clientConfigurations('${demoConfigurationId}')/assignments/$entity`,
  );

  const read = await client.getAssignment(demoConfigurationId, id);
  t.same(read, created, "GET by id returns it unchanged");
  const list = await client.listAssignments(demoConfigurationId);
  t.same(
    list.value,
    [{ "@odata.type": created["@odata.type"], id, target: created.target }],
    "the list returns it unchanged",
  );

  const group = await client.addAssignment(demoConfigurationId, groupRequest);
  t.same(group.target, groupRequest.target, "a group target keeps its groupId");
});

t.test("configurations: create a concrete type, then read it", async (t) => {
  const { baseUrl } = await listen(t);
  const client = createGraphClient({ baseUrl, getAccessToken: () => "token" });
  const created = await client.createClientConfiguration({
    "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
    displayName: "Baseline",
    priority: 3,
  });
  t.equal(created["@odata.type"], "#microsoft.graph.windowsOfficeClientSecurityConfiguration");
  t.same(await client.getClientConfiguration(created.id), created);
});

t.test("errors throw GraphApiError with status, Graph code, message and request-id", async (t) => {
  const { baseUrl } = await listen(t);
  const client = createGraphClient({ baseUrl, getAccessToken: () => "token" });
  const error = await client.getAssignment(demoConfigurationId, "missing").catch((e: unknown) => e);
  t.ok(error instanceof GraphApiError);
  const graphError = error as GraphApiError;
  t.equal(graphError.status, 404);
  t.equal(graphError.code, "ResourceNotFound");
  t.equal(
    graphError.message,
    "Resource not found: no officeClientConfigurationAssignment with id 'missing' exists.",
  );
  t.match(graphError.requestId, guid);
  t.match(graphError.clientRequestId, guid);
  t.equal(graphError.body?.error.code, "ResourceNotFound");
  t.equal(graphError.response.status, 404);

  const anonymous = createGraphClient({ baseUrl });
  await t.rejects(anonymous.addAssignment(demoConfigurationId, seedRequest), {
    name: "GraphApiError",
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Access token is empty.",
  });
  await t.rejects(
    client.addAssignment(demoConfigurationId, {
      target: { "@odata.type": "#microsoft.graph.nope" },
    } as never),
    { status: 400, code: "ModelValidationFailure" },
  );
});

t.test("a reply that is not Graph JSON still throws a GraphApiError", async (t) => {
  const client = createGraphClient({
    baseUrl: "http://stub.invalid/beta",
    fetch: async () =>
      new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
  });
  await t.rejects(client.listAssignments(demoConfigurationId), {
    status: 502,
    code: "http502",
    message: "502 Bad Gateway",
    requestId: undefined,
  });
});

t.test(
  "each request gets the token and a fresh client-request-id, echoed by the stub",
  async (t) => {
    const { baseUrl } = await listen(t);
    const seen: Request[] = [];
    let calls = 0;
    const client = createGraphClient({
      baseUrl,
      getAccessToken: async () => `token-${++calls}`,
      fetch: async (input) => {
        const request = input as Request;
        seen.push(request.clone());
        return fetch(request);
      },
    });
    await client.listAssignments(demoConfigurationId);
    await client.listAssignments(demoConfigurationId);
    t.same(
      seen.map((r) => r.headers.get("authorization")),
      ["Bearer token-1", "Bearer token-2"],
    );
    const ids = seen.map((r) => r.headers.get("client-request-id"));
    t.match(ids[0], guid);
    t.not(ids[0], ids[1], "a fresh id per request");

    const { response } = await client.raw.GET(
      "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}/assignments",
      { params: { path: { officeClientConfigurationId: demoConfigurationId } } },
    );
    t.equal(
      response.headers.get("client-request-id"),
      seen.at(-1)?.headers.get("client-request-id"),
    );
  },
);

t.test("the raw openapi-fetch client returns values, validated against the spec", async (t) => {
  const { baseUrl } = await listen(t);
  const client = createGraphClient({ baseUrl, getAccessToken: () => "token" });
  const { data, error, response } = await client.raw.POST(
    "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}/assignments",
    { params: { path: { officeClientConfigurationId: "nope" } }, body: seedRequest },
  );
  t.equal(data, undefined);
  t.equal(error?.error.code, "ResourceNotFound");
  t.equal(response.status, 404);
  const created = await client.raw.POST(
    "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}/assignments",
    {
      params: { path: { officeClientConfigurationId: demoConfigurationId } },
      body: seedRequest,
      parseAs: "stream",
    },
  );
  assertContract(t, "createAssignment", await fromFetch(created.response));
});

t.test("base URLs: the local stub by default, Graph by changing only the base URL", async (t) => {
  t.equal(localStubBaseUrl, "http://127.0.0.1:3000/beta");
  t.equal(graphBetaBaseUrl, "https://graph.microsoft.com/beta");
  const urls: string[] = [];
  const fetchSpy = async (input: Request | string | URL) => {
    urls.push((input as Request).url);
    return Response.json({ "@odata.context": "x", value: [] });
  };
  await createGraphClient({ fetch: fetchSpy as typeof fetch }).listAssignments("a");
  await createGraphClient({
    baseUrl: graphBetaBaseUrl,
    fetch: fetchSpy as typeof fetch,
  }).listAssignments("a");
  t.same(urls, [
    "http://127.0.0.1:3000/beta/officeConfiguration/clientConfigurations/a/assignments",
    "https://graph.microsoft.com/beta/officeConfiguration/clientConfigurations/a/assignments",
  ]);
});

// Judged by `npm run typecheck`, not at run time: each @ts-expect-error fails tsc when the line
// under it compiles.
t.test("types come from the spec: wrong bodies fail `npm run typecheck`", async () => {
  const client = createGraphClient({ fetch: (async () => Response.json({})) as typeof fetch });
  // @ts-expect-error target is required
  const missingTarget: OfficeClientConfigurationAssignmentCreate = {};
  const wrongType: OfficeClientConfigurationAssignmentCreate = {
    // @ts-expect-error an unknown target type
    target: { "@odata.type": "#microsoft.graph.nope" },
  };
  const wrongGroupId: OfficeClientConfigurationAssignmentCreate = {
    target: {
      "@odata.type": "#microsoft.graph.officeConfigurationGroupAssignmentTarget",
      // @ts-expect-error groupId must be a string
      groupId: 1,
    },
  };
  const listPath =
    "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}/assignments";
  // @ts-expect-error the path parameter is required
  await client.raw.GET(listPath, {}).catch(() => undefined);
  const noSuchPath = "/officeConfiguration/clientConfigurations/{id}/nothing";
  // @ts-expect-error no such path in the spec
  await client.raw.GET(noSuchPath).catch(() => undefined);
  void [missingTarget, wrongType, wrongGroupId];
});
