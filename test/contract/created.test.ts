// What a contract run creates on the target: removed at the end (the default), kept and listed
// with --keep, and listed with the reason when it cannot be removed.
import t from "tap";
import { graphOperations } from "../../src/contract/operations.js";
import { runContract } from "../../src/contract/run.js";
import { check } from "../helpers/contract-cli.js";
import { listen } from "../helpers/listen.js";
import { brokenProxy } from "../helpers/proxy.js";

const headers = { authorization: "Bearer local-dev-token" };

/** The ids of every configuration on the target, with the ids of their assignments. */
async function inventory(baseUrl: string): Promise<string[]> {
  const list = await fetch(`${baseUrl}/officeConfiguration/clientConfigurations?$top=999`, {
    headers,
  });
  const { value } = (await list.json()) as { value: { id: string }[] };
  const ids: string[] = [];
  for (const { id } of value) {
    const url = `${baseUrl}/officeConfiguration/clientConfigurations/${id}/assignments`;
    const assignments = (await (await fetch(url, { headers })).json()) as {
      value: { id: string }[];
    };
    ids.push(id, ...assignments.value.map((assignment) => `${id}/${assignment.id}`));
  }
  return ids.sort();
}

t.test("by default the run deletes what it created: the target ends as it began", async (t) => {
  const { baseUrl } = await listen(t);
  const before = await inventory(baseUrl);
  const { code, output } = await check(baseUrl);
  t.equal(code, 0);
  const created = output.match(/^Created (\d+) entities on the target and removed them all\.$/m);
  t.ok(created && Number(created[1]) > 10, `created and removed: ${created?.[1]}`);
  t.same(await inventory(baseUrl), before, "no configuration or assignment left");
});

t.test("--keep leaves them and lists each one, readable at its URL", async (t) => {
  const { baseUrl } = await listen(t);
  const before = await inventory(baseUrl);
  const { code, output } = await check(baseUrl, ["--keep", "--operation", "createAssignment"]);
  t.equal(code, 0);
  const listed = [...output.matchAll(/^ {2}(http\S+) \((\w+); kept \(--keep\)\)$/gm)];
  const count = output.match(/^Created (\d+) entities on the target; (\d+) left there:$/m);
  t.ok(count && count[1] === count[2] && Number(count[1]) === listed.length, "all listed");
  t.same(
    new Set(listed.map((match) => match[2])),
    new Set(["createAssignment", "createClientConfiguration"]),
  );
  for (const [, url] of listed) {
    t.equal((await fetch(url as string, { headers })).status, 200, `${url} is there`);
  }
  t.equal((await inventory(baseUrl)).length, before.length + listed.length);
});

t.test("what cannot be removed is listed with the reason", async (t) => {
  const { origin } = await listen(t);
  // DELETEs of configurations answer 403; DELETEs of assignments get no reply.
  const proxy = await brokenProxy(
    t,
    origin,
    (x) => (x.method === "DELETE" && x.status === 204 ? { ...x, status: 403 } : x),
    (method, url) => (method === "DELETE" && url.includes("/assignments/") ? "destroy" : undefined),
  );
  const { code, output } = await check(`${proxy}/beta`, ["--operation", "createAssignment"]);
  t.equal(code, 0, "cleaning up is not a contract case");
  t.match(
    output,
    /^ {2}http\S+\/assignments\/\S+ \(createAssignment; DELETE got no reply: connection closed by the server/m,
  );
  t.match(
    output,
    /^ {2}http\S+\/clientConfigurations\/[^/\s]+ \(createClientConfiguration; DELETE answered 403\)$/m,
  );

  // A spec without DELETE operations: nothing can be removed.
  const report = await runContract({
    baseUrl: `${origin}/beta`,
    seed: 5,
    cases: 1,
    only: ["createClientConfiguration"],
    operations: graphOperations.filter((info) => info.method !== "delete"),
  });
  t.ok(report.created.length > 0);
  t.ok(
    report.created.every(
      (entity) => !entity.removed && entity.left === "the spec has no DELETE for it",
    ),
  );
});
