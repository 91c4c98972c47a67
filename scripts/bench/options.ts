// The bench's options: defaults for a full run, the overrides of `--quick`, and the flags.
import { parseArgs } from "node:util";

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

// `--quick`: about a minute, with the same phases and the same store sizes.
const quickOverrides: Partial<BenchOptions> = {
  duration: 2,
  warmup: 1,
  rounds: 2,
  listDuration: 1,
  listConnections: 2,
  listRounds: 1,
  calibrationUs: 0,
};

export const usage = `Usage: npm run bench -- [options]

  --quick                  short runs (about a minute): ${JSON.stringify(quickOverrides)}
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
