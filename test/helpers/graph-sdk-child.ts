// Runs in a child process (NODE_EXTRA_CA_CERTS must be set before Node starts): Graph code as a
// team writes it with Microsoft's SDK, pointed at the stub by its base URL. Prints one JSON line.
import { Client, GraphError } from "@microsoft/microsoft-graph-client";

const [origin = "", configurationId = ""] = process.argv.slice(2);
const client = Client.initWithMiddleware({
  authProvider: { getAccessToken: async () => process.env.SDK_TOKEN ?? "" },
  baseUrl: `${origin}/`,
  defaultVersion: "beta",
  // The SDK attaches the token only to Graph's hosts and these, and only over https.
  customHosts: new Set([new URL(origin).hostname]),
});

async function outcome(call: () => Promise<unknown>) {
  try {
    return { ok: true, body: await call() };
  } catch (error) {
    const e = error as GraphError;
    return {
      ok: false,
      graphError: e instanceof GraphError,
      statusCode: e.statusCode,
      code: e.code,
    };
  }
}

const created = await outcome(() =>
  client.api(`/officeConfiguration/clientConfigurations/${configurationId}/assignments`).post({
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
  }),
);
const missing = await outcome(() =>
  client
    .api(`/officeConfiguration/clientConfigurations/${configurationId}/assignments/missing`)
    .get(),
);
console.log(JSON.stringify({ created, missing }));
