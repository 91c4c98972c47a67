// build(t, options?) → the app via buildApp, closed when the test ends.
import type { FastifyInstance } from "fastify";
import { type BuildOptions, buildApp } from "../../src/stub/app.js";

type Test = { teardown(fn: () => unknown): void };

export async function build(t: Test, options: BuildOptions = {}): Promise<FastifyInstance> {
  // The stub checks its own replies against the spec in every test (selfCheck).
  const app = await buildApp({ logLevel: "silent", selfCheck: true, ...options });
  t.teardown(() => app.close());
  return app;
}
