// Clients generated from openapi.yaml by two common generators, @hey-api/openapi-ts (fetch
// client) and orval (fetch client), compile under `tsc --strict` together with round-trip code
// written against them (test/helpers/generated-clients/), and that code works against the stub: the seed
// POST (201 and an id), a list cut by the server's page size ($top, $skip, @odata.nextLink) and
// $count.
import { execFile } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import t from "tap";
import { listen } from "../helpers/listen.js";
import { demoConfigurationId, guid } from "../helpers/requests.js";
import { repoRoot, spawnTs } from "../helpers/spawn.js";

const run = promisify(execFile);
const bin = (name: string) => join(repoRoot, "node_modules/.bin", name);
const spec = join(repoRoot, "openapi.yaml");
// Generating and compiling take a while on a shared 2-core machine.
t.setTimeout(240_000);

async function roundTrip(script: string, args: string[]) {
  const child = spawnTs(script, args);
  const [line = "{}"] = await child.waitFor(/^\{.*\}$/m, 60_000);
  await child.exited();
  return JSON.parse(line);
}

t.test("generated clients compile under --strict and do the seed round trip", async (t) => {
  const { baseUrl, app } = await listen(t, { pageSize: 1 });
  const dir = t.testdir();
  await run(
    bin("openapi-ts"),
    ["-i", spec, "-o", join(dir, "hey"), "-c", "@hey-api/client-fetch"],
    {
      cwd: dir,
    },
  );
  // orval writes the base URL into the client it generates.
  const config = {
    graph: {
      input: spec,
      output: { target: join(dir, "orval/client.ts"), client: "fetch", mode: "single", baseUrl },
    },
  };
  writeFileSync(join(dir, "orval.config.cjs"), `module.exports = ${JSON.stringify(config)};\n`);
  await run(bin("orval"), ["--config", join(dir, "orval.config.cjs")], { cwd: dir });
  for (const name of ["hey-api.ts", "orval.ts"]) {
    copyFileSync(join(repoRoot, "test/helpers/generated-clients", name), join(dir, name));
  }

  const compiled = await run(
    bin("tsc"),
    [
      "--strict",
      "--noEmit",
      "--skipLibCheck",
      "--target",
      "es2022",
      "--module",
      "esnext",
      "--moduleResolution",
      "bundler",
      "--lib",
      "es2022,dom",
      join(dir, "hey-api.ts"),
      join(dir, "orval.ts"),
    ],
    { cwd: dir },
  ).then(
    () => "",
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  t.equal(compiled, "", "tsc --strict: no errors");

  const scripts: [string, string[]][] = [
    ["hey-api.ts", [baseUrl, demoConfigurationId]],
    ["orval.ts", [demoConfigurationId]],
  ];
  for (const [name, args] of scripts) {
    app.resetStub();
    const result = await roundTrip(join(dir, name), args);
    const stored = [...(app.store.listAssignments(demoConfigurationId) ?? [])].map((a) => a.id);
    t.same(result.statuses, [201, 201, 200, 200, 200], `${name}: statuses`);
    t.same(result.createdIds, stored, `${name}: the ids the stub stored`);
    t.match(result.createdIds, [guid, guid]);
    t.same(result.pageIds, stored, `${name}: a page of one, then the next`);
    t.match(result.nextLink, /\/assignments\?/, `${name}: the first page was cut`);
    // orval's fetch client JSON.parses every body it gets, text/plain too, so its $count (a
    // string by its own types) arrives as a number (docs/client.md).
    t.equal(result.counted, name === "orval.ts" ? 2 : "2", `${name}: $count`);
  }
});
