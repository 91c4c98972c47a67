// `npm run bench`: the stub, as `npm start` runs it (the build, node dist/src/stub/server.js),
// against two baselines written for the bench (a plain node:http handler and a bare Fastify 5
// route) and a calibration target (bare Fastify plus a fixed busy-wait), each in its own process
// on 127.0.0.1 and a free port, driven by autocannon in interleaved rounds so that machine noise
// hits all alike. It reports ratios to the baselines of the same run: cold start (spawn to first
// 201), CPU per POST at a fixed rate, throughput and p99 at saturation; plus the testing helpers'
// start in fresh processes, the cost of a list page at two store sizes, and memory per
// assignment. Results go to bench-results/ (git-ignored) as JSON and markdown; tables are printed.
// scripts/bench/: options.ts (flags), compile.ts (the build), phases.ts (what is measured),
// report.ts (goals and tables), load.ts (autocannon), processes.ts (children, CPU and RSS), the
// baselines, the preloaded stub and the testing helpers' child.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileForBench } from "./bench/compile.js";
import { type BenchOptions, parseBenchOptions, usage } from "./bench/options.js";
import {
  coldStarts,
  type Logger,
  listPhase,
  listQueries,
  memoryPhase,
  type PostTarget,
  postPhase,
  testingStarts,
} from "./bench/phases.js";
import { killAll, repoRoot } from "./bench/processes.js";
import { type BenchResults, goalsOf, writeResults } from "./bench/report.js";
import { median, ratio, round } from "./bench/stats.js";

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
  log("build (npm run build) …");
  const buildMs = compileForBench();
  log("cold start …");
  const cold = await coldStarts(options, log);
  log("testing helpers …");
  const testing = await testingStarts(options, log);
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
  const logLine = byKey("fastifyLogLine");
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
      stubCpuToFastifyCpu: ratio(
        stub.fixedRateCpuUsPerRequest ?? Number.NaN,
        fastify.fixedRateCpuUsPerRequest ?? Number.NaN,
      ),
      coldStartStubToFastify: ratio(median(cold.stub), median(cold.fastify)),
      fastifyLogLineCpuToFastifyCpu: ratio(
        logLine.fixedRateCpuUsPerRequest ?? Number.NaN,
        fastify.fixedRateCpuUsPerRequest ?? Number.NaN,
      ),
      stubCpuToFastifyLogLineCpu: ratio(
        stub.fixedRateCpuUsPerRequest ?? Number.NaN,
        logLine.fixedRateCpuUsPerRequest ?? Number.NaN,
      ),
      stubToFastifyLogLine: ratio(stub.medianRps, logLine.medianRps),
    },
    stored,
    buildSeconds: round(buildMs / 1000, 1),
    coldStartMs: {
      stub: { runs: cold.stub, median: median(cold.stub) },
      fastify: { runs: cold.fastify, median: median(cold.fastify) },
    },
    testingMs: {
      first: { runs: testing.first, median: median(testing.first) },
      further: { runs: testing.further, median: median(testing.further) },
    },
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
