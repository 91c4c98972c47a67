// The stub's request journal under /_stub (not Graph): list it with its summary, clear it, and
// the least privileged permissions its requests needed.
import { permissionsReport } from "../permissions.js";
import type { Handler, HandlerContext } from "./types.js";

export function listStubRequests({ journal }: HandlerContext): Handler<"listStubRequests"> {
  return (request, reply) => {
    reply.code(200).send(journal.report(request.query));
  };
}

export function clearStubRequests({ journal }: HandlerContext): Handler<"clearStubRequests"> {
  return (_request, reply) => {
    journal.clear();
    reply.code(204).send("");
  };
}

export function getStubPermissions({ journal }: HandlerContext): Handler<"getStubPermissions"> {
  return (_request, reply) => {
    reply.code(200).send(permissionsReport(journal.list()));
  };
}
