// The stub's options: their type, defaults, and parsing from flags and the environment.
// The README's options table mirrors this file.
import { parseArgs } from "node:util";
import type { Fixtures } from "./fixtures.js";

export type AuthMode = "token" | "jwt" | "none";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** Options of `buildApp`. */
export interface AppOptions {
  /** What the stub starts with: a fixtures file path or object. Default: the demo configuration. */
  fixtures?: string | Fixtures;
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
      auth: { type: "string" },
      "jwt-secret": { type: "string" },
      jwks: { type: "string" },
      "log-level": { type: "string" },
      "body-limit": { type: "string" },
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
  const selfCheck = values["self-check"] ? "true" : pick(undefined, "STUB_SELF_CHECK");
  const https = values.https ? "true" : pick(undefined, "STUB_HTTPS");
  return {
    help: values.help === true,
    port: port === undefined ? defaultServerOptions.port : positiveInteger("--port", port, 65535),
    host: pick(values.host, "HOST") ?? defaultServerOptions.host,
    fixtures: pick(values.fixtures, "STUB_FIXTURES"),
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
    selfCheck:
      selfCheck === undefined ? defaultServerOptions.selfCheck : flag("STUB_SELF_CHECK", selfCheck),
    https: https === undefined ? defaultServerOptions.https : flag("STUB_HTTPS", https),
    certDir: pick(values["cert-dir"], "STUB_CERT_DIR") ?? defaultServerOptions.certDir,
  };
}

export const usage = `Usage: npm start -- [options]

  -p, --port <n>         TCP port (env PORT; default 3000)
      --host <addr>      interface to listen on (env HOST; default 127.0.0.1)
      --fixtures <file>  JSON fixtures to start with (env STUB_FIXTURES; default: the demo configuration)
      --auth <mode>      token | jwt | none (env STUB_AUTH; default token)
      --jwt-secret <s>   verify JWT signatures with this HS256 secret (env STUB_JWT_SECRET)
      --jwks <file|url>  verify JWT signatures with this JWKS (env STUB_JWKS)
      --log-level <l>    fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL; default info)
      --body-limit <n>   largest request body in bytes (env STUB_BODY_LIMIT; default 4194304)
      --https            serve over TLS; the certificate is generated at first start (env STUB_HTTPS)
      --cert-dir <dir>   where --https keeps ca.pem, cert.pem, key.pem (env STUB_CERT_DIR; default .stub-certs)
      --self-check       validate every reply against openapi.yaml; a violation → 500 (env STUB_SELF_CHECK; default off)
  -h, --help             show this help
`;
