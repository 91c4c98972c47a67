import t from "tap";
import {
  defaultAppOptions,
  defaultServerOptions,
  parseServerOptions,
  stubOptions,
  usage,
} from "../../src/stub/options.js";

t.test("defaults: 127.0.0.1:3000, token auth, info logs, 4 MiB bodies", async (t) => {
  t.same(parseServerOptions([], {}), {
    port: 3000,
    host: "127.0.0.1",
    fixtures: undefined,
    data: undefined,
    auth: "token",
    jwtSecret: undefined,
    jwks: undefined,
    issuer: undefined,
    logLevel: "info",
    bodyLimit: 4 * 1024 * 1024,
    requestTimeout: 30_000,
    maxStoredBytes: 256 * 1024 * 1024,
    pageSize: 100,
    maxFilterNodes: 100,
    maxFilterDepth: 50,
    maxOrderbyKeys: 5,
    maxErrorDetails: 20,
    faultRate: 0,
    faultStatuses: [429, 503, 504],
    faultSeed: 1,
    latency: [0, 0],
    retryAfter: 2,
    selfCheck: false,
    https: false,
    certDir: ".stub-certs",
    logFormat: "json",
    journalSize: 1000,
    journalBytes: 16384,
    controlToken: undefined,
    help: false,
  });
  t.same({ ...defaultServerOptions, help: false }, parseServerOptions([], {}));
  t.notOk("port" in defaultAppOptions || "host" in defaultAppOptions, "buildApp does not listen");
  const { port, host, ...appDefaults } = defaultServerOptions;
  t.same(defaultAppOptions, appDefaults, "otherwise the same defaults");
});

t.test("every option has its own flag and variable", async (t) => {
  const options = Object.values(stubOptions);
  t.equal(new Set(options.map((option) => option.flag)).size, options.length);
  t.equal(new Set(options.map((option) => option.env)).size, options.length);
  t.notOk(
    options.some((option) => option.flag === "help"),
    "--help is not an option of the stub",
  );
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
    message: "--latency must be milliseconds, N or MIN-MAX, 0 to 60000 (got '20-10')",
  });
  t.throws(() => parseServerOptions(["--latency", "999999"], {}), {
    message: "--latency must be milliseconds, N or MIN-MAX, 0 to 60000 (got '999999')",
  });
  t.same(parseServerOptions(["--latency", "0-60000"], {}).latency, [0, 60000]);
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
  t.throws(() => parseServerOptions(["--port="], {}), {
    message: "--port must be an integer from 0 to 65535 (got '')",
  });
  t.throws(() => parseServerOptions(["--page-size", "100001"], {}), {
    message: "--page-size must be an integer from 0 to 100000 (got '100001')",
  });
  t.throws(() => parseServerOptions(["--retry-after", "3601"], {}), {
    message: "--retry-after must be an integer from 0 to 3600 (got '3601')",
  });
  t.throws(() => parseServerOptions(["--max-filter-nodes", "0"], {}), {
    message: "--max-filter-nodes must be an integer from 1 to 10000 (got '0')",
  });
  t.throws(() => parseServerOptions([], { STUB_MAX_FILTER_DEPTH: "1001" }), {
    message: "--max-filter-depth must be an integer from 1 to 1000 (got '1001')",
  });
  t.match(
    parseServerOptions(["--max-orderby-keys", "2"], { STUB_MAX_FILTER_NODES: "7" }),
    { maxOrderbyKeys: 2, maxFilterNodes: 7 },
    "the query limits by flag and by variable",
  );
  t.throws(() => parseServerOptions(["--nope"], {}), {
    code: "ERR_PARSE_ARGS_UNKNOWN_OPTION",
    message: "Unknown option '--nope'",
  });
  t.throws(() => parseServerOptions(["--https=yes"], {}), {
    code: "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
    message: "Option '--https' does not take an argument",
  });
});

t.test("--help lists each option: what it does, then values, variable and default", async (t) => {
  t.match(usage, /^Usage: npm start -- \[options\]\n/);
  t.match(
    usage,
    "  -p, --port N               TCP port (0 picks a free one)\n" +
      "                             0 to 65535; env PORT; default: 3000\n",
  );
  t.match(
    usage,
    "      --fault-statuses LIST  statuses random faults pick from\n" +
      "                             comma-separated, of 429, 500, 502, 503, 504; env STUB_FAULT_STATUSES; default: 429,503,504\n",
  );
  t.match(usage, "      --https                serve over TLS");
  t.match(usage, /\n {2}-h, --help {17}show this help\n$/);
  for (const option of Object.values(stubOptions)) {
    t.match(usage, `--${option.flag}`, `--help names --${option.flag}`);
    t.match(usage, `env ${option.env};`, `--help names ${option.env}`);
  }
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
