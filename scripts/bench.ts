// `npm run bench`: the stub, as `npm start` runs it, against two baselines written for the bench
// (a plain node:http handler and a bare Fastify 5 route), each in its own process on 127.0.0.1
// and a free port, driven by autocannon in interleaved rounds so that machine noise hits all
// alike. It reports ratios to the baselines of the same run, never absolute thresholds, plus
// the stub's cold start, the cost of a list page at two store sizes, and memory per assignment.
// Results go to bench-results/ (git-ignored) as JSON and markdown; the tables are printed.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { demoConfigurationId } from "../src/fixtures.js";
import { type LoadRequest, load, type RunStats } from "./bench/load.js";
import {
  cpuTimeOf,
  killAll,
  nodeTs,
  repoRoot,
  rssOf,
  type Server,
  start,
  stop,
  tsxCli,
} from "./bench/processes.js";
import { median, ratio, round, sum } from "./bench/stats.js";

export interface BenchOptions {
  /** Seconds per measured POST run. */
  duration: number;
  /** Seconds of warm-up per target before the rounds. */
  warmup: number;
  /** autocannon connections for the POST runs. */
  connections: number;
  /** Interleaved POST rounds (stub, Fastify, node:http; again ...). */
  rounds: number;
  /** Seconds per list run. */
  listDuration: number;
  listConnections: number;
  listRounds: number;
  /** The two store sizes whose list pages are compared. */
  listSizes: [number, number];
  /** Assignments stored for the memory measurement. */
  memoryAssignments: number;
  /** Cold starts of the stub (spawn to first 201); the median is reported. */
  coldStarts: number;
  /** Results folder, relative to the repository. */
  out: string;
  /**
   * µs of busy-waiting added to a copy of the bare Fastify route, to show what a given cost per
   * request does to the ratio on this machine; 0 leaves that target out.
   */
  calibrationUs: number;
  /** The fixed pace, in requests per second, at which each target's CPU per request is measured. */
  cpuRate: number;
  /** Run the stub of the POST rounds under `node --cpu-prof` (profile in the results folder). */
  cpuProf: boolean;
  quick: boolean;
}

export const defaultBenchOptions: BenchOptions = {
  duration: 10,
  warmup: 3,
  connections: 50,
  rounds: 3,
  listDuration: 5,
  listConnections: 4,
  listRounds: 3,
  listSizes: [1_000, 100_000],
  memoryAssignments: 1_000_000,
  coldStarts: 5,
  cpuRate: 5_000,
  calibrationUs: 5,
  out: "bench-results",
  cpuProf: false,
  quick: false,
};

// `--quick`: under a minute, with the same phases and the same store sizes.
const quickOverrides: Partial<BenchOptions> = {
  duration: 2,
  warmup: 1,
  rounds: 2,
  listDuration: 1,
  listConnections: 2,
  listRounds: 1,
  calibrationUs: 0,
};

const usage = `Usage: npm run bench -- [options]

  --quick                  short runs (under a minute): ${JSON.stringify(quickOverrides)}
  --duration <s>           seconds per POST run (default ${defaultBenchOptions.duration})
  --warmup <s>             warm-up seconds per target (default ${defaultBenchOptions.warmup})
  --connections <n>        connections for POST runs (default ${defaultBenchOptions.connections})
  --rounds <n>             interleaved POST rounds (default ${defaultBenchOptions.rounds})
  --list-duration <s>      seconds per list run (default ${defaultBenchOptions.listDuration})
  --list-connections <n>   connections for list runs (default ${defaultBenchOptions.listConnections})
  --list-rounds <n>        interleaved list rounds (default ${defaultBenchOptions.listRounds})
  --list-sizes <a,b>       store sizes whose list pages are compared (default ${defaultBenchOptions.listSizes.join(",")})
  --memory-assignments <n> assignments stored for the RSS measurement (default ${defaultBenchOptions.memoryAssignments})
  --cold-starts <n>        cold starts to take the median of (default ${defaultBenchOptions.coldStarts})
  --cpu-rate <n>           req/s at which each target's CPU per request is measured (default ${defaultBenchOptions.cpuRate})
  --calibration-us <n>     also run bare Fastify with n µs of busy-wait per request; 0: not (default ${defaultBenchOptions.calibrationUs}, 0 with --quick)
  --out <dir>              results folder (default ${defaultBenchOptions.out})
  --cpu-prof               profile the stub during the POST rounds (node --cpu-prof)
  -h, --help               show this help
`;

function number(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min)
    throw new Error(`--${name} must be a number >= ${min}`);
  return parsed;
}

export function parseBenchOptions(argv: string[]): BenchOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: "boolean" },
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      rounds: { type: "string" },
      "list-duration": { type: "string" },
      "list-connections": { type: "string" },
      "list-rounds": { type: "string" },
      "list-sizes": { type: "string" },
      "memory-assignments": { type: "string" },
      "cold-starts": { type: "string" },
      "cpu-rate": { type: "string" },
      "calibration-us": { type: "string" },
      out: { type: "string" },
      "cpu-prof": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const base = { ...defaultBenchOptions, ...(values.quick ? quickOverrides : {}) };
  const sizes = values["list-sizes"]?.split(",").map((size) => number("list-sizes", size, 0, 1));
  if (sizes && sizes.length !== 2)
    throw new Error("--list-sizes takes two sizes, e.g. 1000,100000");
  return {
    help: values.help === true,
    quick: values.quick === true,
    duration: number("duration", values.duration, base.duration, 0.1),
    warmup: number("warmup", values.warmup, base.warmup),
    connections: Math.round(number("connections", values.connections, base.connections, 1)),
    rounds: Math.round(number("rounds", values.rounds, base.rounds, 1)),
    listDuration: number("list-duration", values["list-duration"], base.listDuration, 0.1),
    listConnections: Math.round(
      number("list-connections", values["list-connections"], base.listConnections, 1),
    ),
    listRounds: Math.round(number("list-rounds", values["list-rounds"], base.listRounds, 1)),
    listSizes: (sizes as [number, number] | undefined) ?? base.listSizes,
    memoryAssignments: Math.round(
      number("memory-assignments", values["memory-assignments"], base.memoryAssignments, 1),
    ),
    coldStarts: Math.round(number("cold-starts", values["cold-starts"], base.coldStarts, 1)),
    cpuRate: Math.round(number("cpu-rate", values["cpu-rate"], base.cpuRate, 1)),
    calibrationUs: number("calibration-us", values["calibration-us"], base.calibrationUs),
    out: values.out ?? base.out,
    cpuProf: values["cpu-prof"] === true,
  };
}

// ---------------------------------------------------------------------------------------------
// What is sent.

const token = "bench-token";
const assignmentsPath = `/beta/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`;
const seedBody = JSON.stringify({
  "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
  target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
});
const postHeaders = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const getHeaders = { authorization: `Bearer ${token}` };

function originOf(server: Server): string {
  return server.baseUrl.replace(/\/beta$/, "");
}

/** Every 201 body's id: distinct ids are a target; a body without one counts as missing. */
class IdTally {
  readonly ids = new Set<string>();
  responses = 0;
  missing = 0;
  readonly onBody = (body: string) => {
    this.responses++;
    const at = body.indexOf('"id":"');
    if (at < 0) {
      this.missing++;
      return;
    }
    this.ids.add(body.slice(at + 6, body.indexOf('"', at + 6)));
  };
}

async function expectStatus(response: Response, status: number, what: string): Promise<unknown> {
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status}: ${text.slice(0, 500)}`);
  }
  return text === "" ? undefined : JSON.parse(text);
}

async function postOnce(server: Server): Promise<{ id: string }> {
  const response = await fetch(`${originOf(server)}${assignmentsPath}`, {
    method: "POST",
    headers: postHeaders,
    body: seedBody,
  });
  return (await expectStatus(response, 201, `${server.name} POST`)) as { id: string };
}

// ---------------------------------------------------------------------------------------------
// The phases.

export interface PostTarget {
  key: "stub" | "fastify" | "calibration" | "http";
  label: string;
  rounds: RunStats[];
  warmup: RunStats | null;
  medianRps: number;
  medianP50: number;
  medianP99: number;
  /** The server process's CPU time (user + system) per completed request, median of the rounds. */
  medianCpuUsPerRequest: number | null;
  /** The same at `cpuRate` requests per second, a pace every target keeps up with. */
  fixedRateCpuUsPerRequest: number | null;
  /** Summed over warm-up, rounds and the fixed-rate run. */
  errors: number;
  timeouts: number;
  non2xx: number;
  ok: number;
  ids: { responses: number; distinct: number; missing: number };
  rssBytes: number | null;
}

async function coldStarts(options: BenchOptions, log: Logger): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < options.coldStarts; index++) {
    // As `npm start` runs it (tsx's CLI, its wrapper process included), minus npm itself.
    const started = performance.now();
    const server = await start("stub (cold start)", process.execPath, [
      tsxCli,
      "src/server.ts",
      "--port",
      "0",
    ]);
    try {
      await postOnce(server);
      times.push(performance.now() - started);
    } finally {
      await stop(server.child);
    }
    log(`  cold start ${index + 1}/${options.coldStarts}: ${Math.round(times.at(-1) ?? 0)} ms`);
  }
  return times;
}

async function postPhase(
  options: BenchOptions,
  log: Logger,
): Promise<{ targets: PostTarget[]; stored: StoredCheck }> {
  const profileDir = path.resolve(repoRoot, options.out, "profiles");
  if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
  const stubNodeArgs = options.cpuProf ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const specs: { key: PostTarget["key"]; label: string; args: string[] }[] = [
    {
      key: "stub",
      label: "stub (npm start defaults)",
      args: nodeTs("src/server.ts", ["--port", "0"], stubNodeArgs),
    },
    {
      key: "fastify",
      label: "bare Fastify 5 route",
      args: nodeTs("scripts/bench/baseline-fastify.ts"),
    },
    ...(options.calibrationUs > 0
      ? [
          {
            key: "calibration" as const,
            label: `bare Fastify 5 route + ${options.calibrationUs} µs busy-wait per request`,
            args: nodeTs("scripts/bench/baseline-fastify.ts", [
              "--busy-us",
              String(options.calibrationUs),
            ]),
          },
        ]
      : []),
    { key: "http", label: "plain node:http", args: nodeTs("scripts/bench/baseline-http.ts") },
  ];
  const servers: Server[] = [];
  try {
    for (const spec of specs) servers.push(await start(spec.label, process.execPath, spec.args));
    for (const server of servers) await postOnce(server);
    const tallies = specs.map(() => new IdTally());
    const request = (index: number): LoadRequest => ({
      method: "POST",
      path: assignmentsPath,
      headers: postHeaders,
      body: seedBody,
      onBody: tallies[index]?.onBody,
    });
    const warmups: (RunStats | null)[] = [];
    for (const [index, server] of servers.entries()) {
      warmups.push(
        options.warmup > 0
          ? await load(originOf(server), request(index), {
              connections: options.connections,
              duration: options.warmup,
            })
          : null,
      );
    }
    log(`  warm-up done (${options.warmup} s each)`);
    const rounds: RunStats[][] = specs.map(() => []);
    const cpuPerRequest: number[][] = specs.map(() => []);
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, server] of servers.entries()) {
        const cpuBefore = cpuTimeOf(server.child.pid);
        const stats = await load(originOf(server), request(index), {
          connections: options.connections,
          duration: options.duration,
        });
        const cpuAfter = cpuTimeOf(server.child.pid);
        rounds[index]?.push(stats);
        const cpuUs =
          cpuBefore === null || cpuAfter === null || stats.completed === 0
            ? null
            : (cpuAfter - cpuBefore) / stats.completed;
        if (cpuUs !== null) cpuPerRequest[index]?.push(cpuUs);
        log(
          `  round ${round + 1}/${options.rounds} ${specs[index]?.key}: ${Math.round(stats.rps)} req/s, p99 ${stats.p99} ms` +
            (cpuUs === null ? "" : `, ${cpuUs.toFixed(1)} µs CPU per request`),
        );
      }
    }
    // The same POST at a fixed rate that every target keeps up with: CPU per request without
    // the load generator's pace in it (a saturated server also pays to wake it more often).
    const fixedRate: { stats: RunStats; cpuUs: number | null }[] = [];
    for (const [index, server] of servers.entries()) {
      const cpuBefore = cpuTimeOf(server.child.pid);
      const stats = await load(originOf(server), request(index), {
        connections: 10,
        duration: options.duration,
        rate: options.cpuRate,
      });
      const cpuAfter = cpuTimeOf(server.child.pid);
      const cpuUs =
        cpuBefore === null || cpuAfter === null || stats.completed === 0
          ? null
          : (cpuAfter - cpuBefore) / stats.completed;
      fixedRate.push({ stats, cpuUs });
      log(
        `  at ${options.cpuRate} req/s ${specs[index]?.key}: ${cpuUs === null ? "n/a" : cpuUs.toFixed(1)} µs CPU per request`,
      );
    }
    const targets = specs.map((spec, index): PostTarget => {
      const runs = rounds[index] ?? [];
      const all = [
        ...runs,
        ...(warmups[index] ? [warmups[index] as RunStats] : []),
        ...(fixedRate[index] ? [fixedRate[index].stats] : []),
      ];
      const tally = tallies[index] as IdTally;
      return {
        key: spec.key,
        label: spec.label,
        rounds: runs,
        warmup: warmups[index] ?? null,
        medianRps: median(runs.map((run) => run.rps)),
        medianP50: median(runs.map((run) => run.p50)),
        medianP99: median(runs.map((run) => run.p99)),
        medianCpuUsPerRequest:
          (cpuPerRequest[index]?.length ?? 0) > 0 ? median(cpuPerRequest[index] ?? []) : null,
        fixedRateCpuUsPerRequest: fixedRate[index]?.cpuUs ?? null,
        errors: sum(all.map((run) => run.errors)),
        timeouts: sum(all.map((run) => run.timeouts)),
        non2xx: sum(all.map((run) => run.non2xx)),
        ok: sum(all.map((run) => run.ok)),
        ids: { responses: tally.responses, distinct: tally.ids.size, missing: tally.missing },
        rssBytes: rssOf(servers[index]?.child.pid),
      };
    });
    const stub = servers[0] as Server;
    const stored = await storedCheck(stub, tallies[0] as IdTally);
    return { targets, stored };
  } finally {
    for (const server of servers) await stop(server.child);
  }
}

export interface StoredCheck {
  /** Assignments the stub lists after the load (the demo configuration starts with none). */
  stored: number;
  /** Distinct ids among them. */
  distinct: number;
  /** Ids the stub answered 201 with that its list does not hold (lost writes). */
  lost: number;
  pages: number;
}

/** Reads the whole list back (following `@odata.nextLink`, bounded) to check what was kept. */
async function storedCheck(stub: Server, tally: IdTally): Promise<StoredCheck> {
  const listed = new Set<string>();
  let stored = 0;
  let pages = 0;
  let next: string | undefined = `${originOf(stub)}${assignmentsPath}`;
  for (; next !== undefined && pages < 100_000; pages++) {
    const page = (await expectStatus(
      await fetch(next, { headers: getHeaders }),
      200,
      "stub list",
    )) as { value: { id: string }[]; "@odata.nextLink"?: string | null };
    stored += page.value.length;
    for (const assignment of page.value) listed.add(assignment.id);
    next = page["@odata.nextLink"] ?? undefined;
  }
  let lost = 0;
  for (const id of tally.ids) if (!listed.has(id)) lost++;
  return { stored, distinct: listed.size, lost, pages };
}

export interface ListRun {
  size: number;
  query: string;
  rounds: RunStats[];
  medianRps: number;
  medianP50: number;
  medianP99: number;
  /** One GET at a time, timed end to end (body read): the median, in ms. */
  sequentialMs: number;
  sequentialRuns: number;
  /** Assignments in one reply, and whether it carried `@odata.nextLink`. */
  itemsPerResponse: number;
  nextLink: boolean;
  /** Body bytes of one reply. */
  bytesPerResponse: number;
  errors: number;
  non2xx: number;
}

const listQueries = ["", "?$top=100"];

/** Times GETs one at a time: 20 of them, or as many as fit in 5 s (at least 3). */
async function sequentialGets(url: string): Promise<{ times: number[]; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (let index = 0; index < 20; index++) {
    if (index >= 3 && performance.now() - started > 5_000) break;
    const before = performance.now();
    const response = await fetch(url, { headers: getHeaders });
    bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
    times.push(performance.now() - before);
  }
  return { times, bytes };
}

async function listPhase(options: BenchOptions, log: Logger): Promise<ListRun[]> {
  const servers: Server[] = [];
  try {
    for (const size of options.listSizes) {
      servers.push(
        await start(
          `stub with ${size} assignments`,
          process.execPath,
          nodeTs(
            "scripts/bench/stub-preloaded.ts",
            ["--assignments", String(size)],
            ["--expose-gc"],
          ),
        ),
      );
    }
    const runs: ListRun[] = [];
    for (const [index, server] of servers.entries()) {
      for (const query of listQueries) {
        const page = (await expectStatus(
          await fetch(`${originOf(server)}${assignmentsPath}${query}`, { headers: getHeaders }),
          200,
          `${server.name} list`,
        )) as { value: unknown[]; "@odata.nextLink"?: string | null };
        runs.push({
          size: options.listSizes[index] as number,
          query,
          rounds: [],
          medianRps: 0,
          medianP50: 0,
          medianP99: 0,
          sequentialMs: 0,
          sequentialRuns: 0,
          itemsPerResponse: page.value.length,
          nextLink: typeof page["@odata.nextLink"] === "string",
          bytesPerResponse: 0,
          errors: 0,
          non2xx: 0,
        });
      }
    }
    for (const run of runs) {
      const server = servers[options.listSizes.indexOf(run.size)] as Server;
      const { times, bytes } = await sequentialGets(
        `${originOf(server)}${assignmentsPath}${run.query}`,
      );
      run.sequentialMs = median(times);
      run.sequentialRuns = times.length;
      run.bytesPerResponse = bytes;
    }
    for (let round = 0; round < options.listRounds; round++) {
      for (const run of runs) {
        const server = servers[options.listSizes.indexOf(run.size)] as Server;
        const stats = await load(
          originOf(server),
          { method: "GET", path: `${assignmentsPath}${run.query}`, headers: getHeaders },
          { connections: options.listConnections, duration: options.listDuration },
        );
        run.rounds.push(stats);
        log(
          `  list round ${round + 1}/${options.listRounds} ${run.size}${run.query}: ${round2(stats.rps)} req/s, p50 ${stats.p50} ms`,
        );
      }
    }
    for (const run of runs) {
      run.medianRps = median(run.rounds.map((r) => r.rps));
      run.medianP50 = median(run.rounds.map((r) => r.p50));
      run.medianP99 = median(run.rounds.map((r) => r.p99));
      run.errors = sum(run.rounds.map((r) => r.errors));
      run.non2xx = sum(run.rounds.map((r) => r.non2xx));
    }
    return runs;
  } finally {
    for (const server of servers) await stop(server.child);
  }
}

export interface MemoryResult {
  assignments: number;
  rssEmptyBytes: number | null;
  rssFullBytes: number | null;
  bytesPerAssignment: number | null;
  loadMs: number | null;
}

async function memoryPhase(options: BenchOptions, log: Logger): Promise<MemoryResult> {
  const rss: (number | null)[] = [];
  let loadMs: number | null = null;
  for (const count of [0, options.memoryAssignments]) {
    const started = performance.now();
    const server = await start(
      `stub with ${count} assignments`,
      process.execPath,
      nodeTs("scripts/bench/stub-preloaded.ts", ["--assignments", String(count)], ["--expose-gc"]),
      180_000,
    );
    try {
      if (count > 0) loadMs = performance.now() - started;
      // The store is live: a POST lands, and the new assignment reads back.
      const created = await postOnce(server);
      await expectStatus(
        await fetch(`${originOf(server)}${assignmentsPath}/${created.id}`, { headers: getHeaders }),
        200,
        `${server.name} get`,
      );
      rss.push(rssOf(server.child.pid));
      log(`  ${count} assignments stored: RSS ${mb(rss.at(-1) ?? null)} MB`);
    } finally {
      await stop(server.child);
    }
  }
  const [empty = null, full = null] = rss;
  return {
    assignments: options.memoryAssignments,
    rssEmptyBytes: empty,
    rssFullBytes: full,
    bytesPerAssignment:
      empty !== null && full !== null ? (full - empty) / options.memoryAssignments : null,
    loadMs,
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

type Logger = (line: string) => void;

function mb(bytes: number | null): string {
  return bytes === null ? "n/a" : (bytes / 1024 / 1024).toFixed(0);
}

function micros(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(1);
}

function round2(value: number): string {
  return Number.isFinite(value) ? String(round(value, 2)) : "n/a";
}

function x(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : "n/a";
}

export interface Goal {
  goal: string;
  value: string;
  pass: boolean;
}

export interface BenchResults {
  date: string;
  commit: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    memoryGb: number;
    /** 1-minute load average before and after the run: other work on the machine skews ratios. */
    loadAverage: { before: number; after: number };
  };
  options: BenchOptions;
  post: PostTarget[];
  ratios: {
    stubToFastify: number;
    stubToHttp: number;
    fastifyToHttp: number;
    stubP99ToFastifyP99: number;
  };
  stored: StoredCheck;
  coldStartMs: { runs: number[]; median: number };
  list: ListRun[];
  /** Time of one GET (sequential median) at the larger store over the smaller, per query. */
  listPageCostRatio: Record<string, number>;
  memory: MemoryResult;
  goals: Goal[];
  wallSeconds: number;
}

function goalsOf(results: Omit<BenchResults, "goals" | "wallSeconds">): Goal[] {
  const stub = results.post.find((target) => target.key === "stub") as PostTarget;
  const unpaged = results.listPageCostRatio[""] ?? Number.NaN;
  return [
    {
      goal: "stub POST req/s >= 0.8x bare Fastify",
      value: x(results.ratios.stubToFastify),
      pass: results.ratios.stubToFastify >= 0.8,
    },
    {
      goal: `stub p99 <= 2x bare Fastify p99 (${results.options.connections} connections)`,
      value: x(results.ratios.stubP99ToFastifyP99),
      pass: results.ratios.stubP99ToFastifyP99 <= 2,
    },
    {
      goal: "stub: zero errors and zero non-2xx under load",
      value: `${stub.errors} errors, ${stub.non2xx} non-2xx`,
      pass: stub.errors === 0 && stub.non2xx === 0,
    },
    {
      goal: "stub: every id distinct, every 201 kept",
      value: `${stub.ids.distinct} distinct of ${stub.ids.responses} 201s; ${results.stored.lost} lost`,
      pass:
        stub.ids.distinct === stub.ids.responses &&
        stub.ids.missing === 0 &&
        results.stored.lost === 0,
    },
    {
      goal: `list page costs the same at ${results.options.listSizes.join(" and ")} stored (<= 1.25x)`,
      value: x(unpaged),
      pass: unpaged <= 1.25,
    },
    {
      goal: `${results.memory.assignments} assignments in < 400 MB RSS`,
      value: `${mb(results.memory.rssFullBytes)} MB`,
      pass: results.memory.rssFullBytes !== null && results.memory.rssFullBytes < 400 * 1024 * 1024,
    },
  ];
}

export function renderMarkdown(results: BenchResults): string {
  const { options, machine } = results;
  const lines: string[] = [];
  lines.push(
    `Bench of ${results.date} at ${results.commit}: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ` +
      `load average ${machine.loadAverage.before} → ${machine.loadAverage.after}. ` +
      `POST of the seed, ${options.connections} connections, ${options.rounds} interleaved rounds of ${options.duration} s after ${options.warmup} s warm-up.`,
    "",
    `| target | req/s (median) | × node:http | × bare Fastify | p50 ms | p99 ms | CPU µs per request, full load | CPU µs per request at ${options.cpuRate} req/s | errors | non-2xx | RSS after load |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  const http = results.post.find((target) => target.key === "http") as PostTarget;
  const fastify = results.post.find((target) => target.key === "fastify") as PostTarget;
  for (const target of results.post) {
    lines.push(
      `| ${target.label} | ${Math.round(target.medianRps)} | ${x(ratio(target.medianRps, http.medianRps))} | ${x(ratio(target.medianRps, fastify.medianRps))} | ${target.medianP50} | ${target.medianP99} | ${micros(target.medianCpuUsPerRequest)} | ${micros(target.fixedRateCpuUsPerRequest)} | ${target.errors} | ${target.non2xx} | ${mb(target.rssBytes)} MB |`,
    );
  }
  lines.push(
    "",
    `Stub cold start (spawn of \`tsx src/server.ts\` to the first 201), median of ${results.coldStartMs.runs.length}: ` +
      `${Math.round(results.coldStartMs.median)} ms (runs: ${results.coldStartMs.runs.map((ms) => Math.round(ms)).join(", ")}).`,
    "",
    `List of assignments: one GET at a time (median), then under load (${options.listConnections} connections, ${options.listRounds} × ${options.listDuration} s):`,
    "",
    "| stored | query | items per reply | nextLink | KB per reply | one GET ms (median) | × smaller store | req/s under load | p50 ms | p99 ms |",
    "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const run of results.list) {
    const cost =
      run.size === options.listSizes[1]
        ? x(results.listPageCostRatio[run.query] ?? Number.NaN)
        : "1.00x";
    lines.push(
      `| ${run.size} | ${run.query === "" ? "(none)" : `\`${run.query}\``} | ${run.itemsPerResponse} | ${run.nextLink ? "yes" : "no"} | ${(run.bytesPerResponse / 1024).toFixed(1)} | ${round2(run.sequentialMs)} | ${cost} | ${round2(run.medianRps)} | ${run.medianP50} | ${run.medianP99} |`,
    );
  }
  const memory = results.memory;
  lines.push(
    "",
    `Memory: ${memory.assignments} assignments stored → RSS ${mb(memory.rssFullBytes)} MB ` +
      `(empty stub ${mb(memory.rssEmptyBytes)} MB; ≈ ${memory.bytesPerAssignment === null ? "n/a" : Math.round(memory.bytesPerAssignment)} bytes per assignment; loaded in ${memory.loadMs === null ? "n/a" : Math.round(memory.loadMs)} ms incl. start).`,
    "",
    "| goal | this run | met |",
    "| --- | ---: | :---: |",
  );
  for (const goal of results.goals) {
    lines.push(`| ${goal.goal} | ${goal.value} | ${goal.pass ? "yes" : "**no**"} |`);
  }
  return `${lines.join("\n")}\n`;
}

function gitCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot })
      .toString()
      .trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: repoRoot }).toString();
    return dirty.trim() === "" ? commit : `${commit}+dirty`;
  } catch {
    return "unknown";
  }
}

export async function runBench(
  options: BenchOptions,
  log: Logger = console.log,
): Promise<BenchResults> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0] ?? Number.NaN;
  const commit = gitCommit();
  log("cold start …");
  const cold = await coldStarts(options, log);
  log("POST rounds …");
  const { targets, stored } = await postPhase(options, log);
  log("list pages …");
  const list = await listPhase(options, log);
  log("memory …");
  const memory = await memoryPhase(options, log);

  const byKey = (key: PostTarget["key"]) =>
    targets.find((target) => target.key === key) as PostTarget;
  const stub = byKey("stub");
  const fastify = byKey("fastify");
  const http = byKey("http");
  const [small, large] = options.listSizes;
  const listPageCostRatio = Object.fromEntries(
    listQueries.map((query) => {
      const msAt = (size: number) =>
        list.find((run) => run.size === size && run.query === query)?.sequentialMs ?? Number.NaN;
      return [query, ratio(msAt(large), msAt(small))];
    }),
  );
  const cpus = os.cpus();
  const partial = {
    date: new Date().toISOString(),
    commit,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      node: process.versions.node,
      platform: `${os.platform()} ${os.release()}`,
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      loadAverage: { before: round(loadBefore), after: round(os.loadavg()[0] ?? Number.NaN) },
    },
    options,
    post: targets,
    ratios: {
      stubToFastify: ratio(stub.medianRps, fastify.medianRps),
      stubToHttp: ratio(stub.medianRps, http.medianRps),
      fastifyToHttp: ratio(fastify.medianRps, http.medianRps),
      stubP99ToFastifyP99: ratio(stub.medianP99, fastify.medianP99),
    },
    stored,
    coldStartMs: { runs: cold, median: median(cold) },
    list,
    listPageCostRatio,
    memory,
  };
  return {
    ...partial,
    goals: goalsOf(partial),
    wallSeconds: round((performance.now() - started) / 1000, 1),
  };
}

/** Writes `<out>/bench-<date>.{json,md}` and `<out>/latest.{json,md}`; returns the markdown. */
export function writeResults(results: BenchResults): { markdown: string; files: string[] } {
  const folder = path.resolve(repoRoot, results.options.out);
  mkdirSync(folder, { recursive: true });
  const markdown = renderMarkdown(results);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const stamp = results.date.replaceAll(":", "-").replace(/\.\d+Z$/, "Z");
  const files: string[] = [];
  for (const name of [`bench-${stamp}`, "latest"]) {
    writeFileSync(path.join(folder, `${name}.json`), json);
    writeFileSync(path.join(folder, `${name}.md`), markdown);
    files.push(path.join(folder, `${name}.json`), path.join(folder, `${name}.md`));
  }
  return { markdown, files };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseBenchOptions>;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage);
    return;
  }
  // Children are in their own process groups: take them down on every way out.
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
  const results = await runBench(options);
  const { markdown, files } = writeResults(results);
  console.log(`\n${markdown}`);
  console.log(
    `${results.wallSeconds} s; written: ${files.map((file) => path.relative(repoRoot, file)).join(", ")}`,
  );
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? "")) {
  main().catch((error: unknown) => {
    killAll();
    console.error(error);
    process.exit(1);
  });
}
