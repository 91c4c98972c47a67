// The request validators that scripts/generate.ts compiled ahead of time from openapi.yaml (Ajv's
// standalone code, with the rules of validation.ts): the stub compiles no request schema at start.
import {
  validators as bodyValidators,
  componentValidators,
} from "../../generated/body-validators.js";
import { validators as parameterValidators } from "../../generated/parameter-validators.js";
import { type OperationId, operationsById } from "./document.js";
import type { Validator } from "./validation.js";

/** The request parts Fastify validates, by its `httpPart` names. */
export type RequestPart = "params" | "querystring" | "headers" | "body";

const requestParts: RequestPart[] = ["params", "querystring", "headers", "body"];

/** The precompiled validator of one request part of an operation; undefined when it has none. */
export function requestValidator(
  operationId: OperationId,
  part: RequestPart,
): Validator | undefined {
  return part === "body"
    ? bodyValidators[operationId]?.body
    : parameterValidators[operationId]?.[part];
}

// Fastify hands its validator compiler the schema object of the route, which is the operation
// table's own: so each schema object of the table finds its validator.
const bySchema = new Map<unknown, Validator>();
for (const operation of operationsById.values()) {
  for (const part of requestParts) {
    const validate = requestValidator(operation.operationId, part);
    if (operation[part] !== undefined && validate) bySchema.set(operation[part], validate);
  }
}

/** The precompiled validator for a request schema of the operation table (`operationsById`). */
export function precompiledValidator(schema: unknown): Validator | undefined {
  return bySchema.get(schema);
}

/** The precompiled validator of a component schema, e.g. `stubFixtures` (bodies' rules). */
export function componentValidator(name: keyof typeof componentValidators): Validator {
  return componentValidators[name];
}
