// Runs a TypeScript entry point in a child process (as `npm start` would), with bounded waits.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const tsxCli = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));

export interface Spawned {
  child: ChildProcess;
  output(): string;
  /** Resolves with stdout once `pattern` appears; rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited(ms?: number): Promise<number | null>;
}

const tsxLoader = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

/**
 * `direct`: load tsx into the child itself (`node --import tsx`) instead of through tsx's CLI,
 * which runs the script in a grandchild and relays signals: SIGKILL cannot be relayed, so
 * `kill -9` on the CLI would leave the real server running. `env`: extra variables.
 */
export function spawnTs(
  script: string,
  args: string[],
  cwd = repoRoot,
  { direct = false, env: extraEnv = {} }: { direct?: boolean; env?: Record<string, string> } = {},
): Spawned {
  // Children load src/ through tsx, whose compiled code differs from tap's: merging their V8
  // coverage with the in-process runs blanks lines, so tap's hook records none for them.
  const env = { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: "0" };
  const runner = direct ? ["--import", tsxLoader] : [tsxCli];
  const child = spawn(process.execPath, [...runner, script, ...args], {
    cwd,
    env: { ...env, PORT: "", HOST: "", LOG_LEVEL: "", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stdout += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => stdout,
    waitFor(pattern, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`timed out waiting for ${pattern}; output:\n${stdout}`));
        }, ms);
        const poll = setInterval(() => {
          const match = pattern.exec(stdout);
          if (match) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve(match);
          }
        }, 25);
      });
    },
    exited(ms = 20_000) {
      return Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`did not exit within ${ms} ms`)), ms).unref(),
        ),
      ]);
    },
  };
}
