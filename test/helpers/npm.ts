// npm and node children for the packaging tests, and the temp dirs they work in.
import { execFile } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

type Test = { teardown(fn: () => unknown): void };

const run = promisify(execFile);

/**
 * This process's environment without npm_* (a child npm would take this run's prefix and package
 * for its own) and the stub's variables, and with no coverage reported by the children.
 */
export const childEnv: Record<string, string | undefined> = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")),
  ),
  PORT: "",
  HOST: "",
  LOG_LEVEL: "",
  _TAPJS_PROCESSINFO_COVERAGE_: "0",
};

/** Runs npm in `cwd`; rejects with its output when it exits non-zero. */
export const npm = (args: string[], cwd: string) => run("npm", args, { cwd, env: childEnv });

/** Runs this Node with `args` in `cwd`, with `env` added. */
export const node = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  run(process.execPath, args, { cwd, env: { ...childEnv, ...env } });

/** A fresh temp dir, removed when the test ends. */
export function tempDir(t: Test, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An empty project, as a team would start one: a package.json and nothing else. */
export const emptyProject = `${JSON.stringify({ name: "team-project", version: "1.0.0", private: true }, null, 2)}\n`;

interface Tree {
  version?: string;
  dependencies?: Record<string, Tree>;
}
// An optional peer that is not installed still shows in the tree, as an entry with no version.
function names(tree: Tree): string[] {
  return Object.entries(tree.dependencies ?? {})
    .filter(([, sub]) => sub.version !== undefined)
    .flatMap(([dep, sub]) => [dep, ...names(sub)]);
}

/** Every package `npm ls --all` finds installed in `project` (the project itself excluded). */
export async function installedPackages(project: string): Promise<string[]> {
  return names(JSON.parse((await npm(["ls", "--all", "--json"], project)).stdout));
}

/** What `dir` and everything under it take on disk, in bytes (allocated blocks, as du counts). */
export function diskBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((path) => lstatSync(join(dir, path)).blocks * 512)
    .reduce((sum, size) => sum + size, lstatSync(dir).blocks * 512);
}
