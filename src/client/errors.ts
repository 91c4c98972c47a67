// The error the client's helpers throw for every non-2xx reply, and for any reply they cannot
// read (not JSON, cut short, no body where one is due): Graph's code and message, plus what
// support asks for (request-id, date) and the raw Response.
import type { components } from "../../generated/schema.js";

export type ODataError = components["schemas"]["odataError"];

function isODataError(body: unknown): body is ODataError {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const { error } = body;
  if (typeof error !== "object" || error === null) return false;
  return (
    "code" in error &&
    typeof error.code === "string" &&
    "message" in error &&
    typeof error.message === "string"
  );
}

export class GraphApiError extends Error {
  /** HTTP status, e.g. 404. */
  readonly status: number;
  /**
   * Graph's `error.code`, e.g. `ResourceNotFound`; key on this, never on the message. A reply
   * without Graph's error body gets `http` and its status, e.g. `http502`, or `http200` for a
   * 2xx reply the client could not read.
   */
  readonly code: string;
  /** The reply's `request-id` header (or innerError's), to quote to support. */
  readonly requestId: string | undefined;
  /** The `client-request-id` this request was sent with. */
  readonly clientRequestId: string | undefined;
  /** Graph's error body, when the reply had one. */
  readonly body: ODataError | undefined;
  /** The raw reply. */
  readonly response: Response;

  /**
   * `body`: the reply's parsed body, if any. `problem`: why a reply could not be read, e.g.
   * `the reply is not JSON`; it leads the message.
   */
  constructor(response: Response, body: unknown, problem?: string) {
    const graph = isODataError(body) ? body : undefined;
    const status = `${response.status} ${response.statusText}`.trim();
    super(graph?.error.message ?? (problem ? `${problem} (${status})` : status));
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
