// What the stub does at start: it loads the modules of --https and --data only when asked for
// them, compiles no request schema (npm run generate did), and says in one line when --data
// lacks better-sqlite3.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import t from "tap";
import { buildApp } from "../../src/stub/app.js";
import { noDefaultCompilers } from "../../src/stub/compilers.js";
import { openSqliteStore } from "../../src/stub/store/open-sqlite.js";
import { repoRoot } from "../helpers/spawn.js";

const loaded = () => Object.keys(createRequire(import.meta.url).cache);

t.test(
  "a default start loads neither selfsigned (--https) nor better-sqlite3 (--data), and Swagger UI only on the first /docs request",
  async (t) => {
    const app = await buildApp({ logLevel: "silent" });
    t.teardown(() => app.close());
    await app.ready();
    const has = (name: string) => loaded().some((file) => file.includes(`/node_modules/${name}/`));
    t.notOk(has("selfsigned"));
    t.notOk(has("better-sqlite3"));
    t.notOk(has("@fastify/swagger-ui"));
    const seed = await app.inject({
      method: "GET",
      url: "/beta/officeConfiguration",
      headers: { authorization: "Bearer t" },
    });
    t.equal(seed.statusCode, 200);
    t.notOk(has("@fastify/swagger-ui"), "not for a Graph request either");
    // The stub compiles no schema: Fastify's own compilers (Ajv, fast-json-stringify) stay unloaded.
    t.notOk(has("@fastify/ajv-compiler"), "no Ajv compiler");
    t.notOk(has("@fastify/fast-json-stringify-compiler"), "no fast-json-stringify compiler");
    t.notOk(
      loaded().some((file) => /\/node_modules\/ajv\/dist\/(ajv|2020)\.js$/.test(file)),
      "no Ajv at all",
    );
    const ui = await app.inject({ url: "/docs/" });
    t.equal(ui.statusCode, 200);
    t.match(ui.headers["content-type"], "text/html");
    t.ok(has("@fastify/swagger-ui"));
    const unknown = await app.inject({ url: "/docs/no-such-file.js" });
    t.equal(unknown.statusCode, 404);
    t.equal(
      unknown.json().error.code,
      "ResourceNotFound",
      "the stub's own answer for an unknown path",
    );
  },
);

t.test(
  "Fastify's default compilers: the validator is never reached, the serializer is JSON.stringify",
  async (t) => {
    const factory = noDefaultCompilers?.compilersFactory?.buildValidator;
    t.ok(factory);
    const compile = factory?.({}, {});
    t.throws(() => compile?.({ schema: {}, method: "GET", url: "/", httpPart: "querystring" }), {
      message: "the stub compiles no request schema: it sets validatorCompiler",
    });
    const serializer = noDefaultCompilers?.compilersFactory?.buildSerializer?.({}, {});
    const serialize = serializer?.({ method: "GET", url: "/", httpStatus: "200" });
    t.equal(serialize?.({ "@odata.type": "#x", id: "1" }), '{"@odata.type":"#x","id":"1"}');
  },
);

t.test("a route schema that npm run generate did not compile is refused at start", async (t) => {
  const app = await buildApp({ logLevel: "silent" });
  t.teardown(() => app.close());
  app.get("/extra", { schema: { querystring: { type: "object" } } }, async () => "");
  await t.rejects(async () => app.ready(), {
    message: /no precompiled querystring validator for GET \/extra: run npm run generate/,
  });
});

t.test("--data without better-sqlite3 installed: one line that says what to do", async (t) => {
  // A module that imports better-sqlite3 from a folder with no node_modules above it.
  const dir = mkdtempSync(join(tmpdir(), "no-sqlite-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const importer = join(dir, "import.mjs");
  writeFileSync(importer, 'import "better-sqlite3";\n');
  await t.rejects(
    openSqliteStore(join(dir, "stub.db"), () => import(pathToFileURL(importer).href)),
    { message: "--data needs the better-sqlite3 package (npm install better-sqlite3@12)" },
  );
});

t.test("any other failure to load the store is passed on as it is", async (t) => {
  const failure = new Error("bindings file not found");
  await t.rejects(
    openSqliteStore("stub.db", () => Promise.reject(failure)),
    failure,
  );
});

t.test("npm start --data, better-sqlite3 missing: exit 1 and that one line", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "no-sqlite-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const hide = pathToFileURL(join(repoRoot, "test/helpers/without-better-sqlite3.mjs")).href;
  const child = spawn(
    process.execPath,
    [
      "--import",
      hide,
      "--import",
      "tsx",
      "src/stub/server.ts",
      "--data",
      join(dir, "stub.db"),
      "--port",
      "0",
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdout.resume();
  const code = await new Promise((resolve) => child.once("exit", resolve));
  t.equal(code, 1);
  t.equal(
    stderr,
    "The stub could not start: --data needs the better-sqlite3 package (npm install better-sqlite3@12)\n",
  );
});
