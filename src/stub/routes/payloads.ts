// policyPayload and userPreferencePayload are Edm.Stream properties: raw bytes over GET/PUT
// (GO-SDK), base64 in the entity's JSON. One handler serves both streams' GET, one their PUT.
import { graphErrors } from "../errors.js";
import { configurationOr404 } from "./helpers.js";
import type { HandlerContext, SharedHandler } from "./types.js";

type Stream = "policyPayload" | "userPreferencePayload";

/** GET …/{id}/{stream}: the bytes, or 204 when the stream is empty. */
export function getPayload(
  property: Stream,
  { store }: HandlerContext,
): SharedHandler<"getPolicyPayload", "getUserPreferencePayload"> {
  return (request, reply) => {
    const value = configurationOr404(store, request.params.officeClientConfigurationId)[property];
    if (value) {
      reply.type("application/octet-stream").code(200).send(Buffer.from(value, "base64"));
    } else {
      reply.code(204).send("");
    }
  };
}

/** PUT …/{id}/{stream}: replaces the bytes (an empty body empties the stream); 204. */
export function setPayload(
  property: Stream,
  { store }: HandlerContext,
): SharedHandler<"setPolicyPayload", "setUserPreferencePayload"> {
  return (request, reply) => {
    const id = request.params.officeClientConfigurationId;
    const current = configurationOr404(store, id);
    // The route takes application/octet-stream only (checked at onRequest): raw bytes.
    const bytes = request.body;
    const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
    const result = store.replaceConfiguration({
      ...current,
      [property]: bytes.length === 0 ? null : base64,
    });
    if (!result.ok) throw graphErrors.notFound("officeClientConfiguration", id);
    reply.code(204).send("");
  };
}
