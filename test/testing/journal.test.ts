// Another team's test, as docs/testing.md shows it: their code under test talks to the stub, and
// the test asserts on what it sent (the journal) and on the permissions it needed.
import t from "tap";
import { demoConfigurationId, type GraphClient, startStub } from "../../src/testing/index.js";

/** The "code under test": reads the configuration, then assigns it to a group once. */
async function assignToGroup(client: GraphClient, configurationId: string, groupId: string) {
  const configuration = await client.getClientConfiguration(configurationId);
  return client.addAssignment(String(configuration.id), {
    target: { "@odata.type": "#microsoft.graph.officeConfigurationGroupAssignmentTarget", groupId },
  });
}

/** A report-only job: reads, never writes. */
async function countAssignments(client: GraphClient, configurationId: string) {
  return (await client.listAssignments(configurationId)).value.length;
}

t.test("the journal and the permissions report, through ./testing", async (t) => {
  const stub = await startStub();
  t.teardown(() => stub.close());
  t.beforeEach(() => stub.reset());

  t.test("my code sends exactly one POST with this target", async (t) => {
    await assignToGroup(stub.client, demoConfigurationId, "g-1");
    const posts = stub.requests({ operationId: "createAssignment" });
    t.equal(posts.length, 1, "one create");
    t.match(posts[0], {
      method: "POST",
      path: `/beta/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`,
      status: 201,
      code: null,
      body: { target: { groupId: "g-1" } },
    });
    t.match(posts[0]?.clientRequestId, /^[0-9a-f-]{36}$/, "the client sent its client-request-id");
    t.same(
      stub.requests().map((entry) => `${entry.method} ${entry.operationId} ${entry.status}`),
      ["GET getClientConfiguration 200", "POST createAssignment 201"],
    );
    t.same(stub.permissions().leastPrivileged, {
      delegated: ["DeviceManagementConfiguration.ReadWrite.All"],
      application: ["DeviceManagementConfiguration.ReadWrite.All"],
    });
  });

  t.test("a read-only job needs only DeviceManagementConfiguration.Read.All", async (t) => {
    t.equal(await countAssignments(stub.client, demoConfigurationId), 0);
    t.same(stub.requests({ method: "POST" }), [], "it wrote nothing");
    t.same(stub.permissions(), {
      requests: 1,
      leastPrivileged: {
        delegated: ["DeviceManagementConfiguration.Read.All"],
        application: ["DeviceManagementConfiguration.Read.All"],
      },
      operations: [
        {
          operationId: "listAssignments",
          requests: 1,
          scopes: [
            ["DeviceManagementConfiguration.Read.All"],
            ["DeviceManagementConfiguration.ReadWrite.All"],
          ],
        },
      ],
    });
  });

  t.test("a refusal is in the journal with its Graph error code", async (t) => {
    const before = new Date();
    await stub.client.getAssignment(demoConfigurationId, "missing").catch(() => undefined);
    t.match(stub.requests({ status: 404, since: before }), [
      { operationId: "getAssignment", code: "ResourceNotFound" },
    ]);
    t.same(stub.requests({ since: new Date(Date.now() + 60_000) }), [], "nothing in the future");
  });
});
