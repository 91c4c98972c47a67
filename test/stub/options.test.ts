import t from "tap";
import { defaultServerOptions, parseServerOptions } from "../../src/stub/options.js";

t.test("defaults: 127.0.0.1:3000, token auth, info logs, 4 MiB bodies", async (t) => {
  t.same(parseServerOptions([], {}), {
    ...defaultServerOptions,
    help: false,
    fixtures: undefined,
    data: undefined,
    jwtSecret: undefined,
    jwks: undefined,
  });
  t.equal(defaultServerOptions.port, 3000);
  t.equal(defaultServerOptions.host, "127.0.0.1");
  t.equal(defaultServerOptions.bodyLimit, 4 * 1024 * 1024);
});

t.test("flags win over the environment, which wins over defaults", async (t) => {
  const env = {
    PORT: "4000",
    HOST: "0.0.0.0",
    STUB_AUTH: "jwt",
    LOG_LEVEL: "warn",
    STUB_FIXTURES: "env.json",
    STUB_DATA: "env.db",
    STUB_BODY_LIMIT: "10",
    STUB_JWT_SECRET: "s",
    STUB_JWKS: "k.json",
  };
  t.match(parseServerOptions([], env), {
    port: 4000,
    host: "0.0.0.0",
    auth: "jwt",
    logLevel: "warn",
    fixtures: "env.json",
    data: "env.db",
    bodyLimit: 10,
    jwtSecret: "s",
    jwks: "k.json",
  });
  t.match(
    parseServerOptions(
      [
        "--port",
        "5000",
        "--host",
        "::1",
        "--auth",
        "none",
        "--log-level",
        "silent",
        "--fixtures",
        "f.json",
        "--data",
        "d.db",
        "--body-limit",
        "20",
        "--jwt-secret",
        "x",
        "--jwks",
        "y",
        "-h",
      ],
      env,
    ),
    {
      port: 5000,
      host: "::1",
      auth: "none",
      logLevel: "silent",
      fixtures: "f.json",
      data: "d.db",
      bodyLimit: 20,
      jwtSecret: "x",
      jwks: "y",
      help: true,
    },
  );
  t.equal(parseServerOptions([], { PORT: "" }).port, 3000, "an empty variable counts as unset");
});

t.test("page size, faults and latency", async (t) => {
  t.match(
    parseServerOptions(
      [
        "--page-size",
        "5",
        "--fault-rate",
        "0.25",
        "--fault-statuses",
        "429, 504",
        "--fault-seed",
        "9",
        "--latency",
        "10-20",
        "--retry-after",
        "3",
      ],
      {},
    ),
    {
      pageSize: 5,
      faultRate: 0.25,
      faultStatuses: [429, 504],
      faultSeed: 9,
      latency: [10, 20],
      retryAfter: 3,
    },
  );
  t.match(parseServerOptions([], { STUB_LATENCY: "15", STUB_PAGE_SIZE: "0" }), {
    latency: [15, 15],
    pageSize: 1,
  });
  t.throws(() => parseServerOptions(["--fault-rate", "2"], {}), {
    message: "--fault-rate must be a number from 0 to 1 (got '2')",
  });
  t.throws(() => parseServerOptions(["--fault-rate", " "], {}), {
    message: /^--fault-rate must be a number/,
  });
  t.throws(() => parseServerOptions(["--latency", "20-10"], {}), {
    message: "--latency must be milliseconds, N or MIN-MAX (got '20-10')",
  });
  t.throws(() => parseServerOptions(["--fault-statuses", "418"], {}), {
    message: /^--fault-statuses must be one of 429, 500, 502, 503, 504/,
  });
});

t.test("bad values are refused with a message naming the option", async (t) => {
  t.throws(() => parseServerOptions(["--port", "http"], {}), {
    message: "--port must be an integer from 0 to 65535 (got 'http')",
  });
  t.throws(() => parseServerOptions(["--auth", "basic"], {}), {
    message: "--auth must be one of token, jwt, none (got 'basic')",
  });
  t.throws(() => parseServerOptions([], { LOG_LEVEL: "loud" }), {
    message: /^--log-level must be one of/,
  });
  t.throws(() => parseServerOptions(["--body-limit=-1"], {}), {
    message: /^--body-limit must be an integer/,
  });
  t.throws(() => parseServerOptions(["--nope"], {}), { code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" });
});

t.test("--https and --cert-dir (env STUB_HTTPS, STUB_CERT_DIR); off by default", async (t) => {
  t.match(parseServerOptions([], {}), { https: false, certDir: ".stub-certs" });
  t.match(parseServerOptions(["--https", "--cert-dir", "/tmp/c"], {}), {
    https: true,
    certDir: "/tmp/c",
  });
  t.match(parseServerOptions([], { STUB_HTTPS: "true", STUB_CERT_DIR: "certs" }), {
    https: true,
    certDir: "certs",
  });
});
