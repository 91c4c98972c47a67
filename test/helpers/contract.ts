// assertContract(t, operationId, reply): the reply's status must be documented for that
// operation in openapi.yaml, its body must validate against that status's schema (Ajv, the
// server's own rules), and its documented required headers must be present and valid.
import type { LightMyRequestResponse as InjectResponse } from "fastify";
import type { Test } from "tap";
import type { components } from "../../generated/schema.js";
import { type OperationId, operationSpec } from "../../src/spec/document.js";
import { checkReply, documentedStatus } from "../../src/spec/reply.js";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The body as sent. */
  text: string;
  /** The body parsed: JSON as a value, anything else as its text; undefined when empty. */
  body: unknown;
}

type Assert = Pick<Test, "same" | "fail">;

/** Graph's error body (`{ error: { code, message, … } }`), as openapi.yaml describes it. */
export type ErrorBody = components["schemas"]["odataError"];

/** JSON bodies parsed; other bodies (text/plain counts, octet streams) kept as text. */
function parseBody(text: string, contentType: unknown): unknown {
  if (text === "") return undefined;
  return String(contentType ?? "").includes("json") ? JSON.parse(text) : text;
}

export function fromInject(response: InjectResponse): Reply {
  return {
    status: response.statusCode,
    headers: response.headers,
    text: response.body,
    body: parseBody(response.body, response.headers["content-type"]),
  };
}

export async function fromFetch(response: Response): Promise<Reply> {
  const text = await response.text();
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    text,
    body: parseBody(text, response.headers.get("content-type")),
  };
}

const exercised = new Map<OperationId, Set<string>>();

/** Statuses documented for the operation, sorted. */
export function documentedStatuses(operationId: OperationId): string[] {
  return Object.keys(operationSpec(operationId).responseHeaders).sort();
}

/** Statuses this test file has seen pass through assertContract, sorted. */
export function exercisedStatuses(operationId: OperationId): string[] {
  return [...(exercised.get(operationId) ?? [])].sort();
}

/**
 * Checks one reply against the spec with the same rules as the stub's self-check and the
 * contract CLI (src/spec/reply.ts); returns its body for further assertions.
 */
export function assertContract<T = unknown>(
  t: Assert,
  operationId: OperationId,
  reply: Reply | InjectResponse,
): T {
  const normalized = "statusCode" in reply ? fromInject(reply) : reply;
  const operation = operationSpec(operationId);
  const violations = checkReply(operation, {
    status: normalized.status,
    header: (name) => {
      const value = normalized.headers[name];
      return value === undefined ? undefined : String(value);
    },
    text: normalized.text,
  });
  t.same(violations, [], `${operationId} ${normalized.status}: the reply matches openapi.yaml`, {
    body: normalized.body,
  });
  if (documentedStatus(operation, normalized.status) !== undefined) {
    const seen = exercised.get(operationId) ?? new Set<string>();
    exercised.set(operationId, seen.add(String(normalized.status)));
  }
  return normalized.body as T;
}
