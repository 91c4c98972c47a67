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
  t.same(document.paths, spec.paths, "the same operations as openapi.yaml");
  t.same(document.components, spec.components);
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
