// A stub server process on a data file, for the durability tests, and the requests they send.
import type { Fixtures } from "../../src/stub/fixtures.js";
import { json } from "./requests.js";
import { type Spawned, spawnTs } from "./spawn.js";

type Test = { teardown(fn: () => unknown): void };

/** `npm start -- --data FILE` on a free port, killed when the test ends. */
export async function startOnData(
  t: Test,
  data: string,
): Promise<{ server: Spawned; origin: string }> {
  const args = ["--port", "0", "--log-level", "silent", "--data", data];
  // direct: the tests' signals reach the server process itself, SIGKILL included.
  const server = spawnTs("src/stub/server.ts", args, undefined, { direct: true });
  t.teardown(() => server.child.kill("SIGKILL"));
  const [, origin = ""] = await server.waitFor(/base URL\s+(http:\/\/127\.0\.0\.1:\d+)\/beta/);
  return { server, origin };
}

export async function exported(origin: string): Promise<Fixtures> {
  return (await (await fetch(`${origin}/_stub/export`)).json()) as Fixtures;
}

export const configurations = (origin: string) =>
  `${origin}/beta/officeConfiguration/clientConfigurations`;

/** POSTs `body`: its status, and the new id when the server acknowledged it with 201. */
export async function create(url: string, body: object): Promise<{ status: number; id?: string }> {
  const res = await fetch(url, { method: "POST", headers: json, body: JSON.stringify(body) });
  if (res.status !== 201) return { status: res.status };
  return { status: res.status, id: ((await res.json()) as { id: string }).id };
}

export const assignmentBody = {
  target: {
    "@odata.type": "#microsoft.graph.officeConfigurationGroupAssignmentTarget",
    groupId: "3f2b8a61-5f0e-4c7a-9d1b-2a6c4e8f0b13",
  },
};
export const configurationBody = (displayName: string) => ({
  "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
  displayName,
});
