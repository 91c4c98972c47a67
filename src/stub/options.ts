// The stub's options: their type, defaults, and parsing from flags and the environment.
// The README's options table mirrors this file.
import { parseArgs } from "node:util";
import type { FaultStatus } from "./faults.js";
import type { Fixtures } from "./fixtures.js";

export type AuthMode = "token" | "jwt" | "none";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** Options of `buildApp`. */
export interface AppOptions {
  /** What the stub starts with: a fixtures file path or object. Default: the demo configuration. */
  fixtures?: string | Fixtures;
  /** Keep state in this SQLite file, across restarts; fixtures load only into a new file. Default: in memory. */
  data?: string;
  /** `token`: any bearer token, JWTs are checked for scopes; `jwt`: bearer must be a JWT; `none`: no auth. Default `token`. */
  auth: AuthMode;
  /** Verify JWT signatures with this HS256 secret. Default: signatures are not verified. */
  jwtSecret?: string;
  /** Verify JWT signatures with this JWKS (file path or http(s) URL). Default: not verified. */
  jwks?: string;
  /** Pino log level. Default `info`. */
  logLevel: LogLevel;
  /** Largest request body in bytes; a larger one gets 413. Default 4 MiB, as Graph. */
  bodyLimit: number;
  /** The most items a list page holds before `@odata.nextLink`. Default 100. */
  pageSize: number;
  /** Share of Graph requests answered with an injected fault, 0 to 1. Default 0. */
  faultRate: number;
  /** Statuses injected faults pick from. Default 429, 503, 504. */
  faultStatuses: FaultStatus[];
  /** Seed of the fault and latency sequence, for reproducible runs. Default 1. */
  faultSeed: number;
  /** Latency added to every Graph request, in ms: `[min, max]`. Default `[0, 0]`. */
  latency: [number, number];
  /** Retry-After seconds on injected 429 and 503. Default 2. */
  retryAfter: number;
  /** Validate every reply against openapi.yaml before sending it; a violation is logged and answered with 500. Default off (speed). */
  selfCheck: boolean;
  /** Serve over TLS with a locally generated certificate (kept in `certDir`). Default off. */
  https: boolean;
  /** Where `--https` keeps its CA and server certificate. Default `.stub-certs` in the working directory. */
  certDir: string;
}

/** Options of `npm start`: the app's, plus where to listen. */
export interface ServerOptions extends AppOptions {
  /** TCP port. Default 3000. */
  port: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host: string;
}

export const defaultAppOptions: AppOptions = {
  auth: "token",
  logLevel: "info",
  bodyLimit: 4 * 1024 * 1024,
  pageSize: 100,
  faultRate: 0,
  faultStatuses: [429, 503, 504],
  faultSeed: 1,
  latency: [0, 0],
  retryAfter: 2,
  selfCheck: false,
  https: false,
  certDir: ".stub-certs",
};

export const defaultServerOptions: ServerOptions = {
  ...defaultAppOptions,
  port: 3000,
  host: "127.0.0.1",
};

const authModes: AuthMode[] = ["token", "jwt", "none"];
const logLevels: LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function oneOf<T extends string>(name: string, value: string, allowed: T[]): T {
  if ((allowed as string[]).includes(value)) return value as T;
  throw new Error(`${name} must be one of ${allowed.join(", ")} (got '${value}')`);
}

function flag(name: string, value: string): boolean {
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new Error(`${name} must be true or false (got '${value}')`);
}

function positiveInteger(name: string, value: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max) {
    throw new Error(`${name} must be an integer from 0 to ${max} (got '${value}')`);
  }
  return number;
}

/** Reads flags first, then environment variables, then defaults. Throws on a bad value. */
export function parseServerOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): ServerOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      fixtures: { type: "string" },
      data: { type: "string" },
      auth: { type: "string" },
      "jwt-secret": { type: "string" },
      jwks: { type: "string" },
      "log-level": { type: "string" },
      "body-limit": { type: "string" },
      "page-size": { type: "string" },
      "fault-rate": { type: "string" },
      "fault-statuses": { type: "string" },
      "fault-seed": { type: "string" },
      latency: { type: "string" },
      "retry-after": { type: "string" },
      "self-check": { type: "boolean" },
      https: { type: "boolean" },
      "cert-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const pick = (flag: string | undefined, variable: string): string | undefined =>
    flag ?? (env[variable] === "" ? undefined : env[variable]);

  const port = pick(values.port, "PORT");
  const auth = pick(values.auth, "STUB_AUTH");
  const logLevel = pick(values["log-level"], "LOG_LEVEL");
  const bodyLimit = pick(values["body-limit"], "STUB_BODY_LIMIT");
  const pageSize = pick(values["page-size"], "STUB_PAGE_SIZE");
  const faultRate = pick(values["fault-rate"], "STUB_FAULT_RATE");
  const faultStatuses = pick(values["fault-statuses"], "STUB_FAULT_STATUSES");
  const faultSeed = pick(values["fault-seed"], "STUB_FAULT_SEED");
  const latency = pick(values.latency, "STUB_LATENCY");
  const retryAfter = pick(values["retry-after"], "STUB_RETRY_AFTER");
  const selfCheck = values["self-check"] ? "true" : pick(undefined, "STUB_SELF_CHECK");
  const https = values.https ? "true" : pick(undefined, "STUB_HTTPS");
  return {
    help: values.help === true,
    port: port === undefined ? defaultServerOptions.port : positiveInteger("--port", port, 65535),
    host: pick(values.host, "HOST") ?? defaultServerOptions.host,
    fixtures: pick(values.fixtures, "STUB_FIXTURES"),
    data: pick(values.data, "STUB_DATA"),
    auth: auth === undefined ? defaultServerOptions.auth : oneOf("--auth", auth, authModes),
    jwtSecret: pick(values["jwt-secret"], "STUB_JWT_SECRET"),
    jwks: pick(values.jwks, "STUB_JWKS"),
    logLevel:
      logLevel === undefined
        ? defaultServerOptions.logLevel
        : oneOf("--log-level", logLevel, logLevels),
    bodyLimit:
      bodyLimit === undefined
        ? defaultServerOptions.bodyLimit
        : positiveInteger("--body-limit", bodyLimit, 1024 * 1024 * 1024),
    pageSize:
      pageSize === undefined
        ? defaultServerOptions.pageSize
        : Math.max(1, positiveInteger("--page-size", pageSize, 100_000)),
    faultRate:
      faultRate === undefined ? defaultServerOptions.faultRate : share("--fault-rate", faultRate),
    faultStatuses:
      faultStatuses === undefined
        ? defaultServerOptions.faultStatuses
        : faultStatuses
            .split(",")
            .map(
              (status) =>
                Number(
                  oneOf("--fault-statuses", status.trim(), ["429", "500", "502", "503", "504"]),
                ) as FaultStatus,
            ),
    faultSeed:
      faultSeed === undefined
        ? defaultServerOptions.faultSeed
        : positiveInteger("--fault-seed", faultSeed, 2 ** 32 - 1),
    latency: latency === undefined ? defaultServerOptions.latency : range("--latency", latency),
    retryAfter:
      retryAfter === undefined
        ? defaultServerOptions.retryAfter
        : positiveInteger("--retry-after", retryAfter, 3600),
    selfCheck:
      selfCheck === undefined ? defaultServerOptions.selfCheck : flag("STUB_SELF_CHECK", selfCheck),
    https: https === undefined ? defaultServerOptions.https : flag("STUB_HTTPS", https),
    certDir: pick(values["cert-dir"], "STUB_CERT_DIR") ?? defaultServerOptions.certDir,
  };
}

function share(name: string, value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new Error(`${name} must be a number from 0 to 1 (got '${value}')`);
  }
  return number;
}

/** `250` or `100-400` (ms). */
function range(name: string, value: string): [number, number] {
  const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(value.trim());
  const min = Number(match?.[1]);
  const max = Number(match?.[2] ?? match?.[1]);
  if (!match || max < min)
    throw new Error(`${name} must be milliseconds, N or MIN-MAX (got '${value}')`);
  return [min, max];
}

export const usage = `Usage: npm start -- [options]

  -p, --port <n>         TCP port (env PORT; default 3000)
      --host <addr>      interface to listen on (env HOST; default 127.0.0.1)
      --fixtures <file>  JSON fixtures to start with (env STUB_FIXTURES; default: the demo configuration)
      --data <file>      keep state in this SQLite file across restarts (env STUB_DATA; default: in memory)
      --auth <mode>      token | jwt | none (env STUB_AUTH; default token)
      --jwt-secret <s>   verify JWT signatures with this HS256 secret (env STUB_JWT_SECRET)
      --jwks <file|url>  verify JWT signatures with this JWKS (env STUB_JWKS)
      --log-level <l>    fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL; default info)
      --body-limit <n>   largest request body in bytes (env STUB_BODY_LIMIT; default 4194304)
      --page-size <n>    most items per list page before @odata.nextLink (env STUB_PAGE_SIZE; default 100)
      --fault-rate <r>   share of Graph requests that fail, 0 to 1 (env STUB_FAULT_RATE; default 0)
      --fault-statuses <list>  statuses faults pick from (env STUB_FAULT_STATUSES; default 429,503,504)
      --fault-seed <n>   seed for a reproducible fault sequence (env STUB_FAULT_SEED; default 1)
      --latency <ms>     added latency, N or MIN-MAX ms (env STUB_LATENCY; default 0)
      --retry-after <s>  Retry-After seconds on injected 429/503 (env STUB_RETRY_AFTER; default 2)
      --https            serve over TLS; the certificate is generated at first start (env STUB_HTTPS)
      --cert-dir <dir>   where --https keeps ca.pem, cert.pem, key.pem (env STUB_CERT_DIR; default .stub-certs)
      --self-check       validate every reply against openapi.yaml; a violation → 500 (env STUB_SELF_CHECK; default off)
  -h, --help             show this help
`;
