// Swagger UI at /docs on the spec as written (@fastify/swagger static mode), and the spec
// itself at /openapi.json and /openapi.yaml.
import { readFileSync } from "node:fs";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { specDocument, specYamlUrl } from "../spec/document.js";

const { "x-generated": _banner, ...servedDocument } = specDocument;
const yamlText = readFileSync(specYamlUrl, "utf8");

export async function docs(app: FastifyInstance): Promise<void> {
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
  await app.register(swagger, { mode: "static", specification: { document: uiDocument as never } });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: { deepLinking: true, displayRequestDuration: true, persistAuthorization: true },
  });

  app.get("/openapi.json", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("application/json; charset=utf-8").send(servedDocument),
  );
  app.get("/openapi.yaml", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("application/yaml; charset=utf-8").send(yamlText),
  );
  app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.redirect("/docs"));
}
