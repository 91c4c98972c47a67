// OData URLs the replies carry: `@odata.context` and `Location` (reference §3.3, §3.4).
import type { FastifyRequest } from "fastify";

/** The origin and `/beta` root the request came in on, e.g. `http://127.0.0.1:3000/beta`. */
export function serviceRoot(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/beta`;
}

/** An OData key segment: `('id')`, the id percent-encoded and its quotes doubled. */
export function key(id: string): string {
  return `('${encodeURIComponent(id).replaceAll("'", "''")}')`;
}

export function contextUrl(request: FastifyRequest, fragment: string): string {
  return `${serviceRoot(request)}/$metadata#${fragment}`;
}

/** The canonical URL of an entity below the service root. */
export function entityUrl(request: FastifyRequest, ...segments: string[]): string {
  let url = serviceRoot(request);
  for (const value of segments) {
    // `.` and `..` as a path segment are dot-segments to every URL parser (RFC 3986 §5.2.4, WHATWG
    // URL; `%2E` too), which clients remove: such an id goes in OData's key syntax instead.
    url += value === "." || value === ".." ? key(value) : `/${encodeURIComponent(value)}`;
  }
  return url;
}
