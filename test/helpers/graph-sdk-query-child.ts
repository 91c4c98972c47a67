// Runs in a child process (NODE_EXTRA_CA_CERTS must be set before Node starts): the everyday
// query patterns of Microsoft's Graph SDK against the stub over --https (issue 11): PageIterator
// with .top(), .expand() and .select() on one entity, $count with .filter(), the key syntax.
// Prints one JSON line.
import { Client, PageIterator, ResponseType } from "@microsoft/microsoft-graph-client";

const [origin = "", configurationId = ""] = process.argv.slice(2);
const client = Client.initWithMiddleware({
  authProvider: { getAccessToken: async () => process.env.SDK_TOKEN ?? "" },
  baseUrl: `${origin}/`,
  defaultVersion: "beta",
  customHosts: new Set([new URL(origin).hostname]),
});
const configurations = "/officeConfiguration/clientConfigurations";

const first = await client.api(configurations).top(3).select("displayName").get();
const paged: string[] = [];
const iterator = new PageIterator(client, first, (item: { id: string }) => {
  paged.push(item.id);
  return true;
});
await iterator.iterate();

const expanded = await client
  .api(`${configurations}/${configurationId}`)
  .expand("assignments")
  .get();
const selected = await client
  .api(`${configurations}/${configurationId}`)
  .select(["displayName"])
  .get();
const keyed = await client.api(`${configurations}('${configurationId}')`).get();
const counted = await client
  .api(`${configurations}/$count`)
  .filter("startsWith(displayName,'Paged')")
  .responseType(ResponseType.TEXT)
  .get();

console.log(
  JSON.stringify({
    firstPage: { size: first.value.length, nextLink: first["@odata.nextLink"] },
    paged,
    expanded: expanded.assignments.map((assignment: { id: string }) => assignment.id),
    selectedKeys: Object.keys(selected),
    keyed: keyed.id,
    counted,
  }),
);
