// The error the client's helpers throw for every non-2xx reply: Graph's code and message, plus
// what support asks for (request-id, date) and the raw Response.
import type { components } from "../../generated/schema.js";

export type ODataError = components["schemas"]["odataError"];

function isODataError(body: unknown): body is ODataError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

export class GraphApiError extends Error {
  /** HTTP status, e.g. 404. */
  readonly status: number;
  /** Graph's `error.code`, e.g. `ResourceNotFound`; key on this, never on the message. */
  readonly code: string;
  /** The reply's `request-id` header (or innerError's), to quote to support. */
  readonly requestId: string | undefined;
  /** The `client-request-id` this request was sent with. */
  readonly clientRequestId: string | undefined;
  /** Graph's error body, when the reply had one. */
  readonly body: ODataError | undefined;
  /** The raw reply. */
  readonly response: Response;

  constructor(response: Response, body: unknown) {
    const graph = isODataError(body) ? body : undefined;
    super(graph?.error.message ?? `${response.status} ${response.statusText}`.trim());
    this.name = "GraphApiError";
    this.status = response.status;
    this.code = graph?.error.code ?? `http${response.status}`;
    this.requestId =
      response.headers.get("request-id") ?? graph?.error.innerError?.["request-id"] ?? undefined;
    this.clientRequestId =
      response.headers.get("client-request-id") ??
      graph?.error.innerError?.["client-request-id"] ??
      undefined;
    this.body = graph;
    this.response = response;
  }
}
