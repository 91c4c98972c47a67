// OData URLs the replies carry: `@odata.context` and `Location` (reference §3.3, §3.4).
import type { FastifyRequest } from "fastify";

/** The origin and `/beta` root the request came in on, e.g. `http://127.0.0.1:3000/beta`. */
export function serviceRoot(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/beta`;
}

// Characters encodeURIComponent leaves as they are, minus !*'(): a value made only of these
// (GUIDs, path words) goes into a URL unchanged, without the cost of encoding it.
const plainSegment = /^[A-Za-z0-9_.~-]*$/;

/** A path segment, percent-encoded unless it needs no encoding. */
export function segment(value: string): string {
  return plainSegment.test(value) ? value : encodeURIComponent(value);
}

/** An OData key segment: `('id')`, quotes doubled, the id percent-encoded. */
export function key(id: string): string {
  return plainSegment.test(id)
    ? `('${id}')`
    : `('${encodeURIComponent(id).replaceAll("'", "''")}')`;
}

export function contextUrl(request: FastifyRequest, fragment: string): string {
  return `${serviceRoot(request)}/$metadata#${fragment}`;
}

/** The canonical URL of an entity below the service root. */
export function entityUrl(request: FastifyRequest, ...segments: string[]): string {
  let url = serviceRoot(request);
  for (const value of segments) url += `/${segment(value)}`;
  return url;
}
