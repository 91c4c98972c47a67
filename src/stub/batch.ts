// JSON batching (learn.microsoft.com/graph/json-batching, reference §7): `POST /beta/$batch`
// runs each of its requests through the same Fastify instance with `inject`, so a request in a
// batch meets the same token check, validation, handler, faults and headers as one sent alone.
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { components } from "../../generated/schema.js";
import { operationsById } from "../spec/document.js";
import { graphErrors } from "./errors.js";
import { graphErrorBody } from "./graph-api.js";
import { clientRequestId, odataJsonContentType } from "./headers.js";

export type BatchStep = components["schemas"]["batchRequestStep"];
export type BatchResponse = components["schemas"]["batchResponse"];
type BatchResponseStep = components["schemas"]["batchResponseStep"];

/**
 * Marks a request injected by a batch. Its value is a fresh random token per request, known only
 * to this module while the request runs, so a client cannot pass a request off as a batch's.
 */
const stepHeader = "x-stub-batch-step";
/** Token → the request-id of the batch the request belongs to. */
const running = new Map<string, string>();

/** The request-id of the batch a request was sent in, or undefined for a request sent alone. */
export function batchOf(request: FastifyRequest): string | undefined {
  const token = request.headers[stepHeader];
  return typeof token === "string" ? running.get(token) : undefined;
}

/** The Graph routes a batch may call, as patterns over the path (keys in parentheses too). */
const graphRoutes = [...operationsById.values()]
  .filter((operation) => !operation.outsideGraph && operation.operationId !== "batch")
  .map((operation) => ({
    method: operation.method.toUpperCase(),
    pattern: new RegExp(
      `^${operation.path.replace(/[.$]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+")}$`,
    ),
  }));

/** `collection('key')` and `collection(key)` address `collection/key` (OData key syntax). */
function keysAsSegments(path: string): string {
  return path.replace(/\(('?)([^/()']+)\1\)(?=\/|$)/g, "/$2");
}

function pathOf(url: string): string {
  return url.split("?")[0] ?? "";
}

function isGraphRoute(method: string, url: string): boolean {
  if (!url.startsWith("/")) return false;
  const path = keysAsSegments(pathOf(url));
  return graphRoutes.some((route) => route.method === method && route.pattern.test(path));
}

/** Graph's relative urls may omit the leading slash (`me` as well as `/me`). */
function relative(url: string): string {
  return url.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `/${url}`;
}

/**
 * Refuses a malformed batch whole, before anything runs: repeated ids, a `dependsOn` naming no
 * request of the batch or forming a cycle, a nested batch, a method and url that are not a Graph
 * route. Returns the requests in an order where each comes after what it depends on.
 * @throws GraphError 400 BadRequest naming the request.
 */
export function checkBatch(steps: BatchStep[]): BatchStep[] {
  const byId = new Map<string, BatchStep>();
  steps.forEach((step, index) => {
    if (byId.has(step.id)) throw graphErrors.batchDuplicateId(step.id, index);
    byId.set(step.id, step);
  });
  steps.forEach((step, index) => {
    for (const dependency of step.dependsOn ?? []) {
      if (!byId.has(dependency)) {
        throw graphErrors.batchUnknownDependency(step.id, dependency, index);
      }
    }
    const url = relative(step.url);
    if (/^\/\$batch(\?|$)/.test(url)) throw graphErrors.batchNested(step.id, index);
    if (!isGraphRoute(step.method, url)) {
      throw graphErrors.batchNotGraphRoute(step.id, step.method, step.url, index);
    }
  });
  // Depth-first: a request comes after its dependencies; meeting one still open is a cycle.
  const order: BatchStep[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (step: BatchStep): void => {
    const seen = state.get(step.id);
    if (seen === "done") return;
    if (seen === "open") throw graphErrors.batchDependencyCycle(step.id, steps.indexOf(step));
    state.set(step.id, "open");
    for (const dependency of step.dependsOn ?? []) visit(byId.get(dependency) ?? step);
    state.set(step.id, "done");
    order.push(step);
  };
  for (const step of steps) visit(step);
  return order;
}

/** Graph's spelling of the reply headers a batch response lists (the SDK reads `Content-Type`). */
const headerNames: Record<string, string> = {
  "content-type": "Content-Type",
  location: "Location",
  "odata-version": "OData-Version",
  "cache-control": "Cache-Control",
  "retry-after": "Retry-After",
  "www-authenticate": "WWW-Authenticate",
  "strict-transport-security": "Strict-Transport-Security",
  etag: "ETag",
  "preference-applied": "Preference-Applied",
};
/** Headers of the transport, not of the reply. */
const transportHeaders = new Set(["content-length", "date", "connection", "keep-alive"]);

function responseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (transportHeaders.has(name) || value === undefined) continue;
    out[headerNames[name] ?? name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}

/** The request's body as bytes: JSON as JSON; for another content type, a base64 string's bytes. */
function payloadOf(step: BatchStep, contentType: string | undefined): string | Buffer | undefined {
  if (step.body === undefined) return undefined;
  const json = contentType === undefined || /[/+]json\b/i.test(contentType);
  return !json && typeof step.body === "string"
    ? Buffer.from(step.body, "base64")
    : JSON.stringify(step.body);
}

/** Runs one request of the batch as the same instance would answer it alone. */
async function runStep(
  server: FastifyInstance,
  batch: FastifyRequest,
  step: BatchStep,
): Promise<BatchResponseStep> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  for (const name of ["authorization", "content-length", "transfer-encoding", "host"]) {
    delete headers[name];
  }
  // The batch's token applies to every request; the batch's client-request-id traces them.
  // Absolute URLs in replies (Location, nextLink, @odata.context) name the batch's host.
  if (batch.headers.host !== undefined) headers.host = batch.headers.host;
  const authorization = batch.headers.authorization;
  if (authorization !== undefined) headers.authorization = authorization;
  headers["client-request-id"] ??= clientRequestId(batch);
  const token = randomUUID();
  headers[stepHeader] = token;
  running.set(token, batch.id);
  try {
    const response = await server.inject({
      method: step.method,
      url: `/beta${relative(step.url)}`,
      headers,
      payload: payloadOf(step, headers["content-type"]),
    });
    const contentType = String(response.headers["content-type"] ?? "");
    const body =
      response.rawPayload.length === 0
        ? undefined
        : /[/+]json\b/i.test(contentType)
          ? response.json()
          : contentType.startsWith("text/")
            ? response.payload
            : response.rawPayload.toString("base64");
    return {
      id: step.id,
      status: response.statusCode,
      headers: responseHeaders(response.headers),
      ...(body === undefined ? {} : { body }),
    };
  } finally {
    running.delete(token);
  }
}

/**
 * Runs a checked batch (see checkBatch for the order): one request at a time, each after what
 * it depends on; a request whose dependency failed (status 400 or more, 424 included) is
 * answered 424 without running. The responses come in the order of the batch's requests.
 */
export async function runBatch(
  server: FastifyInstance,
  batch: FastifyRequest,
  steps: BatchStep[],
  order: BatchStep[],
): Promise<BatchResponse> {
  const results = new Map<string, BatchResponseStep>();
  for (const step of order) {
    const failed = (step.dependsOn ?? [])
      .map((dependency) => results.get(dependency))
      .find((result) => result !== undefined && result.status >= 400);
    if (failed) {
      const error = graphErrors.failedDependency(step.id, failed.id, failed.status);
      results.set(step.id, {
        id: step.id,
        status: error.statusCode,
        headers: { "Content-Type": odataJsonContentType },
        body: graphErrorBody(error, batch.id, clientRequestId(batch)),
      });
      continue;
    }
    results.set(step.id, await runStep(server, batch, step));
  }
  return { responses: steps.flatMap((step) => results.get(step.id) ?? []) };
}
