// brokenProxy(t, origin, rewrite, drop) → a server in front of the stub that changes its replies
// or gives none: the deliberately broken implementations the contract checker must catch.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

type Test = { teardown(fn: () => unknown): void };

export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the proxy does instead of answering: destroy the socket, reset it (RST), or never answer. */
export type NoAnswer = "destroy" | "reset" | "hang";

export async function brokenProxy(
  t: Test,
  origin: string,
  rewrite: (exchange: Exchange) => Exchange,
  drop: (method: string, url: string, body: string) => NoAnswer | undefined = () => undefined,
): Promise<string> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const dropped = drop(
      request.method ?? "GET",
      request.url ?? "",
      Buffer.concat(chunks).toString(),
    );
    if (dropped === "destroy") return void request.socket.destroy();
    if (dropped === "reset") return void request.socket.resetAndDestroy();
    if (dropped === "hang") return;
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([name]) => !["host", "content-length", "connection"].includes(name),
      ),
    ) as Record<string, string>;
    const method = request.method ?? "GET";
    const upstream = await fetch(`${origin}${request.url}`, {
      method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const reply = rewrite({
      method,
      url: request.url ?? "",
      status: upstream.status,
      headers: Object.fromEntries(
        [...upstream.headers].filter(([name]) => !["content-length", "connection"].includes(name)),
      ),
      body: await upstream.text(),
    });
    response.writeHead(reply.status, reply.headers).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(
    () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Rewrites JSON bodies of the replies that `when` selects. */
export function editJson(
  when: (exchange: Exchange) => boolean,
  edit: (body: Record<string, unknown>) => void,
): (exchange: Exchange) => Exchange {
  return (exchange) => {
    if (!when(exchange)) return exchange;
    const body = JSON.parse(exchange.body) as Record<string, unknown>;
    edit(body);
    return { ...exchange, body: JSON.stringify(body) };
  };
}
