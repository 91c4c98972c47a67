// Bench target: the stub with default options and production logging, its store preloaded
// in-process with N assignments of the seed's shape, each built as a POST builds it (the body
// parsed from JSON text, then newAssignment: a server GUID, the target as sent). Prints
// `base URL …` like `npm start`.
// Run with --expose-gc so that the loading garbage is collected before RSS is read.
import { parseArgs } from "node:util";
import { buildApp } from "../../src/stub/app.js";
import { type AssignmentCreate, newAssignment } from "../../src/stub/entities.js";
import { demoConfigurationId, demoFixtures, loadFixtures } from "../../src/stub/fixtures.js";
import { MemoryStore } from "../../src/stub/store/memory.js";

const { values } = parseArgs({ options: { assignments: { type: "string", default: "0" } } });
const count = Number(values.assignments);
if (!Number.isInteger(count) || count < 0) throw new Error("--assignments must be an integer");

const seedBody = JSON.stringify({
  "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
  target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
});
const store = new MemoryStore();
loadFixtures(demoFixtures, store);
const started = performance.now();
for (let index = 0; index < count; index++) {
  const added = store.createAssignment(
    demoConfigurationId,
    newAssignment(JSON.parse(seedBody) as AssignmentCreate),
  );
  if (!added.ok) throw new Error(`assignment ${index}: ${added.reason}`);
}
const loadMs = performance.now() - started;
(globalThis as { gc?: () => void }).gc?.();

const app = await buildApp({ store });
const address = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`preloaded ${count} assignments in ${Math.round(loadMs)} ms`);
console.log(`base URL    ${address}/beta`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    app.close().finally(() => process.exit(0));
  });
}
