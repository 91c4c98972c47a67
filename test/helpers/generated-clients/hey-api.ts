// Round trip with the client @hey-api/openapi-ts generates from openapi.yaml (into ./hey), as a
// team would write it: the seed POST twice, a page cut by the server and the next, $count. Prints one JSON line.
import { createClient } from "./hey/client";
import { countAssignments, createAssignment, listAssignments } from "./hey/sdk.gen";
import type { OfficeClientConfigurationAssignmentCreate } from "./hey/types.gen";

const [baseUrl = "", officeClientConfigurationId = ""] = process.argv.slice(2);
const client = createClient({ baseUrl, auth: () => "local-dev-token" });
const path = { officeClientConfigurationId };
const body: OfficeClientConfigurationAssignmentCreate = {
  "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
  target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
};

const created = await createAssignment({ client, path, body });
const again = await createAssignment({ client, path, body });
const first = await listAssignments({ client, path, query: { $top: 2 } });
const second = await listAssignments({ client, path, query: { $top: 1, $skip: 1 } });
const count = await countAssignments({ client, path });
// Typed by the spec: $count is a string of digits, a page's items have an id.
const counted: string | undefined = count.data;
const pageIds: (string | undefined)[] = [first, second].flatMap((page) =>
  (page.data?.value ?? []).map((item) => item.id),
);
console.log(
  JSON.stringify({
    statuses: [created, again, first, second, count].map((reply) => reply.response.status),
    createdIds: [created.data?.id, again.data?.id],
    pageIds,
    nextLink: first.data?.["@odata.nextLink"],
    counted,
  }),
);
