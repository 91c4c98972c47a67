// The example of docs/testing.md, as another team would write it, plus the details.
import t from "tap";
import { demoConfigurationId, GraphApiError, startStub } from "../../src/testing/index.js";

t.test("the docs example: start, use the typed client, reset, close", async (t) => {
  const stub = await startStub();
  t.teardown(() => stub.close());

  t.beforeEach(() => stub.reset());

  t.test("adding an assignment", async (t) => {
    const created = await stub.client.addAssignment(demoConfigurationId, {
      target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
    });
    const { value } = await stub.client.listAssignments(demoConfigurationId);
    t.same(
      value.map((assignment) => assignment.id),
      [created.id],
    );
  });

  t.test("starts from the fixtures again", async (t) => {
    const { value } = await stub.client.listAssignments(demoConfigurationId);
    t.same(value, []);
  });

  t.test("errors are GraphApiError with Graph's code", async (t) => {
    const error = await stub.client.getAssignment(demoConfigurationId, "missing").catch((e) => e);
    t.ok(error instanceof GraphApiError);
    t.equal(error.status, 404);
    t.equal(error.code, "ResourceNotFound");
  });
});

t.test("given fixtures, a token, and the base URL for your own code", async (t) => {
  const stub = await startStub({
    fixtures: {
      clientConfigurations: [
        {
          "@odata.type": "#microsoft.graph.windowsOfficeClientSecurityConfiguration",
          id: "team-config",
          displayName: "Team",
          assignments: [
            {
              id: "a1",
              target: {
                "@odata.type": "#microsoft.graph.officeConfigurationGroupAssignmentTarget",
                groupId: "g1",
              },
            },
          ],
        },
      ],
    },
    token: "my-team-token",
  });
  t.teardown(() => stub.close());
  t.match(stub.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/beta$/);
  t.equal(stub.baseUrl, `${stub.origin}/beta`);
  const configuration = await stub.client.getClientConfiguration("team-config");
  t.equal(configuration.displayName, "Team");
  const response = await fetch(
    `${stub.baseUrl}/officeConfiguration/clientConfigurations/team-config/assignments/a1`,
    { headers: { authorization: "Bearer anything" } },
  );
  t.equal(response.status, 200);
  t.match(await response.json(), { id: "a1", target: { groupId: "g1" } });
  await stub.client.addAssignment("team-config", {
    target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
  });
  t.equal((await stub.client.listAssignments("team-config")).value.length, 2);
  stub.reset();
  t.equal(
    (await stub.client.listAssignments("team-config")).value.length,
    1,
    "reset keeps fixtures",
  );
  t.equal(stub.app.store.getConfiguration(demoConfigurationId), undefined, "only your fixtures");
});

t.test("self-check is on by default in the testing helpers, and can be turned off", async (t) => {
  // A stored entity the spec does not allow (priority is an int32): only a stub that checks its
  // own replies refuses to send it.
  const broken = JSON.parse(
    `{"@odata.type":"#microsoft.graph.windowsOfficeClientConfiguration","id":"${demoConfigurationId}","priority":2147483648}`,
  );
  const checked = await startStub();
  t.teardown(() => checked.close());
  checked.app.store.replaceConfiguration(broken);
  const error = await checked.client.getClientConfiguration(demoConfigurationId).catch((e) => e);
  t.equal(error.status, 500, "on by default: the reply that breaks the spec is not sent");
  t.equal(error.code, "generalException");
  t.match(error.message, /violated openapi\.yaml/);

  const unchecked = await startStub({ selfCheck: false });
  t.teardown(() => unchecked.close());
  unchecked.app.store.replaceConfiguration(broken);
  const sent = await unchecked.client.raw.GET(
    "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}",
    { params: { path: { officeClientConfigurationId: demoConfigurationId } } },
  );
  t.equal(sent.response.status, 200, "off: the reply goes out as it is");
});

t.test("options reach the app", async (t) => {
  const stub = await startStub({ auth: "jwt" });
  t.teardown(() => stub.close());
  const error = await stub.client.listAssignments(demoConfigurationId).catch((e) => e);
  t.equal(error.status, 401, "--auth jwt refuses the opaque token");
});

t.test("reset() also drops queued faults, as POST /_stub/reset does", async (t) => {
  const stub = await startStub();
  t.teardown(() => stub.close());
  const queued = await fetch(`${stub.origin}/_stub/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: 503, count: 2 }),
  });
  t.equal(queued.status, 204);
  const list = `${stub.baseUrl}/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`;
  const failed = await fetch(list, { headers: { authorization: "Bearer test-token" } });
  t.equal(failed.status, 503, "the first queued fault is served");
  stub.reset();
  const { value } = await stub.client.listAssignments(demoConfigurationId);
  t.same(value, [], "after reset(), the second queued fault is gone");
});
