// The bench's report: the goals of the performance issue judged on one run, the markdown
// tables, and the files under the results folder.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { mb, micros, round2, x } from "./format.js";
import type { BenchOptions } from "./options.js";
import type { ListRun, MemoryResult, PostTarget, StoredCheck } from "./phases.js";
import { repoRoot } from "./processes.js";
import { ratio } from "./stats.js";

export interface Goal {
  goal: string;
  value: string;
  pass: boolean;
}

export interface Timings {
  runs: number[];
  median: number;
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
    /** CPU µs per POST at the fixed rate, stub over bare Fastify. */
    stubCpuToFastifyCpu: number;
    /** Median spawn-to-first-201, stub over bare Fastify. */
    coldStartStubToFastify: number;
    /** CPU µs per POST at the fixed rate: bare Fastify with one log line over bare Fastify. */
    fastifyLogLineCpuToFastifyCpu: number;
    /** CPU µs per POST at the fixed rate: the stub over bare Fastify with one log line. */
    stubCpuToFastifyLogLineCpu: number;
    /** Throughput at saturation: the stub over bare Fastify with one log line. */
    stubToFastifyLogLine: number;
  };
  stored: StoredCheck;
  /** Seconds of `npm run build` plus the bench scripts' JavaScript. */
  buildSeconds: number;
  coldStartMs: Record<"stub" | "fastify", Timings>;
  /** The testing helpers in fresh processes: import + first startStub(), and each further one. */
  testingMs: Record<"first" | "further", Timings>;
  list: ListRun[];
  /** Time of one GET (sequential median) at the larger store over the smaller, per query. */
  listPageCostRatio: Record<string, number>;
  memory: MemoryResult;
  goals: Goal[];
  wallSeconds: number;
}

export function goalsOf(results: Omit<BenchResults, "goals" | "wallSeconds">): Goal[] {
  const stub = results.post.find((target) => target.key === "stub") as PostTarget;
  const unpaged = results.listPageCostRatio[""] ?? Number.NaN;
  const { ratios, testingMs } = results;
  return [
    {
      goal: `cold start (spawn to first 201, median of ${results.coldStartMs.stub.runs.length}) <= 2.5x bare Fastify's`,
      value: `${x(ratios.coldStartStubToFastify)} (${Math.round(results.coldStartMs.stub.median)} vs ${Math.round(results.coldStartMs.fastify.median)} ms)`,
      pass: ratios.coldStartStubToFastify <= 2.5,
    },
    {
      goal: "fresh process: import of ./testing + first startStub() <= 250 ms",
      value: `${Math.round(testingMs.first.median)} ms`,
      pass: testingMs.first.median <= 250,
    },
    {
      goal: "each further startStub() <= 30 ms",
      value: `${round2(testingMs.further.median)} ms`,
      pass: testingMs.further.median <= 30,
    },
    {
      goal: `CPU per POST at ${results.options.cpuRate} req/s <= 1.3x bare Fastify's`,
      value: x(ratios.stubCpuToFastifyCpu),
      pass: ratios.stubCpuToFastifyCpu <= 1.3,
    },
    {
      goal: "POST throughput at saturation >= 0.7x bare Fastify",
      value: x(ratios.stubToFastify),
      pass: ratios.stubToFastify >= 0.7,
    },
    {
      goal: `p99 <= 2x bare Fastify's (${results.options.connections} connections)`,
      value: x(ratios.stubP99ToFastifyP99),
      pass: ratios.stubP99ToFastifyP99 <= 2,
    },
    {
      goal: "zero errors and zero non-2xx under load",
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

function rounded(values: number[]): string {
  return values.map((value) => Math.round(value)).join(", ");
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
  const { ratios } = results;
  lines.push(
    "",
    `The floor of logging: one pino line per request costs bare Fastify ${x(ratios.fastifyLogLineCpuToFastifyCpu)} its CPU per POST at ${options.cpuRate} req/s; ` +
      `against that server the stub is ${x(ratios.stubCpuToFastifyLogLineCpu)} in CPU per POST and ${x(ratios.stubToFastifyLogLine)} in throughput at saturation.`,
  );
  lines.push(
    "",
    `Cold start, spawn to the first 201 of the seed's POST (median of ${results.coldStartMs.stub.runs.length}, interleaved): ` +
      `stub (\`node dist/src/stub/server.js\`) ${Math.round(results.coldStartMs.stub.median)} ms (runs: ${rounded(results.coldStartMs.stub.runs)}), ` +
      `bare Fastify ${Math.round(results.coldStartMs.fastify.median)} ms (runs: ${rounded(results.coldStartMs.fastify.runs)}): ${x(results.ratios.coldStartStubToFastify)}.`,
    "",
    `Testing helpers, fresh process (median of ${results.testingMs.first.runs.length}): import of ./testing + first startStub() ${Math.round(results.testingMs.first.median)} ms (runs: ${rounded(results.testingMs.first.runs)}); ` +
      `each further startStub() ${round2(results.testingMs.further.median)} ms (median of ${results.testingMs.further.runs.length}). Build: ${results.buildSeconds} s.`,
    "",
    `List of assignments: one GET at a time, alternating between the two stores (median), then under load (${options.listConnections} connections, ${options.listRounds} × ${options.listDuration} s):`,
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
