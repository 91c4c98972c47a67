// Bench baseline: a bare Fastify 5 route that answers the seed's POST with the stub's 201 JSON:
// Fastify's JSON body parser and router, and nothing else (no logger, schemas, hooks or store).
import { randomUUID } from "node:crypto";
import Fastify from "fastify";
import { createdBody, exitOnSignals, listening } from "./baseline.js";

const app = Fastify({ logger: false });
app.post<{ Params: { id: string }; Body: { target: unknown } }>(
  "/beta/officeConfiguration/clientConfigurations/:id/assignments",
  async (request, reply) =>
    reply.code(201).send(createdBody(request.headers.host, randomUUID(), request.body.target)),
);
await app.listen({ port: 0, host: "127.0.0.1" });
listening(app.server.address());
exitOnSignals(() => app.close());
