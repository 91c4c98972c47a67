// `npm run contract -- --base-url URL [options]`: checks a server against openapi.yaml.
import { parseArgs } from "node:util";
import { defaultTimeoutMs } from "./http.js";
import { graphOperations } from "./operations.js";
import { prepareOutput, writeReport } from "./output.js";
import {
  baseUrlHint,
  formatCreated,
  formatResult,
  formatSummary,
  formatUnreachable,
  junit,
  tap,
} from "./report.js";
import { runContract } from "./run.js";

export const contractUsage = `Usage: npm run contract -- --base-url URL [options]
       (installed: npx graph-officeconfiguration-contract --base-url URL [options])

Checks any server that claims to implement openapi.yaml: the spec's examples, negative cases
derived from its schemas, bodies generated from them, and create-then-read round trips.

      --base-url <url>     the service root with /beta, e.g. http://127.0.0.1:3000/beta (env CONTRACT_BASE_URL)
      --token <t>          bearer token for authorized requests (env GRAPH_TOKEN; default local-dev-token)
      --seed <n>           seed of generated bodies and ids (default: random, printed)
      --cases <n>          generated bodies per operation with a body (default 25; 0 skips them)
      --operation <id>     check only this operationId (repeatable; default: every operation)
      --param <name=id>    a fixed path parameter value, e.g. --param officeClientConfigurationId=… (repeatable)
      --timeout <ms>       how long one request may take, headers and body (default ${defaultTimeoutMs})
      --keep               leave the entities the run creates on the target (default: delete them at the end)
      --reporter <r>       also write a junit or tap report ...
      --output <file>      ... to this file (required with --reporter; missing folders are created)
  -h, --help               show this help

A request that gets no reply (refused, reset, closed, timed out) fails its case, with the cause.
Exit code: 0 when every case passes, 1 on any violation, 2 on a usage error (an --output that
cannot be written is one, found before the run), when the target does not answer at all (before
or during the run), or when the report could not be written.
`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

function integer(
  name: string,
  value: string | undefined,
  max: number,
  min = 0,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got '${value}')`);
  }
  return number;
}

/** Runs the CLI; resolves with the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const env = io.env ?? process.env;
  let options: {
    baseUrl: string;
    token?: string;
    seed?: number;
    cases?: number;
    params: Record<string, string>;
    only?: string[];
    reporter?: "junit" | "tap";
    output?: string;
    timeoutMs?: number;
    keep?: boolean;
  };
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        "base-url": { type: "string" },
        token: { type: "string" },
        seed: { type: "string" },
        cases: { type: "string" },
        param: { type: "string", multiple: true },
        operation: { type: "string", multiple: true },
        reporter: { type: "string" },
        output: { type: "string" },
        timeout: { type: "string" },
        keep: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout(contractUsage);
      return 0;
    }
    const baseUrl = values["base-url"] ?? env.CONTRACT_BASE_URL;
    if (!baseUrl) throw new Error("--base-url is required");
    if (!/^https?:\/\//.test(baseUrl))
      throw new Error(`--base-url must be an http(s) URL (got '${baseUrl}')`);
    const reporter = values.reporter;
    if (reporter !== undefined && reporter !== "junit" && reporter !== "tap") {
      throw new Error(`--reporter must be junit or tap (got '${reporter}')`);
    }
    if (reporter && !values.output) throw new Error("--reporter needs --output FILE");
    const known = graphOperations.map((info) => info.operationId as string);
    for (const id of values.operation ?? []) {
      if (!known.includes(id))
        throw new Error(`--operation: openapi.yaml has no operation '${id}'`);
    }
    const params: Record<string, string> = {};
    for (const pair of values.param ?? []) {
      const at = pair.indexOf("=");
      if (at < 1) throw new Error(`--param must be name=value (got '${pair}')`);
      params[pair.slice(0, at)] = pair.slice(at + 1);
    }
    options = {
      baseUrl,
      token: values.token ?? (env.GRAPH_TOKEN || undefined),
      seed: integer("--seed", values.seed, 2 ** 31 - 1),
      cases: integer("--cases", values.cases, 10_000),
      params,
      only: values.operation,
      reporter,
      output: values.output,
      timeoutMs: integer("--timeout", values.timeout, 600_000, 1),
      keep: values.keep,
    };
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${contractUsage}`);
    return 2;
  }
  // Checked before any request: a report that cannot be written is a usage error, not a crash
  // after the run (which would exit 1, "contract violated").
  const outputProblem =
    options.reporter && options.output ? prepareOutput(options.output) : undefined;
  if (outputProblem) {
    io.stderr(`${outputProblem}\n`);
    return 2;
  }
  io.stdout(`Checking ${options.baseUrl} against openapi.yaml\n`);
  const hint = baseUrlHint(options.baseUrl);
  if (hint) io.stderr(`${hint}\n`);
  const report = await runContract({
    ...options,
    fetch: io.fetch,
    onResult: (result) => io.stdout(`${formatResult(result)}\n`),
  });
  if (report.unreachable !== undefined && report.results.length === 0) {
    io.stderr(`${formatUnreachable(report)}\n`);
    return 2;
  }
  io.stdout(`${formatSummary(report)}\n${formatCreated(report)}\n`);
  if (report.unreachable !== undefined) io.stderr(`${formatUnreachable(report)}\n`);
  if (options.reporter && options.output) {
    const text = options.reporter === "junit" ? junit(report) : tap(report);
    const problem = writeReport(options.output, text);
    if (problem) {
      io.stderr(`${problem}\n`);
      return 2;
    }
    io.stdout(`${options.reporter} report written to ${options.output}\n`);
  }
  if (report.unreachable !== undefined) return 2;
  return report.failed === 0 ? 0 : 1;
}
