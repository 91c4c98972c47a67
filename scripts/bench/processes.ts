// The bench's child processes: each in its own process group (so that anything it spawns goes
// with it), stdout drained, every wait bounded, all killed on the way out.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface Server {
  name: string;
  child: ChildProcess;
  /** The `/beta` base URL the server printed. */
  baseUrl: string;
  /** Milliseconds from spawn to the printed URL. */
  readyMs: number;
  /** The last few KB of stderr, for error messages. */
  stderr(): string;
}

const running = new Set<ChildProcess>();

// The stub's environment without any setting that would change its defaults.
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(PORT|HOST|LOG_LEVEL|STUB_.*)$/.test(name)) delete env[name];
  }
  return env;
}

const readyLine = /base URL\s+(http:\/\/\S+?\/beta)\b/;

/** Spawns `command args` and resolves once it prints its base URL; rejects after `timeoutMs`. */
export function start(
  name: string,
  command: string,
  args: string[],
  timeoutMs = 60_000,
): Promise<Server> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  return new Promise((resolve, reject) => {
    let head = "";
    const fail = (reason: string) => {
      clearTimeout(timer);
      stop(child);
      reject(new Error(`${name}: ${reason}\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    child.once("exit", (code, signal) => fail(`exited (${code ?? signal}) before it was ready`));
    child.once("error", (error) => fail(error.message));
    const onData = (chunk: Buffer) => {
      head = (head + chunk.toString("utf8")).slice(-8192);
      const match = readyLine.exec(head);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      child.once("exit", () => running.delete(child));
      // From here on stdout (the request log) is read and dropped, as a log shipper would.
      child.stdout?.off("data", onData);
      child.stdout?.resume();
      const baseUrl = match[1];
      resolve({ name, child, baseUrl, readyMs: performance.now() - started, stderr: () => stderr });
    };
    child.stdout?.on("data", onData);
  });
}

/** Sends SIGTERM to the child's process group, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), graceMs);
  });
  if ((await Promise.race([exited, timedOut])) === "timeout") {
    signalGroup(child, "SIGKILL");
    await exited;
  }
  clearTimeout(timer);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Kills every child still running, synchronously: for `exit` and signal handlers. */
export function killAll(): void {
  for (const child of running) signalGroup(child, "SIGKILL");
  running.clear();
}

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

// /proc/<pid>/stat counts CPU time in clock ticks of USER_HZ, 100 per second on Linux.
const ticksPerSecond = 100;

/** CPU time a process has used so far, user plus system, in µs (Linux /proc); null if gone. */
export function cpuTimeOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may itself hold spaces and ends with ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1_000_000) / ticksPerSecond : null;
  } catch {
    return null;
  }
}
