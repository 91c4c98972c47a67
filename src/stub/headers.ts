// The headers Graph sends with every reply (reference §3.4): request-id, client-request-id,
// OData-Version and the OData JSON content type, among others.
import type { FastifyReply, FastifyRequest } from "fastify";

/** Graph's JSON content type, with its OData parameters. */
export const odataJsonContentType =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

const diagnostic = JSON.stringify({
  ServerInfo: {
    DataCenter: "Local Stub",
    Slice: "E",
    Ring: "0",
    ScaleUnit: "000",
    RoleInstance: "localhost",
  },
});

const staticHeaders: Record<string, string> = {
  "content-type": odataJsonContentType,
  "odata-version": "4.0",
  "cache-control": "private",
  "strict-transport-security": "max-age=31536000",
  "x-ms-ags-diagnostic": diagnostic,
};

/** The client's own `client-request-id`, else the server's `request-id`. */
export function clientRequestId(request: FastifyRequest): string {
  const sent = request.headers["client-request-id"];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value === undefined || value === "" ? request.id : value;
}

/** Sets Graph's reply headers; runs first, so that every reply, errors included, has them. */
export function setGraphHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(staticHeaders);
  reply.header("request-id", request.id);
  reply.header("client-request-id", clientRequestId(request));
}
