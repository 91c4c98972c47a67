// Injected faults (x-stub-fault) for an operation: each must be a documented Graph reply.
import type { FastifyInstance, InjectOptions } from "fastify";
import type { Test } from "tap";
import type { OperationId } from "../../src/spec/document.js";
import { assertContract, type ErrorBody } from "./contract.js";

const expected: Record<number, string> = {
  429: "TooManyRequests",
  502: "serviceNotAvailable",
  503: "serviceNotAvailable",
  504: "serviceNotAvailable",
};

/** Sends `request` once per injected status; checks status, code, Retry-After and the contract. */
export async function assertInjectedFaults(
  t: Test,
  app: FastifyInstance,
  operationId: OperationId,
  request: InjectOptions,
): Promise<void> {
  for (const status of [429, 502, 503, 504]) {
    const res = await app.inject({
      ...request,
      headers: { ...request.headers, "x-stub-fault": `${status}; retry-after=3` },
    });
    t.equal(res.statusCode, status, `${operationId}: injected ${status}`);
    const body = assertContract<ErrorBody>(t, operationId, res);
    t.equal(body.error.code, expected[status], `${operationId}: injected ${status} code`);
    t.equal(res.headers["retry-after"], status === 429 || status === 503 ? "3" : undefined);
  }
}
