// Fastify's schema compilers: nothing is compiled at start. Request validators were compiled
// ahead of time from openapi.yaml (npm run generate); replies are written by JSON.stringify.
import type {
  FastifySchemaCompiler,
  FastifySerializerCompiler,
  FastifyServerOptions,
} from "fastify";
import { precompiledValidator } from "../spec/request-validators.js";

function serializeJson(data: unknown): string {
  return JSON.stringify(data);
}

/**
 * The validator of a route's request part: the precompiled one of its schema.
 * @throws Error when the schema has none (generated/ is stale: run npm run generate).
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({
  schema,
  method,
  url,
  httpPart,
}) => {
  const validate = precompiledValidator(schema);
  if (!validate) {
    throw new Error(
      `no precompiled ${httpPart} validator for ${method} ${url}: run npm run generate`,
    );
  }
  return validate;
};

/**
 * Replies are typed from the spec and JSON.stringify writes them as they are; a compiled
 * serializer per response schema would cost more at start than it saves per reply.
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = () => serializeJson;

/**
 * Fastify's `schemaController` option. Given factories, Fastify does not load its own compilers
 * (Ajv and fast-json-stringify, ~60 ms of a start) at start. The app sets the compilers above,
 * which Fastify uses instead: the validator factory's compiler only throws if ever reached.
 */
export const noDefaultCompilers: FastifyServerOptions["schemaController"] = {
  compilersFactory: {
    buildValidator: () => () => {
      throw new Error("the stub compiles no request schema: it sets validatorCompiler");
    },
    buildSerializer: () => () => serializeJson,
  },
};
