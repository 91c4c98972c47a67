// Round trip with the client orval generates from openapi.yaml (into ./orval, fetch client), as a
// team would write it: the seed POST twice, a page cut by the server and the next, $count. Prints one JSON line.

import type { OfficeClientConfigurationAssignmentCreate } from "./orval/client";
import { countAssignments, createAssignment, listAssignments } from "./orval/client";

const [officeClientConfigurationId = ""] = process.argv.slice(2);
const init = { headers: { Authorization: "Bearer local-dev-token" } };
const body: OfficeClientConfigurationAssignmentCreate = {
  "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
  target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
};

const created = await createAssignment(officeClientConfigurationId, body, init);
const again = await createAssignment(officeClientConfigurationId, body, init);
const first = await listAssignments(officeClientConfigurationId, { $top: 2 }, init);
const second = await listAssignments(officeClientConfigurationId, { $top: 1, $skip: 1 }, init);
const count = await countAssignments(officeClientConfigurationId, {}, init);
// Narrowed by status, typed by the spec: $count is a string of digits, items have an id.
const idOf = (reply: typeof created) => (reply.status === 201 ? reply.data.id : undefined);
const pageIds = [first, second].flatMap((page) =>
  page.status === 200 ? page.data.value.map((item) => item.id) : [],
);
const counted: string | undefined = count.status === 200 ? count.data : undefined;
console.log(
  JSON.stringify({
    statuses: [created, again, first, second, count].map((reply) => reply.status),
    createdIds: [idOf(created), idOf(again)],
    pageIds,
    nextLink: first.status === 200 ? first.data["@odata.nextLink"] : undefined,
    counted,
  }),
);
