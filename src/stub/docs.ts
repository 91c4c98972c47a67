// Swagger UI at /docs on the spec as written (@fastify/swagger static mode), and the spec
// itself at /openapi.json and /openapi.yaml.
import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Fastify from "fastify";
import { operationsById, specDocument, specYamlUrl } from "../spec/document.js";

const { "x-generated": _banner, ...servedDocument } = specDocument;
const yamlText = readFileSync(specYamlUrl, "utf8");

/** Swagger UI on its own Fastify instance, under /docs. */
async function swaggerUiApp(): Promise<FastifyInstance> {
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([
    import("@fastify/swagger"),
    import("@fastify/swagger-ui"),
  ]);
  // Swagger UI's first server is the one "Try it out" calls: make it this very stub, on
  // whatever host and port it runs, by a URL relative to the page.
  const servers = (servedDocument.servers ?? []) as { url: string; description?: string }[];
  const uiDocument = structuredClone({
    ...servedDocument,
    servers: [
      { url: "/beta", description: "This stub (the origin serving this page)" },
      ...servers,
    ],
  });
  // The /_stub controls name the default root (127.0.0.1:3000) in the spec; in the UI, this stub's.
  const uiPaths = (uiDocument as { paths?: Record<string, { servers?: unknown }> }).paths ?? {};
  for (const item of Object.values(uiPaths)) {
    if (item.servers) item.servers = [{ url: "/", description: "This stub's root" }];
  }
  seedFirst(uiDocument);
  const app = Fastify();
  await app.register(swagger, { mode: "static", specification: { document: uiDocument as never } });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: { deepLinking: true, displayRequestDuration: true, persistAuthorization: true },
  });
  return app;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Swagger UI lists tags in the document's tag order, and operations in path order: the seed (the
 * operation whose example is named `seed`, "Add assignments") goes first in both, so the page
 * opens on it.
 */
function seedFirst(document: Record<string, unknown>): void {
  const seed = [...operationsById.values()].find((operation) =>
    operation.examples.some((example) => example.name === "seed"),
  );
  const paths = document.paths;
  const item = seed && isRecord(paths) ? paths[seed.path] : undefined;
  if (!seed || !isRecord(paths) || !isRecord(item) || !isRecord(item[seed.method])) return;
  const operation = item[seed.method];
  const tag = isRecord(operation) && Array.isArray(operation.tags) ? operation.tags[0] : undefined;
  const isSeedTag = (entry: unknown) => Number(isRecord(entry) && entry.name === tag);
  if (Array.isArray(document.tags)) {
    document.tags = [...document.tags].sort((a, b) => isSeedTag(b) - isSeedTag(a));
  }
  document.paths = {
    [seed.path]: { [seed.method]: operation, ...item },
    ...Object.fromEntries(Object.entries(paths).filter(([path]) => path !== seed.path)),
  };
}

// Hop-by-hop headers of the inner reply; the outer one sets its own.
const innerOnly = new Set(["connection", "transfer-encoding", "keep-alive"]);

export async function docs(app: FastifyInstance): Promise<void> {
  // Swagger UI's modules are loaded and registered on the first /docs request, not at start
  // (they were about a fifth of the stub's cold start), and answered through inject.
  let ui: Promise<FastifyInstance> | undefined;
  app.addHook("onClose", async () => {
    if (ui) await (await ui).close();
  });
  const serveUi = async (request: FastifyRequest, reply: FastifyReply) => {
    ui ??= swaggerUiApp();
    const response = await (await ui).inject({
      method: request.method === "HEAD" ? "HEAD" : "GET",
      url: request.url,
      headers: request.headers,
    });
    // A path Swagger UI does not have gets the stub's own answer for unknown paths.
    if (response.statusCode === 404) return reply.callNotFound();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined && !innerOnly.has(name)) reply.header(name, value);
    }
    return reply.code(response.statusCode).send(response.rawPayload);
  };
  app.get("/docs", { schema: { hide: true } }, serveUi);
  app.get("/docs/*", { schema: { hide: true } }, serveUi);

  app.get("/openapi.json", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("application/json; charset=utf-8").send(servedDocument),
  );
  app.get("/openapi.yaml", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("application/yaml; charset=utf-8").send(yamlText),
  );
  app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.redirect("/docs"));
}
