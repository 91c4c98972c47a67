// The stub's own controls under /_stub (not Graph): reset, export, and queued faults.
import { graphErrors } from "../errors.js";
import { FixturesError } from "../fixtures.js";
import type { Handler, HandlerContext } from "./types.js";

/**
 * The same reset as the testing helpers' `reset()`; a document it refuses changes nothing. No
 * body, an empty one or `{}` (Swagger UI's prefilled example) mean the start fixtures.
 */
export function resetStub({ reset }: HandlerContext): Handler<"resetStub"> {
  return (request, reply) => {
    const { clientConfigurations, ...rest } = request.body ?? {};
    try {
      reset(clientConfigurations === undefined ? undefined : { ...rest, clientConfigurations });
    } catch (error) {
      throw error instanceof FixturesError
        ? graphErrors.badRequest(error.message, "clientConfigurations")
        : error;
    }
    reply.code(204).send("");
  };
}

export function exportStub({ store }: HandlerContext): Handler<"exportStub"> {
  return (_request, reply) => {
    reply.code(200).send(store.exportFixtures());
  };
}

export function queueFaults({ faults }: HandlerContext): Handler<"queueFaults"> {
  return (request, reply) => {
    faults.enqueue(request.body);
    reply.code(204).send("");
  };
}

export function clearFaults({ faults }: HandlerContext): Handler<"clearFaults"> {
  return (_request, reply) => {
    faults.clear();
    reply.code(204).send("");
  };
}
