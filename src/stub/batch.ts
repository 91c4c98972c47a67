// JSON batching (learn.microsoft.com/graph/json-batching, reference §7): `POST /beta/$batch`
// runs each of its requests through the same Fastify instance with `inject`, so a request in a
// batch meets the same token check, validation, handler, faults and headers as one sent alone.
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { components } from "../../generated/schema.js";
import { operationsById, schema } from "../spec/document.js";
import { GraphError, graphErrors } from "./errors.js";
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

/** A Content-Type whose body travels as JSON in the batch (`application/json`, `…+json`). */
const isJson = (contentType: string) => /[/+]json\b/i.test(contentType);

/**
 * Base64 as an Edm.Stream property's JSON value takes it (openapi.yaml `streamValue`): padded
 * base64 or unpadded base64url, nothing looser. Node's decoder skips any other character.
 */
const base64 = new RegExp(String(schema("streamValue").pattern), "u");

/**
 * The request's body as bytes (Graph's JSON batching: `body` is "a JSON object or a base64
 * URL-encoded value"): JSON as JSON for a JSON Content-Type, or without one (the route then
 * refuses a write as it would alone); for any other Content-Type, the bytes of a base64 string.
 * Anything else is the 400 that refuses the request, so it never reaches a store as text.
 */
function payloadOf(
  step: BatchStep,
  index: number,
  contentType: string | undefined,
): string | Buffer | GraphError | undefined {
  if (step.body === undefined) return undefined;
  if (contentType === undefined || isJson(contentType)) return JSON.stringify(step.body);
  if (typeof step.body === "string" && base64.test(step.body)) {
    return Buffer.from(step.body, "base64");
  }
  return graphErrors.batchBodyNotBase64(step.id, contentType, step.body, index);
}

/** A request's headers by lower-case name, without those the batch sets itself. */
function headersOf(step: BatchStep): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  for (const name of ["authorization", "content-length", "transfer-encoding", "host"]) {
    delete headers[name];
  }
  return headers;
}

/** The answer to a request the batch refuses itself, without running it. */
function refused(step: BatchStep, error: GraphError, batch: FastifyRequest): BatchResponseStep {
  return {
    id: step.id,
    status: error.statusCode,
    headers: { "Content-Type": odataJsonContentType },
    body: graphErrorBody(error, batch.id, clientRequestId(batch)),
  };
}

/** Runs one request of the batch as the same instance would answer it alone. */
async function runStep(
  server: FastifyInstance,
  batch: FastifyRequest,
  step: BatchStep,
  headers: Record<string, string>,
  payload: string | Buffer | undefined,
): Promise<BatchResponseStep> {
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
      payload,
    });
    const contentType = String(response.headers["content-type"] ?? "");
    const body =
      response.rawPayload.length === 0
        ? undefined
        : isJson(contentType)
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
 * answered 424 without running, one whose body does not fit its Content-Type 400 (payloadOf).
 * The responses come in the order of the batch's requests.
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
      results.set(step.id, refused(step, error, batch));
      continue;
    }
    const headers = headersOf(step);
    const payload = payloadOf(step, steps.indexOf(step), headers["content-type"]);
    results.set(
      step.id,
      payload instanceof GraphError
        ? refused(step, payload, batch)
        : await runStep(server, batch, step, headers, payload),
    );
  }
  return { responses: steps.flatMap((step) => results.get(step.id) ?? []) };
}
