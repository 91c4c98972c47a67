// Bench child: what a team's test file pays for the testing helpers, in a fresh process. Prints
// one JSON line: the ms of `import("./testing")` plus the first startStub(), and of each further
// startStub() (each stub is closed before the next starts; closing is not timed).
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { further: { type: "string", default: "10" } } });
const started = performance.now();
// The package's ./testing export, as built (dist/src/testing/index.js).
const { startStub } = await import("../../src/testing/index.js");
const first = await startStub();
const firstMs = performance.now() - started;
await first.close();
const furtherMs: number[] = [];
for (let index = 0; index < Number(values.further); index++) {
  const before = performance.now();
  const stub = await startStub();
  furtherMs.push(performance.now() - before);
  await stub.close();
}
console.log(JSON.stringify({ firstMs, furtherMs }));
