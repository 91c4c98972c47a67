// The statuses every Graph operation shares: 401, 403, 500 and the injected 429/502/503/504,
// and for operations with a body 413 and 415. Each reply is checked against the contract.
import type { FastifyInstance, InjectOptions } from "fastify";
import type { Test } from "tap";
import { type OperationId, operationSpec } from "../../src/spec/document.js";
import { graphErrors } from "../../src/stub/errors.js";
import { build } from "./build.js";
import { assertContract, type ErrorBody } from "./contract.js";
import { assertInjectedFaults } from "./faults.js";
import { demoStore } from "./stores.js";
import { bearer, jwt } from "./tokens.js";

export async function assertSharedStatuses(
  t: Test,
  operationId: OperationId,
  request: InjectOptions,
): Promise<void> {
  const operation = operationSpec(operationId);
  const documented = Object.keys(operation.responseHeaders);
  const app = await build(t, { bodyLimit: 256 });
  const send = (extra: Partial<InjectOptions>) =>
    app.inject({ ...request, ...extra, headers: { ...request.headers, ...extra.headers } });

  if (documented.includes("401")) {
    const headers: Record<string, unknown> = { ...request.headers };
    delete headers.authorization;
    const res = await app.inject({ ...request, headers: headers as InjectOptions["headers"] });
    t.equal(res.statusCode, 401, `${operationId}: no token → 401`);
    t.equal(
      assertContract<ErrorBody>(t, operationId, res).error.code,
      "InvalidAuthenticationToken",
    );
  }
  if (documented.includes("403")) {
    const res = await send({ headers: bearer(jwt({ scp: "User.Read" })) });
    t.equal(res.statusCode, 403, `${operationId}: a token without the scope → 403`);
    t.equal(assertContract<ErrorBody>(t, operationId, res).error.code, "Forbidden");
  }
  if (documented.includes("415")) {
    const wrong = operation.bodyContentTypes.includes("application/json")
      ? "text/plain"
      : "application/json";
    const res = await send({ headers: { "content-type": wrong }, payload: "{}" });
    t.equal(res.statusCode, 415, `${operationId}: ${wrong} → 415`);
    t.equal(assertContract<ErrorBody>(t, operationId, res).error.code, "RequestBodyRead");
  }
  if (documented.includes("413")) {
    const res = await send({ payload: JSON.stringify({ big: "x".repeat(1000) }) });
    t.equal(res.statusCode, 413, `${operationId}: a body over the limit → 413`);
    t.equal(assertContract<ErrorBody>(t, operationId, res).error.code, "RequestEntityTooLarge");
  }
  if (documented.includes("429")) await assertInjectedFaults(t, app, operationId, request);
  if (documented.includes("507")) {
    // The reply's shape against the contract; the cap itself is tested in store-cap.test.ts.
    const full: FastifyInstance = await build(t);
    full.addHook("preHandler", async () => {
      throw graphErrors.storeFull(1);
    });
    const res = await full.inject(request);
    t.equal(res.statusCode, 507, `${operationId}: the store is full → 507`);
    t.equal(assertContract<ErrorBody>(t, operationId, res).error.code, "quotaLimitReached");
  }
  if (documented.includes("500")) {
    const broken: FastifyInstance = await build(t);
    broken.addHook("preHandler", async () => {
      throw new Error("a bug");
    });
    const res = await broken.inject(request);
    t.equal(res.statusCode, 500, `${operationId}: an unexpected error → 500`);
    t.equal(assertContract<ErrorBody>(t, operationId, res).error.code, "generalException");
  }
}

/**
 * A stub whose store holds exactly the demo state (`--max-stored-bytes` at its size): a request
 * that would store more gets the real 507.
 */
export async function assertStoreFull(
  t: Test,
  operationId: OperationId,
  request: InjectOptions,
): Promise<void> {
  const app = await build(t, { maxStoredBytes: demoStore().storedBytes });
  const res = await app.inject(request);
  t.equal(res.statusCode, 507, `${operationId}: past --max-stored-bytes → 507`);
  t.equal(assertContract<ErrorBody>(t, operationId, res).error.code, "quotaLimitReached");
}
