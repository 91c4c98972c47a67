// The bench runs what `npm start` runs: the build (dist/, `npm run build`), and its baselines and
// helpers as plain JavaScript too (TypeScript's transpileModule into bench-results/js/, their
// `../../src/` imports pointed at `../../dist/src/`), so that no target pays for a TS loader.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { repoRoot } from "./processes.js";

/** Where the JavaScript of the bench's own scripts goes (two levels below the repository). */
export const jsDir = path.join(repoRoot, "bench-results", "js");

const scripts = [
  "baseline.ts",
  "baseline-fastify.ts",
  "baseline-http.ts",
  "stub-preloaded.ts",
  "testing-start.ts",
];

/** `npm run build`, then the bench scripts; returns how long both took, in ms. */
export function compileForBench(): number {
  const started = performance.now();
  execFileSync(
    process.execPath,
    [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    { cwd: repoRoot, stdio: "inherit" },
  );
  mkdirSync(jsDir, { recursive: true });
  for (const script of scripts) {
    const source = readFileSync(path.join(repoRoot, "scripts/bench", script), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(
      path.join(jsDir, script.replace(/\.ts$/, ".js")),
      outputText.replaceAll('"../../src/', '"../../dist/src/'),
    );
  }
  return performance.now() - started;
}

/** The arguments that run a bench script's JavaScript with node. */
export function benchScript(
  script: string,
  args: string[] = [],
  nodeArgs: string[] = [],
): string[] {
  return [...nodeArgs, path.join(jsDir, script.replace(/\.ts$/, ".js")), ...args];
}
