import { readFileSync } from "node:fs";
import t from "tap";
import { parse } from "yaml";
import { build } from "../helpers/build.js";

const yamlText = readFileSync(new URL("../../openapi.yaml", import.meta.url), "utf8");

t.test("Swagger UI is served at /docs", async (t) => {
  const app = await build(t);
  const page = await app.inject({ url: "/docs/" });
  t.equal(page.statusCode, 200);
  t.match(page.headers["content-type"], /^text\/html/);
  t.match(page.body, /swagger-ui/);
  const init = await app.inject({ url: "/docs/static/swagger-initializer.js" });
  t.equal(init.statusCode, 200);
});

t.test("Swagger UI's document is the spec, with this stub as the first server", async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: "/docs/json" });
  t.equal(res.statusCode, 200);
  const document = res.json();
  const spec = parse(yamlText);
  t.same(document.servers, [
    { url: "/beta", description: "This stub (the origin serving this page)" },
    ...spec.servers,
  ]);
  // The stub-only /_stub paths point at this stub's root instead of the default port.
  const expected = structuredClone(spec.paths);
  for (const [path, item] of Object.entries(expected as Record<string, { servers?: unknown }>)) {
    if (path.startsWith("/_stub/")) item.servers = [{ url: "/", description: "This stub's root" }];
  }
  t.same(document.paths, expected, "the same operations as openapi.yaml");
  t.same(spec.paths["/_stub/reset"].servers, [
    {
      url: "http://127.0.0.1:{port}",
      description: "The local stub's root. Not part of Microsoft Graph.",
      variables: {
        port: { default: "3000", description: "The port the stub listens on (--port)" },
      },
    },
  ]);
  t.same(document.components, spec.components);
});

t.test("Swagger UI opens on the seed: its tag and its operation come first", async (t) => {
  const app = await build(t);
  const document = (await app.inject({ url: "/docs/json" })).json();
  t.equal(document.tags[0].name, "assignments", "the seed's tag first");
  const [firstPath, firstItem] = Object.entries(document.paths)[0] as [string, object];
  t.equal(
    firstPath,
    "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}/assignments",
  );
  const [method, operation] = Object.entries(firstItem)[0] as [string, Record<string, unknown>];
  t.equal(method, "post");
  t.equal(operation.operationId, "createAssignment");
  t.equal(operation.summary, "Add assignments (the seed operation)", "its summary says so");
  const spec = parse(yamlText);
  t.same(
    [...document.tags].sort((a, b) => a.name.localeCompare(b.name)),
    [...spec.tags].sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)),
    "the same tags",
  );
  for (const server of [
    ...document.servers,
    ...Object.values(spec.paths).flatMap((item) => (item as { servers?: object[] }).servers ?? []),
  ]) {
    t.notMatch(server.description, "`", `no backticks: ${server.description}`);
    t.notMatch(server.description, /\b\d{4}\b/, "no fixed port in a description");
  }
});

t.test("the spec is served as JSON and YAML, as written", async (t) => {
  const app = await build(t);
  const json = await app.inject({ url: "/openapi.json" });
  t.equal(json.statusCode, 200);
  t.match(json.headers["content-type"], /^application\/json/);
  t.same(json.json(), parse(yamlText));
  const yaml = await app.inject({ url: "/openapi.yaml" });
  t.equal(yaml.statusCode, 200);
  t.match(yaml.headers["content-type"], /^application\/yaml/);
  t.equal(yaml.body, yamlText);
});
