// --data FILE with real server processes: what was written is there after a clean stop
// (SIGTERM, SIGINT) and a restart.
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

t.test("what was written is there after SIGTERM and a restart", async (t) => {
  const data = `${t.testdir()}/stub.db`;
  const first = await start(t, data);
  const { id } = await create(configurations(first.origin), configurationBody("Survivor"));
  t.ok(id, "created");
  const assignmentIds = [];
  for (let i = 0; i < 3; i++) {
    assignmentIds.push(
      (await create(`${configurations(first.origin)}/${id}/assignments`, assignmentBody)).id,
    );
  }
  const before = await exported(first.origin);
  first.server.child.kill("SIGTERM");
  t.equal(await first.server.exited(), 0, "SIGTERM closes the server and the file cleanly");

  const second = await start(t, data);
  const after = await exported(second.origin);
  t.same(after, before, "the same state, the demo configuration not seeded twice");
  t.match(after.clientConfigurations, [
    { id: demoConfigurationId },
    { id, displayName: "Survivor", assignments: assignmentIds.map((a) => ({ id: a })) },
  ]);
  const res = await fetch(`${configurations(second.origin)}/${id}`, {
    headers: { authorization: "Bearer local-dev-token" },
  });
  t.equal(res.status, 200, "served from the file");

  second.server.child.kill("SIGINT");
  t.equal(await second.server.exited(), 0);
  const third = await start(t, data);
  t.same(await exported(third.origin), before, "and again after SIGINT");
});
