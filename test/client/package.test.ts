// The standalone client package, as another team gets it: built and packed from this repository
// into a temp dir, its tarball installed into an empty project, then imported by plain Node
// against a listening stub. Proves the install pulls openapi-fetch alone (no Fastify, no native
// build, <= 2 MB) and that the types are right for ESM under node16 and bundlers.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import t, { type Test } from "tap";
import { listen } from "../helpers/listen.js";
import { diskBytes, emptyProject, installedPackages, node, npm, tempDir } from "../helpers/npm.js";
import { demoConfigurationId, guid, seedRequest, seedResponse } from "../helpers/requests.js";
import { repoRoot } from "../helpers/spawn.js";

// Building, packing and installing take seconds each; on a busy machine more than tap's default.
t.setTimeout(180_000);

const name = "graph-officeconfiguration-client";
const temp = tempDir(t, "client-package-");
const packageDir = join(temp, "package");
const project = join(temp, "project");

await node(
  [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/client-package.ts", packageDir],
  repoRoot,
);
const packed: { filename: string; size: number; files: { path: string }[] }[] = JSON.parse(
  (await npm(["pack", packageDir, "--json", "--pack-destination", temp], temp)).stdout,
);
const [tarball] = packed;
if (!tarball) throw new Error("npm pack reported no tarball");
const tarballPath = join(temp, tarball.filename);

// An empty project, as a team would start one. --prefer-offline: openapi-fetch is in the npm
// cache after `npm ci`; the registry is asked only when it is not.
mkdirSync(project);
writeFileSync(join(project, "package.json"), emptyProject);
await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", tarballPath], project);
const nodeModules = join(project, "node_modules");

/** openapi-fetch and, transitively, what its installed package.json says it depends on. */
function closure(dep: string, seen = new Set<string>()): Set<string> {
  if (seen.has(dep)) return seen;
  seen.add(dep);
  const manifest = JSON.parse(readFileSync(join(nodeModules, dep, "package.json"), "utf8"));
  for (const sub of Object.keys(manifest.dependencies ?? {})) closure(sub, seen);
  return seen;
}

t.test(
  "the tarball holds the compiled client, the generated types and a package.json",
  async (t) => {
    t.same(tarball.files.map((file) => file.path).sort(), [
      "README.md",
      "generated/schema.d.ts",
      "generated/schema.js",
      "package.json",
      "src/client/errors.d.ts",
      "src/client/errors.js",
      "src/client/index.d.ts",
      "src/client/index.js",
      "src/client/paging.d.ts",
      "src/client/paging.js",
    ]);
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    t.equal(manifest.name, name);
    t.equal(manifest.type, "module");
    t.same(
      Object.keys(manifest.dependencies),
      ["openapi-fetch"],
      "openapi-fetch is its only dependency",
    );
    t.same(manifest.exports["."], {
      types: "./src/client/index.d.ts",
      default: "./src/client/index.js",
    });
    t.comment(`tarball ${tarball.filename}: ${tarball.size} bytes`);
  },
);

t.test("installed alone, it brings openapi-fetch and its dependencies, nothing else", async (t) => {
  const installed = await installedPackages(project);
  t.same(
    [...new Set(installed)].sort(),
    [name, ...closure("openapi-fetch")].sort(),
    "the dependency tree",
  );
  t.notOk(installed.includes("fastify"), "no Fastify");
  t.notOk(installed.includes("better-sqlite3"), "no better-sqlite3");
  const withScripts = readdirSync(nodeModules, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith("package.json") || path.endsWith("binding.gyp"))
    .filter((path) => {
      if (path.endsWith("binding.gyp")) return true;
      const scripts = JSON.parse(readFileSync(join(nodeModules, path), "utf8")).scripts ?? {};
      return ["preinstall", "install", "postinstall"].some((hook) => hook in scripts);
    });
  t.same(withScripts, [], "no install scripts and no native build");
  t.comment(`${installed.length} packages: ${installed.join(", ")}`);
});

t.test("node_modules takes at most 2 MB on disk", async (t) => {
  const bytes = diskBytes(nodeModules);
  t.ok(bytes <= 2 * 1024 * 1024, `${bytes} bytes on disk`);
  t.comment(`node_modules: ${(bytes / 1024).toFixed(0)} KiB on disk`);
});

t.test("Are the Types Wrong? finds no problem for ESM under node16 and bundlers", async (t) => {
  const attw = join(repoRoot, "node_modules/@arethetypeswrong/cli/dist/index.js");
  // attw exits 1 on a problem (execFile then rejects), but also exits 0 when it finds no types.
  const { stdout } = await node(
    [attw, tarballPath, "--profile", "esm-only", "--format", "json"],
    project,
  );
  const { analysis } = JSON.parse(stdout);
  t.same(analysis.types, { kind: "included" }, "the package ships its own types");
  for (const kind of ["node16-esm", "bundler"]) {
    t.equal(
      analysis.entrypoints["."].resolutions[kind].resolution.fileName,
      `/node_modules/${name}/src/client/index.d.ts`,
      `${kind} resolves the package to its declarations`,
    );
  }
  // The esm-only profile sets aside the CommonJS-only resolutions (node10, node16 from CJS):
  // CommonJS callers use import() or require(esm), see docs/client.md.
  const problems = analysis.problems.filter(
    (problem: { resolutionKind?: string }) =>
      problem.resolutionKind !== "node10" && problem.resolutionKind !== "node16-cjs",
  );
  t.same(problems, [], "no problem under node16 (ESM) or bundler");
});

const script = `
const { createGraphClient, GraphApiError } = CLIENT;
const graph = createGraphClient({ baseUrl: process.env.BASE_URL, getAccessToken: () => "local-dev-token" });
const id = process.env.CONFIGURATION_ID;
const created = await graph.addAssignment(id, JSON.parse(process.env.SEED_REQUEST));
const listed = (await graph.listAssignments(id)).value.map((assignment) => assignment.id);
const missing = await graph.getAssignment(id, "missing").catch((error) => ({
  isGraphApiError: error instanceof GraphApiError, status: error.status, code: error.code,
}));
console.log(JSON.stringify({ created, listed, missing }));
`;

async function assertSeedRoundTrip(t: Test, args: (baseUrl: string) => string[]) {
  const { app, baseUrl } = await listen(t);
  const { stdout } = await node(args(baseUrl), project, {
    BASE_URL: baseUrl,
    CONFIGURATION_ID: demoConfigurationId,
    SEED_REQUEST: JSON.stringify(seedRequest),
  });
  const { created, listed, missing } = JSON.parse(stdout);
  const { id, "@odata.context": context, ...rest } = created;
  t.match(id, guid);
  t.same(rest, seedResponse, "the seed's example response, field for field");
  t.match(context, `('${demoConfigurationId}')/assignments/$entity`);
  t.same(listed, [id], "the list has it");
  t.same(missing, { isGraphApiError: true, status: 404, code: "ResourceNotFound" });
  const stored = await app.inject({
    url: `/beta/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments/${id}`,
    headers: { authorization: "Bearer local-dev-token" },
  });
  t.equal(stored.statusCode, 200, "the stub stored it");
}

t.test("ESM: import from the installed package calls a listening stub (the seed POST)", (t) =>
  assertSeedRoundTrip(t, () => [
    "--input-type=module",
    "-e",
    `import * as client from "${name}";\n${script.replace("CLIENT", "client")}`,
  ]),
);

t.test("CommonJS: await import() loads it on any supported Node", (t) =>
  assertSeedRoundTrip(t, () => [
    "-e",
    `(async () => {\nconst client = await import("${name}");\n${script.replace("CLIENT", "client")}})();`,
  ]),
);

// require(esm) needs no flag from Node 20.19 and 22.12; docs/client.md says so.
t.test(
  "CommonJS: require() loads it where Node supports require(esm)",
  { skip: process.features.require_module ? false : "this Node cannot require() ES modules" },
  (t) =>
    assertSeedRoundTrip(t, () => [
      "-e",
      `const client = require("${name}");\n(async () => {${script.replace("CLIENT", "client")}})();`,
    ]),
);
