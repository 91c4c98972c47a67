// --data FILE with a real server process: kill -9 in the middle of a load of concurrent writes
// loses none that the server acknowledged.
import t from "tap";
import {
  assignmentBody,
  configurationBody,
  configurations,
  create,
  exported,
  startOnData as start,
} from "../helpers/data-server.js";
import { demoConfigurationId } from "../helpers/requests.js";

t.test("kill -9 mid-load: every write acknowledged with 201 is there after restart", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const first = await start(t, data);
  const base = configurations(first.origin);
  const acknowledged = { assignments: [] as string[], configurations: [] as string[] };
  const killAfter = 150;
  let killed = false;
  let cutOff = 0;
  const unexpected: number[] = [];

  // 8 writers, each posting one after another until the server goes away; the kill comes
  // while the others still have requests in flight.
  const writer = async (n: number) => {
    for (let i = 0; i < 500; i++) {
      let reply: { status: number; id?: string };
      try {
        reply =
          n % 2 === 0
            ? await create(`${base}/${demoConfigurationId}/assignments`, assignmentBody)
            : await create(base, configurationBody(`w${n}-${i}`));
      } catch {
        cutOff++; // the server is gone: this reply never came
        return;
      }
      if (reply.id === undefined) {
        unexpected.push(reply.status);
        continue;
      }
      (n % 2 === 0 ? acknowledged.assignments : acknowledged.configurations).push(reply.id);
      if (
        !killed &&
        acknowledged.assignments.length + acknowledged.configurations.length >= killAfter
      ) {
        killed = true;
        first.server.child.kill("SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, n) => writer(n)));
  t.ok(killed, "the server was killed mid-load");
  t.equal(cutOff, 8, "every writer was still writing when it died");
  t.same(unexpected, [], "every reply before the kill was a 201");
  t.equal(await first.server.exited(), null, "killed by a signal, with no chance to clean up");

  const second = await start(t, data);
  const state = await exported(second.origin);
  const demo = state.clientConfigurations.find((c) => c.id === demoConfigurationId);
  const kept = new Set((demo?.assignments ?? []).map((a) => a.id));
  const missing = acknowledged.assignments.filter((id) => !kept.has(id));
  t.same(missing, [], `all ${acknowledged.assignments.length} acknowledged assignments are kept`);
  const keptConfigurations = new Set(state.clientConfigurations.map((c) => c.id));
  t.same(
    acknowledged.configurations.filter((id) => !keptConfigurations.has(id)),
    [],
    `all ${acknowledged.configurations.length} acknowledged configurations are kept`,
  );
  t.equal(kept.size, demo?.assignments?.length, "assignment ids are unique");
  const priorities = state.clientConfigurations.map((c) => c.priority);
  t.equal(new Set(priorities).size, priorities.length, "priorities are unique");

  // The file is in a good state for more writes.
  const after = await create(
    `${configurations(second.origin)}/${demoConfigurationId}/assignments`,
    assignmentBody,
  );
  t.equal(after.status, 201, "the file takes more writes");
});
