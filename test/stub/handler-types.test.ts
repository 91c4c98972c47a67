// Handlers are typed from openapi.yaml (generated/schema.ts): a wrong reply body, status or
// parameter fails `npm run typecheck`. Each `@ts-expect-error` below marks such a mistake; were
// one to compile, tsc would report the directive as unused. The handlers here are never called.
import t from "tap";
import { operationsById } from "../../src/spec/document.js";
import { Faults } from "../../src/stub/faults.js";
import { Journal } from "../../src/stub/journal.js";
import { createHandlers } from "../../src/stub/routes/index.js";
import type { Handler, Handlers, SharedHandler } from "../../src/stub/routes/types.js";
import { MemoryStore } from "../../src/stub/store/memory.js";

export const assignTypes: Handler<"assign"> = (request, reply) => {
  const id: string = request.params.officeClientConfigurationId;
  // @ts-expect-error no such path parameter
  const _unknownParameter = request.params.id;
  // @ts-expect-error the body holds assignments to create, not numbers
  const _wrongBody: number[] = request.body.officeConfigurationAssignments;
  // @ts-expect-error `value` is the list of assignments, not a number
  reply.code(200).send({ "@odata.context": id, value: 42 });
  // @ts-expect-error assign answers 200, never 201
  reply.code(201);
  // @ts-expect-error the status comes first: without it there is no body type to send
  reply.send({ "@odata.context": id, value: [] });
  // @ts-expect-error a 404's body is Graph's error, not text
  reply.code(404).send("not found");
  reply.code(404).send({ error: { code: "ResourceNotFound", message: id } });
  reply.code(200).send({ "@odata.context": id, value: [] });
};

export const listTypes: Handler<"listAssignments"> = (request, reply) => {
  // @ts-expect-error $top is a number (coerced from the query string)
  const _top: string | undefined = request.query.$top;
  // @ts-expect-error no such query option
  const _unknownOption = request.query.$expand;
  // @ts-expect-error an item's priority does not exist on an assignment
  reply.code(200).send({ "@odata.context": "", value: [{ id: "a", priority: 1 }] });
};

export const countTypes: Handler<"countAssignments"> = (_request, reply) => {
  // @ts-expect-error $count is text/plain digits: a string, not a number
  reply.code(200).send(3);
  reply.code(200).send("3");
};

export const getPayloadTypes: Handler<"getPolicyPayload"> = (_request, reply) => {
  // @ts-expect-error the stream's raw bytes, not its base64 text
  reply.code(200).send("aGk=");
  reply.code(200).send(new Uint8Array([104, 105]));
  reply.code(204).send("");
};

export const setPayloadTypes: Handler<"setPolicyPayload"> = (request, reply) => {
  // @ts-expect-error an octet-stream body is bytes, not text
  const _text: string = request.body;
  // @ts-expect-error a 204 has no body
  reply.code(204).send(request.body);
  // @ts-expect-error a 204 is `send("")`: the empty body is written, not left out
  reply.code(204).send();
  // @ts-expect-error setPolicyPayload answers 204, never 200
  reply.code(200);
  reply.code(204).send("");
};

// @ts-expect-error a handler replies through `reply` and returns nothing
export const returnsReply: Handler<"clearFaults"> = (_request, reply) => reply.code(204).send("");

// @ts-expect-error assign and listAssignments are described differently: no shared handler
export const notAlike: SharedHandler<"assign", "listAssignments"> = () => undefined;
export const alike: SharedHandler<"assign", "assignQualified"> = assignTypes;

export function withoutOne(handlers: Omit<Handlers, "clearFaults">): Handlers {
  // @ts-expect-error every operationId of the spec needs its handler
  return handlers;
}

t.test("the handler map serves exactly the spec's operations", async (t) => {
  const handlers = createHandlers({
    store: new MemoryStore(),
    pageSize: 10,
    queryLimits: { maxFilterNodes: 100, maxFilterDepth: 50, maxOrderbyKeys: 5 },
    reset: () => undefined,
    journal: new Journal(0, 0),
    faults: new Faults({
      faultRate: 0,
      faultStatuses: [503],
      faultSeed: 1,
      latency: [0, 0],
      retryAfter: 1,
    }),
  });
  t.same(Object.keys(handlers).sort(), [...operationsById.keys()].sort());
  for (const handler of Object.values(handlers)) t.type(handler, "function");
});
