// policyPayload and userPreferencePayload are Edm.Stream properties: raw bytes over GET/PUT
// (GO-SDK), base64 in the entity's JSON.
import type { FastifyReply } from "fastify";
import { graphErrors } from "../errors.js";
import { configurationOr404, noContent } from "./helpers.js";
import type { Handler, HandlerContext } from "./types.js";

type Stream = "policyPayload" | "userPreferencePayload";

export function getPayload<K extends "getPolicyPayload" | "getUserPreferencePayload">(
  property: Stream,
  { store }: HandlerContext,
): Handler<K> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params as {
      officeClientConfigurationId: string;
    };
    const value = configurationOr404(store, id)[property];
    if (!value) {
      noContent(reply as FastifyReply);
      return;
    }
    (reply as FastifyReply)
      .code(200)
      .type("application/octet-stream")
      .send(Buffer.from(value, "base64"));
  };
}

export function setPayload<K extends "setPolicyPayload" | "setUserPreferencePayload">(
  property: Stream,
  { store }: HandlerContext,
): Handler<K> {
  return (request, reply) => {
    const { officeClientConfigurationId: id } = request.params as {
      officeClientConfigurationId: string;
    };
    const current = configurationOr404(store, id);
    // The route takes application/octet-stream only (checked at onRequest), parsed as a Buffer.
    const bytes = request.body as Buffer;
    const result = store.replaceConfiguration({
      ...current,
      [property]: bytes.length === 0 ? null : bytes.toString("base64"),
    });
    if (!result.ok) throw graphErrors.notFound("officeClientConfiguration", id);
    noContent(reply as FastifyReply);
  };
}
