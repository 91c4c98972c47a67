// The stub's options as one table: each entry's flag, environment variable, default, accepted
// values and description yield the flag parsing, `--help`, and the options table in
// docs/stub.md (`npm run docs:options` writes it; test/stub/options-docs.test.ts holds it equal).
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type FaultStatus, maxLatencyMs, maxRetryAfterSeconds } from "./faults.js";
import type { Fixtures } from "./fixtures.js";

export type AuthMode = "token" | "jwt" | "none";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export type LogFormat = "json" | "pretty";

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
  /** Every JWT's `iss` must be exactly this (e.g. `https://sts.windows.net/{tenant}/`). Default: not checked. */
  issuer?: string;
  /** Pino log level. Default `info`. */
  logLevel: LogLevel;
  /** Largest request body in bytes; a larger one gets 413. Default 4 MiB, as Graph. */
  bodyLimit: number;
  /** The whole request, headers and body, must arrive within this many ms; else 408. Default 30000. */
  requestTimeout: number;
  /** In memory: the most bytes of entities (as JSON) kept; a write past it gets 507. Default 256 MiB. */
  maxStoredBytes: number;
  /** The most items a list page holds before `@odata.nextLink`. Default 100. */
  pageSize: number;
  /** Most nodes in one `$filter` (ASP.NET OData's `MaxNodeCount`); more is a 400. Default 100. */
  maxFilterNodes: number;
  /** Deepest nesting of parentheses and `not` in one `$filter`; deeper is a 400. Default 50. */
  maxFilterDepth: number;
  /** Most `$orderby` keys (ASP.NET OData's `MaxOrderByNodeCount`); more is a 400. Default 5. */
  maxOrderbyKeys: number;
  /** The most problems a validation 400 lists in `error.details`; the rest are counted. Default 20. */
  maxErrorDetails: number;
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
  /** `json`: one JSON line per event, for machines; `pretty`: one readable line per request (pino-pretty). Default `json`. */
  logFormat: LogFormat;
  /** The most requests the journal (`GET /_stub/requests`) keeps, oldest dropped first; 0 keeps none. Default 1000. */
  journalSize: number;
  /** The largest JSON request body, in bytes, the journal keeps with its entry. Default 16384. */
  journalBytes: number;
  /** Every /_stub control then needs `Authorization: Bearer <token>`. Default: none needed. */
  controlToken?: string;
}

/** Options of `npm start`: the app's, plus where to listen. */
export interface ServerOptions extends AppOptions {
  /** TCP port. Default 3000. */
  port: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host: string;
}

/** What an option accepts: shown in the docs, enforced by `parse`. */
interface Accepts<T> {
  /** The accepted values as the docs' table shows them (Markdown). */
  accepts: string;
  /** The value of `text`; throws an Error whose one-line message names the option (`name`). */
  parse(text: string, name: string): T;
}

/** One option of the stub: how it is given, its default, what it accepts and what it does. */
export interface StubOption<T> extends Accepts<T> {
  /** The long flag without `--`, e.g. `page-size`. */
  flag: string;
  /** A one-letter flag, e.g. `p`. */
  short?: string;
  /** The environment variable read when the flag is absent. */
  env: string;
  /** The value's placeholder in `--help` and the docs, e.g. `N`; a switch (no value) has none. */
  arg?: string;
  /** The value when neither the flag nor the variable is set. */
  default: T;
  /** The default as a reader sees it (Markdown), when it is not the value itself. */
  shown?: string;
  /** What the option does, one line (Markdown). */
  description: string;
}

type OptionTable = { [K in keyof Required<ServerOptions>]: StubOption<ServerOptions[K]> };

const text: Accepts<string> = { accepts: "a path", parse: (value) => value };

function integer(min: number, max: number): Accepts<number> {
  return {
    accepts: `${min} to ${max}`,
    parse(value, name) {
      const number = Number(value);
      if (value.trim() === "" || !Number.isInteger(number) || number < min || number > max) {
        throw new Error(`${name} must be an integer from ${min} to ${max} (got '${value}')`);
      }
      return number;
    },
  };
}

function oneOf<T extends string>(allowed: readonly T[]): Accepts<T> {
  return {
    accepts: allowed.map((item) => `\`${item}\``).join(", "),
    parse(value, name) {
      const found = allowed.find((item) => item === value);
      if (found === undefined) {
        throw new Error(`${name} must be one of ${allowed.join(", ")} (got '${value}')`);
      }
      return found;
    },
  };
}

const share: Accepts<number> = {
  accepts: "0 to 1",
  parse(value, name) {
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 1) {
      throw new Error(`${name} must be a number from 0 to 1 (got '${value}')`);
    }
    return number;
  },
};

/** `250` or `100-400` (ms), at most maxLatencyMs: a wait is never longer than a minute. */
const milliseconds: Accepts<[number, number]> = {
  accepts: `\`N\` or \`MIN-MAX\`, 0 to ${maxLatencyMs} ms`,
  parse(value, name) {
    const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(value.trim());
    const min = Number(match?.[1]);
    const max = Number(match?.[2] ?? match?.[1]);
    if (!match || max < min || max > maxLatencyMs) {
      throw new Error(
        `${name} must be milliseconds, N or MIN-MAX, 0 to ${maxLatencyMs} (got '${value}')`,
      );
    }
    return [min, max];
  },
};

/** The statuses openapi.yaml's stubFault allows. */
const faultStatusList: FaultStatus[] = [429, 500, 502, 503, 504];

const faultStatuses: Accepts<FaultStatus[]> = {
  accepts: `comma-separated, of ${faultStatusList.join(", ")}`,
  parse(value, name) {
    return value.split(",").map((item) => {
      const found = faultStatusList.find((status) => String(status) === item.trim());
      if (found === undefined) {
        throw new Error(
          `${name} must be one of ${faultStatusList.join(", ")} (got '${item.trim()}')`,
        );
      }
      return found;
    });
  },
};

/** A switch: the flag alone turns it on; its variable takes a word. */
const onOff: Accepts<boolean> = {
  accepts: "the flag, or the variable `1`/`true`/`yes`/`on`, `0`/`false`/`no`/`off`",
  parse(value, name) {
    if (["1", "true", "yes", "on"].includes(value)) return true;
    if (["0", "false", "no", "off"].includes(value)) return false;
    throw new Error(`${name} must be true or false (got '${value}')`);
  },
};

/** Every option of the stub, in the order `--help` and the docs list them. */
export const stubOptions: OptionTable = {
  port: {
    flag: "port",
    short: "p",
    env: "PORT",
    arg: "N",
    default: 3000,
    ...integer(0, 65535),
    description: "TCP port (`0` picks a free one)",
  },
  host: {
    flag: "host",
    env: "HOST",
    arg: "ADDR",
    default: "127.0.0.1",
    accepts: "an interface address or host name",
    parse: text.parse,
    description: "interface to listen on",
  },
  fixtures: {
    flag: "fixtures",
    env: "STUB_FIXTURES",
    arg: "FILE",
    default: undefined,
    shown: "the demo configuration",
    ...text,
    description: "JSON state to start with, checked against the spec at start",
  },
  data: {
    flag: "data",
    env: "STUB_DATA",
    arg: "FILE",
    default: undefined,
    shown: "in memory",
    ...text,
    description: "keep state in this SQLite file across restarts",
  },
  auth: {
    flag: "auth",
    env: "STUB_AUTH",
    arg: "MODE",
    default: "token",
    ...oneOf<AuthMode>(["token", "jwt", "none"]),
    description:
      "`token`: any bearer, JWTs scope-checked; `jwt`: bearer must be a JWT; `none`: no auth",
  },
  jwtSecret: {
    flag: "jwt-secret",
    env: "STUB_JWT_SECRET",
    arg: "SECRET",
    default: undefined,
    shown: "off",
    accepts: "any text",
    parse: text.parse,
    description: "verify HS256 JWT signatures with this secret",
  },
  jwks: {
    flag: "jwks",
    env: "STUB_JWKS",
    arg: "FILE|URL",
    default: undefined,
    shown: "off",
    accepts: "a path or an http(s) URL",
    parse: text.parse,
    description: "verify JWT signatures with this JSON Web Key Set",
  },
  issuer: {
    flag: "issuer",
    env: "STUB_ISSUER",
    arg: "ISS",
    default: undefined,
    shown: "not checked",
    accepts: "any text",
    parse: text.parse,
    description: 'every JWT\'s `iss` must be exactly this (else 401 "Invalid issuer.")',
  },
  logLevel: {
    flag: "log-level",
    env: "LOG_LEVEL",
    arg: "LEVEL",
    default: "info",
    ...oneOf<LogLevel>(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    description: "the least severe log line written to stdout",
  },
  bodyLimit: {
    flag: "body-limit",
    env: "STUB_BODY_LIMIT",
    arg: "BYTES",
    default: 4 * 1024 * 1024,
    ...integer(0, 1024 * 1024 * 1024),
    description: "largest request body in bytes, as Graph's 4 MiB (larger: 413)",
  },
  requestTimeout: {
    flag: "request-timeout",
    env: "STUB_REQUEST_TIMEOUT",
    arg: "MS",
    default: 30_000,
    ...integer(100, 600_000),
    description:
      "the whole request (headers and body) must arrive within this many ms, else 408 and the connection is closed",
  },
  maxStoredBytes: {
    flag: "max-stored-bytes",
    env: "STUB_MAX_STORED_BYTES",
    arg: "N",
    default: 256 * 1024 * 1024,
    shown: "`268435456` (256 MiB)",
    ...integer(0, 2 ** 40),
    description:
      "in memory: most bytes of entities (as JSON) kept; a write past it gets 507 `quotaLimitReached`",
  },
  pageSize: {
    flag: "page-size",
    env: "STUB_PAGE_SIZE",
    arg: "N",
    default: 100,
    accepts: "0 to 100000 (0 counts as 1)",
    parse: (value, name) => Math.max(1, integer(0, 100_000).parse(value, name)),
    description: "most items in a list page before `@odata.nextLink`",
  },
  maxFilterNodes: {
    flag: "max-filter-nodes",
    env: "STUB_MAX_FILTER_NODES",
    arg: "N",
    default: 100,
    ...integer(1, 10_000),
    description:
      "most nodes (operators, properties, literals, calls) in one `$filter`, as ASP.NET OData's `MaxNodeCount` (more: 400)",
  },
  maxFilterDepth: {
    flag: "max-filter-depth",
    env: "STUB_MAX_FILTER_DEPTH",
    arg: "N",
    default: 50,
    ...integer(1, 1000),
    description: "deepest nesting of parentheses and `not` in one `$filter` (deeper: 400)",
  },
  maxOrderbyKeys: {
    flag: "max-orderby-keys",
    env: "STUB_MAX_ORDERBY_KEYS",
    arg: "N",
    default: 5,
    ...integer(1, 100),
    description:
      "most keys in one `$orderby`, as ASP.NET OData's `MaxOrderByNodeCount` (more: 400; a repeated key is always a 400)",
  },
  maxErrorDetails: {
    flag: "max-error-details",
    env: "STUB_MAX_ERROR_DETAILS",
    arg: "N",
    default: 20,
    ...integer(1, 1000),
    description: "most problems a validation 400 lists in `error.details` (the rest are counted)",
  },
  faultRate: {
    flag: "fault-rate",
    env: "STUB_FAULT_RATE",
    arg: "R",
    default: 0,
    ...share,
    description: "share of Graph requests answered with an injected fault",
  },
  faultStatuses: {
    flag: "fault-statuses",
    env: "STUB_FAULT_STATUSES",
    arg: "LIST",
    default: [429, 503, 504],
    shown: "`429,503,504`",
    ...faultStatuses,
    description: "statuses random faults pick from",
  },
  faultSeed: {
    flag: "fault-seed",
    env: "STUB_FAULT_SEED",
    arg: "N",
    default: 1,
    ...integer(0, 2 ** 32 - 1),
    description: "seed of the fault and latency sequence: the same seed, the same run",
  },
  latency: {
    flag: "latency",
    env: "STUB_LATENCY",
    arg: "MS",
    default: [0, 0],
    shown: "`0`",
    ...milliseconds,
    description: "added latency per Graph request",
  },
  retryAfter: {
    flag: "retry-after",
    env: "STUB_RETRY_AFTER",
    arg: "SECONDS",
    default: 2,
    ...integer(0, maxRetryAfterSeconds),
    description: "`Retry-After` seconds on random 429 and 503 faults",
  },
  selfCheck: {
    flag: "self-check",
    env: "STUB_SELF_CHECK",
    default: false,
    shown: "off",
    ...onOff,
    description:
      "validate every reply against openapi.yaml before sending it; a violation is a 500",
  },
  https: {
    flag: "https",
    env: "STUB_HTTPS",
    default: false,
    shown: "off",
    ...onOff,
    description: "serve over TLS with a locally generated certificate",
  },
  certDir: {
    flag: "cert-dir",
    env: "STUB_CERT_DIR",
    arg: "DIR",
    default: ".stub-certs",
    ...text,
    description: "where `--https` keeps its CA and certificate (`ca.pem`, `cert.pem`, `key.pem`)",
  },
  logFormat: {
    flag: "log-format",
    env: "LOG_FORMAT",
    arg: "FORMAT",
    default: "json",
    ...oneOf<LogFormat>(["json", "pretty"]),
    description: "`json` lines for machines, or `pretty`: one readable line per request",
  },
  journalSize: {
    flag: "journal-size",
    env: "STUB_JOURNAL_SIZE",
    arg: "N",
    default: 1000,
    ...integer(0, 100_000),
    description: "most requests `GET /_stub/requests` keeps, oldest dropped first (`0`: none)",
  },
  journalBytes: {
    flag: "journal-bytes",
    env: "STUB_JOURNAL_BYTES",
    arg: "BYTES",
    default: 16 * 1024,
    ...integer(0, 1024 * 1024 * 1024),
    description: "largest JSON request body the journal keeps (larger: size only)",
  },
  controlToken: {
    flag: "control-token",
    env: "STUB_CONTROL_TOKEN",
    arg: "TOKEN",
    default: undefined,
    shown: "none",
    accepts: "any text",
    parse: text.parse,
    description: "`/_stub` controls then need `Authorization: Bearer TOKEN`",
  },
};

type Every<T> = { [K in keyof Required<T>]: T[K] };

/** Every option, each from `value`: tsc holds this list equal to ServerOptions. */
function everyOption(
  value: <K extends keyof ServerOptions>(key: K) => ServerOptions[K],
): Every<ServerOptions> {
  return {
    port: value("port"),
    host: value("host"),
    fixtures: value("fixtures"),
    data: value("data"),
    auth: value("auth"),
    jwtSecret: value("jwtSecret"),
    jwks: value("jwks"),
    issuer: value("issuer"),
    logLevel: value("logLevel"),
    bodyLimit: value("bodyLimit"),
    requestTimeout: value("requestTimeout"),
    maxStoredBytes: value("maxStoredBytes"),
    pageSize: value("pageSize"),
    maxFilterNodes: value("maxFilterNodes"),
    maxFilterDepth: value("maxFilterDepth"),
    maxOrderbyKeys: value("maxOrderbyKeys"),
    maxErrorDetails: value("maxErrorDetails"),
    faultRate: value("faultRate"),
    faultStatuses: value("faultStatuses"),
    faultSeed: value("faultSeed"),
    latency: value("latency"),
    retryAfter: value("retryAfter"),
    selfCheck: value("selfCheck"),
    https: value("https"),
    certDir: value("certDir"),
    logFormat: value("logFormat"),
    journalSize: value("journalSize"),
    journalBytes: value("journalBytes"),
    controlToken: value("controlToken"),
  };
}

export const defaultServerOptions: ServerOptions = everyOption((key) => stubOptions[key].default);

const { port: _port, host: _host, ...appDefaults } = defaultServerOptions;
export const defaultAppOptions: AppOptions = appDefaults;

/** The flag's name in messages: `--flag`, or for a switch (which takes no text) its variable. */
function nameOf(option: StubOption<unknown>): string {
  return option.arg === undefined ? option.env : `--${option.flag}`;
}

/** parseArgs' configuration, from the table: a switch is a boolean, everything else a string. */
const parseArgsOptions: ParseArgsConfig["options"] = Object.fromEntries([
  ...Object.values(stubOptions).map((option: StubOption<unknown>) => [
    option.flag,
    {
      type: option.arg === undefined ? ("boolean" as const) : ("string" as const),
      ...(option.short === undefined ? {} : { short: option.short }),
    },
  ]),
  ["help", { type: "boolean" as const, short: "h" }],
]);

/**
 * Reads flags first, then environment variables (an empty one counts as unset), then defaults.
 * Throws an Error with a one-line message on an unknown flag or a bad value.
 */
export function parseServerOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): ServerOptions & { help: boolean } {
  const {
    values,
  }: { values: Record<string, string | boolean | (string | boolean)[] | undefined> } = parseArgs({
    args: argv,
    strict: true,
    options: parseArgsOptions,
  });
  const options = everyOption((key) => {
    const option = stubOptions[key];
    const flag = values[option.flag];
    const variable = env[option.env] === "" ? undefined : env[option.env];
    const given = flag === true ? "true" : typeof flag === "string" ? flag : variable;
    return given === undefined ? option.default : option.parse(given, nameOf(option));
  });
  return { ...options, help: values.help === true };
}

/** The Markdown text of a cell: a `|` would end it. */
function cell(markdown: string): string {
  return markdown.replaceAll("|", "\\|");
}

function defaultShown(option: StubOption<unknown>): string {
  return option.shown ?? `\`${String(option.default)}\``;
}

function flagShown(option: StubOption<unknown>): string {
  const short = option.short === undefined ? "" : `, \`-${option.short}\``;
  return `\`--${option.flag}${option.arg === undefined ? "" : ` ${option.arg}`}\`${short}`;
}

/** The options table of docs/stub.md, one row per option, columns padded for plain-text reading. */
export function optionsMarkdown(): string {
  const header = ["flag", "env", "default", "accepts", "meaning"];
  const rows = Object.values(stubOptions).map((option: StubOption<unknown>) =>
    [
      flagShown(option),
      `\`${option.env}\``,
      defaultShown(option),
      option.accepts,
      option.description,
    ].map(cell),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: string[]) =>
    `| ${row.map((value, column) => value.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line), ""].join(
    "\n",
  );
}

/** `--help`: each option on two lines, what it does, then what it takes, its variable and default. */
function renderUsage(): string {
  const plain = (markdown: string) => markdown.replaceAll("`", "");
  const entries = Object.values(stubOptions).map((option: StubOption<unknown>) => {
    const short = option.short === undefined ? "    " : `-${option.short}, `;
    const value = option.arg === undefined ? "" : ` ${option.arg}`;
    return {
      left: `${short}--${option.flag}${value}`,
      lines: [
        plain(option.description),
        `${plain(option.accepts)}; env ${option.env}; default: ${plain(defaultShown(option))}`,
      ],
    };
  });
  entries.push({ left: "-h, --help", lines: ["show this help"] });
  const width = Math.max(...entries.map((entry) => entry.left.length)) + 2;
  return [
    "Usage: npm start -- [options]",
    "",
    "Flags win over environment variables, which win over defaults.",
    "",
    ...entries.flatMap(({ left, lines }) =>
      lines.map((line, index) => `  ${(index === 0 ? left : "").padEnd(width)}${line}`),
    ),
    "",
  ].join("\n");
}

/** The text `--help` prints. */
export const usage = renderUsage();
