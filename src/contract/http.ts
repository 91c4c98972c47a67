// The requests the contract checker sends, how it sends them, and how it prints them as curl.
import { randomUUID } from "node:crypto";

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
}

/** Sends one request with a fresh `client-request-id`, so a failure can be traced in logs. */
export async function send(request: HttpRequest, fetchImpl: typeof fetch): Promise<HttpReply> {
  const headers = { "client-request-id": randomUUID(), ...request.headers };
  request.headers = headers;
  const response = await fetchImpl(request.url, {
    method: request.method,
    headers,
    body: request.body,
    redirect: "manual",
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), text, json };
}

const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/** A ready-to-run curl line for the request (without its one-off client-request-id). */
export function curl(request: HttpRequest): string {
  const parts = ["curl -i", "-X", request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== "client-request-id") parts.push("-H", quote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push("--data-raw", quote(request.body));
  return parts.join(" ");
}
