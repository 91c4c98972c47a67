// The spec's parameter examples work where they stand, as Swagger UI's "Try it out" and
// generators' samples use them: every GET's query option examples, with its path parameters'
// examples, answer 200 on the stub's demo data (with one group assignment added), and the path
// parameters' examples name the demo configuration.
import t from "tap";
import { deref, specDocument } from "../../src/spec/document.js";
import { build } from "../helpers/build.js";
import { assignmentsPath, demoConfigurationId, groupRequest, json } from "../helpers/requests.js";

interface Parameter {
  name: string;
  in: string;
  example?: unknown;
}
type PathItem = Record<string, { operationId: string; parameters?: Parameter[] }> & {
  servers?: unknown;
};

const paths = Object.entries(
  (deref(specDocument, specDocument) as { paths: Record<string, PathItem> }).paths,
).filter(([, item]) => item.servers === undefined);

t.test("every GET's query option examples answer 200 on the demo data", async (t) => {
  const app = await build(t);
  const created = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: groupRequest,
  });
  t.equal(created.statusCode, 201);
  let tried = 0;
  for (const [path, item] of paths) {
    const get = item.get;
    if (!get) continue;
    const parameters = get.parameters ?? [];
    const pathParams = parameters.filter((p) => p.in === "path");
    if (pathParams.some((p) => p.example === undefined)) continue;
    const url = pathParams.reduce(
      (built, p) => built.replace(`{${p.name}}`, encodeURIComponent(String(p.example))),
      `/beta${path}`,
    );
    for (const option of parameters.filter((p) => p.in === "query" && p.example !== undefined)) {
      const query = new URLSearchParams({ [option.name]: String(option.example) });
      const res = await app.inject({ url: `${url}?${query}`, headers: json });
      t.equal(res.statusCode, 200, `${get.operationId} ${option.name}=${String(option.example)}`);
      tried += 1;
    }
  }
  t.ok(tried >= 6, `examples tried on both lists (${tried})`);
});

t.test("path parameters of a configuration carry the demo id as their example", async (t) => {
  const examples = new Set<unknown>();
  for (const [, item] of paths) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      for (const p of item[method]?.parameters ?? []) {
        if (p.name === "officeClientConfigurationId") examples.add(p.example);
      }
    }
  }
  t.same([...examples], [demoConfigurationId]);
});
