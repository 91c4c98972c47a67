// listen(t) → a real server on 127.0.0.1 and a free port, closed when the test ends.
import type { FastifyInstance } from "fastify";
import type { BuildOptions } from "../../src/stub/app.js";
import { build } from "./build.js";

type Test = { teardown(fn: () => unknown): void };

export async function listen(
  t: Test,
  options: BuildOptions = {},
): Promise<{ app: FastifyInstance; baseUrl: string; origin: string }> {
  const app = await build(t, options);
  const origin = await app.listen({ host: "127.0.0.1", port: 0 });
  return { app, origin, baseUrl: `${origin}/beta` };
}
