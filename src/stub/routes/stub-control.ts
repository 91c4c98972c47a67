// The stub's own controls under /_stub (not Graph): reset, export, and queued faults.
import { graphErrors } from "../errors.js";
import { loadFixtures } from "../fixtures.js";
import { MemoryStore } from "../store/memory.js";
import type { Handler, HandlerContext } from "./types.js";

export function resetStub({
  store,
  initialFixtures,
  faults,
}: HandlerContext): Handler<"resetStub"> {
  return (request, reply) => {
    const fixtures = request.body ?? initialFixtures;
    // A dry run first: a document that repeats an id or a priority is refused with a 400 and
    // changes nothing, instead of failing halfway through the real store.
    try {
      loadFixtures(fixtures, new MemoryStore());
    } catch (error) {
      throw graphErrors.badRequest(
        String(error instanceof Error ? error.message : error),
        "clientConfigurations",
      );
    }
    store.clear();
    faults.clear();
    loadFixtures(fixtures, store);
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
