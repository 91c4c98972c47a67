// The bench's phases: cold starts (stub and bare Fastify, interleaved), the testing helpers'
// start in fresh processes, the interleaved POST rounds (with CPU per request and the id tally),
// list pages at two store sizes, and RSS with many stored assignments. Every target runs as
// JavaScript with plain node: the stub as `npm start` runs it (dist/src/stub/server.js).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { demoConfigurationId } from "../../src/stub/fixtures.js";
import { benchScript } from "./compile.js";
import { mb, round2 } from "./format.js";
import { type LoadRequest, load, type RunStats } from "./load.js";
import type { BenchOptions } from "./options.js";
import { cpuTimeOf, repoRoot, rssOf, type Server, start, stop } from "./processes.js";
import { median, sum } from "./stats.js";

/** `npm start`'s process: the built server, on a free port. */
const stubArgs = (nodeArgs: string[] = []) => [
  ...nodeArgs,
  "dist/src/stub/server.js",
  "--port",
  "0",
];

export type Logger = (line: string) => void;

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
  key: "stub" | "fastify" | "fastifyLogLine" | "calibration" | "http";
  label: string;
  rounds: RunStats[];
  warmup: RunStats | null;
  medianRps: number;
  medianP50: number;
  medianP99: number;
  /** The server process's CPU time (user + system) per completed request, median of the rounds. */
  medianCpuUsPerRequest: number | null;
  /** The same at `cpuRate` requests per second, a pace every target keeps up with (median). */
  fixedRateCpuUsPerRequest: number | null;
  /** Summed over warm-up, rounds and the fixed-rate run. */
  errors: number;
  timeouts: number;
  non2xx: number;
  ok: number;
  ids: { responses: number; distinct: number; missing: number };
  rssBytes: number | null;
}

export interface ColdStarts {
  /** ms from spawn to the first 201 of the seed's POST, per run. */
  stub: number[];
  fastify: number[];
}

/** Spawn to first 201, the stub and bare Fastify taking turns so that noise hits both alike. */
export async function coldStarts(options: BenchOptions, log: Logger): Promise<ColdStarts> {
  const times: ColdStarts = { stub: [], fastify: [] };
  const targets = [
    { key: "stub" as const, args: stubArgs() },
    { key: "fastify" as const, args: benchScript("baseline-fastify.ts") },
  ];
  for (let index = 0; index < options.coldStarts; index++) {
    for (const target of targets) {
      const started = performance.now();
      const server = await start(`${target.key} (cold start)`, process.execPath, target.args);
      try {
        await postOnce(server);
        times[target.key].push(performance.now() - started);
      } finally {
        await stop(server.child);
      }
    }
    log(
      `  cold start ${index + 1}/${options.coldStarts}: stub ${Math.round(times.stub.at(-1) ?? 0)} ms, bare Fastify ${Math.round(times.fastify.at(-1) ?? 0)} ms`,
    );
  }
  return times;
}

export interface TestingStarts {
  /** Per fresh process: ms of `import("./testing")` plus the first startStub(). */
  first: number[];
  /** Every further startStub() of those processes, in ms. */
  further: number[];
}

/** The testing helpers, as the built package serves them, in fresh processes. */
export async function testingStarts(options: BenchOptions, log: Logger): Promise<TestingStarts> {
  const result: TestingStarts = { first: [], further: [] };
  for (let index = 0; index < options.coldStarts; index++) {
    const output = execFileSync(process.execPath, benchScript("testing-start.ts"), {
      cwd: repoRoot,
      timeout: 60_000,
    }).toString();
    const { firstMs, furtherMs } = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as {
      firstMs: number;
      furtherMs: number[];
    };
    result.first.push(firstMs);
    result.further.push(...furtherMs);
    log(
      `  testing ${index + 1}/${options.coldStarts}: import + first startStub() ${Math.round(firstMs)} ms, further ${Math.round(median(furtherMs))} ms (median)`,
    );
  }
  return result;
}

/** One autocannon run, and the server process's CPU time (µs) per request it completed. */
async function loadWithCpu(
  server: Server,
  request: LoadRequest,
  options: Parameters<typeof load>[2],
): Promise<{ stats: RunStats; cpuUs: number | null }> {
  const before = cpuTimeOf(server.child.pid);
  const stats = await load(originOf(server), request, options);
  const after = cpuTimeOf(server.child.pid);
  const cpuUs =
    before === null || after === null || stats.completed === 0
      ? null
      : (after - before) / stats.completed;
  return { stats, cpuUs };
}

export async function postPhase(
  options: BenchOptions,
  log: Logger,
): Promise<{ targets: PostTarget[]; stored: StoredCheck }> {
  const profileDir = path.resolve(repoRoot, options.out, "profiles");
  if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
  const stubNodeArgs = options.cpuProf ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const specs: { key: PostTarget["key"]; label: string; args: string[] }[] = [
    {
      key: "stub",
      label: "stub (npm start: node dist/src/stub/server.js)",
      args: stubArgs(stubNodeArgs),
    },
    {
      key: "fastify",
      label: "bare Fastify 5 route",
      args: benchScript("baseline-fastify.ts"),
    },
    {
      key: "fastifyLogLine",
      label: "bare Fastify 5 route + one pino log line per request",
      args: benchScript("baseline-fastify.ts", ["--log-line"]),
    },
    ...(options.calibrationUs > 0
      ? [
          {
            key: "calibration" as const,
            label: `bare Fastify 5 route + ${options.calibrationUs} µs busy-wait per request`,
            args: benchScript("baseline-fastify.ts", ["--busy-us", String(options.calibrationUs)]),
          },
        ]
      : []),
    { key: "http", label: "plain node:http", args: benchScript("baseline-http.ts") },
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
    // Each round also runs every target at a fixed rate that all of them keep up with: CPU per
    // request without the load generator's pace in it (a saturated server also pays to wake it
    // more often). Its median over the rounds is the figure.
    const fixedRate: { stats: RunStats; cpuUs: number | null }[][] = specs.map(() => []);
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, server] of servers.entries()) {
        const { stats, cpuUs } = await loadWithCpu(server, request(index), {
          connections: options.connections,
          duration: options.duration,
        });
        rounds[index]?.push(stats);
        if (cpuUs !== null) cpuPerRequest[index]?.push(cpuUs);
        const paced = await loadWithCpu(server, request(index), {
          connections: 10,
          duration: options.duration,
          rate: options.cpuRate,
        });
        fixedRate[index]?.push(paced);
        log(
          `  round ${round + 1}/${options.rounds} ${specs[index]?.key}: ${Math.round(stats.rps)} req/s, p99 ${stats.p99} ms` +
            (cpuUs === null ? "" : `, ${cpuUs.toFixed(1)} µs CPU per request`) +
            `; at ${options.cpuRate} req/s ${paced.cpuUs === null ? "n/a" : paced.cpuUs.toFixed(1)} µs`,
        );
      }
    }
    const targets = specs.map((spec, index): PostTarget => {
      const runs = rounds[index] ?? [];
      const paced = fixedRate[index] ?? [];
      const pacedCpu = paced.flatMap((run) => (run.cpuUs === null ? [] : [run.cpuUs]));
      const all = [
        ...runs,
        ...(warmups[index] ? [warmups[index] as RunStats] : []),
        ...paced.map((run) => run.stats),
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
        fixedRateCpuUsPerRequest: pacedCpu.length > 0 ? median(pacedCpu) : null,
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

export const listQueries = ["", "?$top=100"];

async function timedGet(url: string): Promise<{ ms: number; bytes: number }> {
  const before = performance.now();
  const response = await fetch(url, { headers: getHeaders });
  const bytes = (await response.arrayBuffer()).byteLength;
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return { ms: performance.now() - before, bytes };
}

/**
 * Times GETs one at a time, alternating between the URLs (A B, A B, …) so that machine noise
 * hits each alike, after 10 untimed GETs each: 100 per URL, or as many as fit in 5 s (at least 3).
 */
async function alternatingGets(urls: string[]): Promise<{ times: number[][]; bytes: number[] }> {
  const times: number[][] = urls.map(() => []);
  const bytes: number[] = urls.map(() => 0);
  for (let warmup = 0; warmup < 10; warmup++) for (const url of urls) await timedGet(url);
  const started = performance.now();
  for (let index = 0; index < 100; index++) {
    if (index >= 3 && performance.now() - started > 5_000) break;
    for (const [which, url] of urls.entries()) {
      const { ms, bytes: size } = await timedGet(url);
      times[which]?.push(ms);
      bytes[which] = size;
    }
  }
  return { times, bytes };
}

export async function listPhase(options: BenchOptions, log: Logger): Promise<ListRun[]> {
  const servers: Server[] = [];
  try {
    for (const size of options.listSizes) {
      servers.push(
        await start(
          `stub with ${size} assignments`,
          process.execPath,
          benchScript("stub-preloaded.ts", ["--assignments", String(size)], ["--expose-gc"]),
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
    for (const query of listQueries) {
      const { times, bytes } = await alternatingGets(
        servers.map((server) => `${originOf(server)}${assignmentsPath}${query}`),
      );
      for (const [index, size] of options.listSizes.entries()) {
        const run = runs.find((r) => r.size === size && r.query === query) as ListRun;
        run.sequentialMs = median(times[index] ?? []);
        run.sequentialRuns = times[index]?.length ?? 0;
        run.bytesPerResponse = bytes[index] ?? 0;
      }
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

export async function memoryPhase(options: BenchOptions, log: Logger): Promise<MemoryResult> {
  const rss: (number | null)[] = [];
  let loadMs: number | null = null;
  for (const count of [0, options.memoryAssignments]) {
    const started = performance.now();
    const server = await start(
      `stub with ${count} assignments`,
      process.execPath,
      benchScript("stub-preloaded.ts", ["--assignments", String(count)], ["--expose-gc"]),
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
