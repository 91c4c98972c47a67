// listen(t) → a real server on 127.0.0.1 and a free port, closed when the test ends;
// downOrigin() → an address where nothing listens.

import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
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

/** An origin on 127.0.0.1 where nothing listens: a port the system gave out and got back. */
export async function downOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
