// Microsoft's Graph JS SDK batching against the stub: BatchRequestContent builds the batch,
// in serial form (each step depends on the one before: the SDK allows no other chains),
// the client posts it to /$batch, BatchResponseContent reads each response by id. The steps'
// URLs carry no version (the SDK strips only scheme and host: reference §7).
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
} from "@microsoft/microsoft-graph-client";
import t from "tap";
import { listen } from "../helpers/listen.js";
import { demoConfigurationId, guid, seedRequest, seedResponse } from "../helpers/requests.js";

const assignments = `https://graph.microsoft.com/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`;

t.test("BatchRequestContent → /$batch → BatchResponseContent", async (t) => {
  // Over plain HTTP the SDK sends no token, so the stub takes none here.
  const { origin, app } = await listen(t, { auth: "none" });
  const client = Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => "" },
    baseUrl: `${origin}/`,
    defaultVersion: "beta",
  });
  const batch = new BatchRequestContent([
    {
      id: "add",
      request: new Request(assignments, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(seedRequest),
      }),
    },
    { id: "count", request: new Request(`${assignments}/$count`), dependsOn: ["add"] },
    { id: "missing", request: new Request(`${assignments}/missing`), dependsOn: ["count"] },
    { id: "after", request: new Request(assignments), dependsOn: ["missing"] },
  ]);
  const content = await batch.getContent();
  t.match(content, { requests: [{ id: "add", url: /^\/officeConfiguration\// }] });
  const responses = new BatchResponseContent(await client.api("/$batch").post(content));

  const added = responses.getResponseById("add");
  t.equal(added.status, 201);
  t.match(await added.json(), { ...seedResponse, id: guid });
  t.match(added.headers.get("location"), `${origin}/beta/officeConfiguration/`, "the batch's host");
  const count = responses.getResponseById("count");
  t.equal(count.status, 200);
  t.equal(await count.text(), "1", "$count after the POST it depends on");
  const missing = responses.getResponseById("missing");
  t.equal(missing.status, 404);
  t.match(await missing.json(), { error: { code: "ResourceNotFound" } });
  const after = responses.getResponseById("after");
  t.equal(after.status, 424);
  t.match(await after.json(), { error: { code: "FailedDependency" } });
  t.equal(app.store.countAssignments(demoConfigurationId), 1);
});
