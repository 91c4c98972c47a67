// The main package as it ships and starts: its tarball holds only what runs, `npm start` runs
// the compiled server and stops with it, and the installed package's bin starts the stub.
// Runs what `npm run build` left in dist/ (npm test builds before tap).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import t, { type Test } from "tap";
import {
  childEnv,
  diskBytes,
  emptyProject,
  installedPackages,
  npm,
  tempDir,
} from "./helpers/npm.js";
import { demoConfigurationId, json, seedRequest } from "./helpers/requests.js";
import { repoRoot } from "./helpers/spawn.js";

t.setTimeout(180_000);

interface Manifest {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
}
const manifest: Manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
const stubBin = "graph-officeconfiguration-stub";

/** Resolves with the first match of `pattern` in the child's output; rejects after `ms`. */
function waitFor(child: ChildProcess, pattern: RegExp, ms = 30_000): Promise<RegExpExecArray> {
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${output}`)), ms);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = pattern.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
  });
}

/**
 * Starts `command`, waits for the stub's base URL, sends the seed POST, then SIGTERMs `command`'s
 * own process (as `kill $!` would) and checks the server is gone once it has exited.
 */
async function startSeedAndKill(t: Test, command: string, args: string[], cwd: string) {
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  const exited = once(child, "exit");
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  t.teardown(() => child.kill("SIGKILL"));
  const [, origin] = await waitFor(child, /base URL\s+(http:\/\/\S+)\/beta/);
  const created = await fetch(
    `${origin}/beta/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`,
    { method: "POST", headers: json, body: JSON.stringify(seedRequest) },
  );
  t.equal(created.status, 201, "the seed POST is created");

  child.kill("SIGTERM");
  const [code, signal] = await Promise.race([
    exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("did not exit within 30 s")), 30_000).unref(),
    ),
  ]);
  t.ok(code === 0 || signal === "SIGTERM", `exited (code ${code}, signal ${signal})`);
  const listening = await fetch(`${origin}/beta`).then(
    () => true,
    () => false,
  );
  t.notOk(listening, "nothing listens on the port any more");
  // The bug this guards against: the server outlived `command`. End it by the pid its log line
  // names, so no stray process keeps the port.
  const pid = Number(/"pid":(\d+)/.exec(output)?.[1]);
  if (listening && pid) process.kill(pid, "SIGKILL");
}

t.test("the tarball ships only what runs: no sources, scripts, tests or tsconfig", async (t) => {
  // --ignore-scripts: pack what the build left, without rebuilding dist/ under other tests.
  const { stdout } = await npm(["pack", "--dry-run", "--json", "--ignore-scripts"], repoRoot);
  const [packed]: { files: { path: string }[]; size: number; entryCount: number }[] =
    JSON.parse(stdout);
  const paths = packed?.files.map((file) => file.path) ?? [];
  t.same(
    paths.filter(
      (path) => !/^(dist\/(src|generated)\/.*\.(js|d\.ts)|docs\/[a-z-]+\.md)$/.test(path),
    ),
    [
      "README.md",
      "generated/openapi.json",
      "generated/operations.json",
      "openapi.yaml",
      "package.json",
    ],
    "besides dist/'s JavaScript and declarations and docs/ (the README links there): the spec, its operation table, the README, package.json",
  );
  for (const link of readFileSync(join(repoRoot, "README.md"), "utf8").match(
    /docs\/[a-z-]+\.md/g,
  ) ?? []) {
    t.ok(paths.includes(link), `the README's link ${link} resolves in the tarball`);
  }
  t.notOk(
    paths.some((path) => path.startsWith("dist/client-package/")),
    "not the client package",
  );
  for (const target of Object.values(manifest.bin)) {
    t.ok(paths.includes(target.replace(/^\.\//, "")), `the bin ${target} is in it`);
  }
  t.comment(`main tarball: ${packed?.size} bytes, ${packed?.entryCount} files`);
});

t.test("installing it compiles nothing: tsx and better-sqlite3 are not dependencies", async (t) => {
  t.notOk("tsx" in manifest.dependencies, "tsx is for development only");
  t.notOk("better-sqlite3" in manifest.dependencies, "better-sqlite3 is not installed by default");
  t.same(manifest.peerDependenciesMeta["better-sqlite3"], { optional: true }, "it is optional");
});

t.test("npm start runs the built server, and killing npm stops it", async (t) => {
  await startSeedAndKill(t, "npm", ["start", "--", "--port", "0"], repoRoot);
});

// The bin is linked by npm and run through its #! line; without one, a shell would run the file.
const built = readFileSync(join(repoRoot, manifest.bin[stubBin] ?? ""), "utf8");
t.test(
  `${stubBin}, installed from the tarball into an empty project, starts the stub`,
  {
    skip: built.startsWith("#!/usr/bin/env node\n")
      ? false
      : "dist/src/stub/server.js has no #!/usr/bin/env node line (src/stub/server.ts needs one)",
  },
  async (t) => {
    const temp = tempDir(t, "main-package-");
    const { stdout } = await npm(
      ["pack", repoRoot, "--json", "--ignore-scripts", "--pack-destination", temp],
      temp,
    );
    const [packed]: { filename: string }[] = JSON.parse(stdout);
    const project = join(temp, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), emptyProject);
    await npm(
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        join(temp, packed?.filename ?? ""),
      ],
      project,
    );
    const installed = await installedPackages(project);
    t.notOk(installed.includes("better-sqlite3"), "no better-sqlite3");
    t.notOk(installed.includes("tsx"), "no tsx");
    const bytes = diskBytes(join(project, "node_modules"));
    t.comment(
      `installed: ${new Set(installed).size} packages, ${(bytes / 2 ** 20).toFixed(1)} MiB`,
    );

    await startSeedAndKill(
      t,
      join(project, "node_modules/.bin", stubBin),
      ["--port", "0"],
      project,
    );
  },
);
