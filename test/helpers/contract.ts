// assertContract(t, operationId, reply): the reply's status must be documented for that
// operation in openapi.yaml, its body must validate against that status's schema (Ajv, the
// server's own rules), and its documented required headers must be present and valid.
import type { LightMyRequestResponse as InjectResponse } from "fastify";
import type { Test } from "tap";
import { type OperationId, operationSpec } from "../../src/spec.js";
import { bodyAjv, compile, parameterAjv } from "../../src/validation.js";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: unknown;
}

type Assert = Pick<Test, "ok" | "fail" | "match">;

/** JSON bodies parsed; other bodies (text/plain counts, octet streams) kept as text. */
function parseBody(text: string, contentType: unknown): unknown {
  if (text === "") return undefined;
  return String(contentType ?? "").includes("json") ? JSON.parse(text) : text;
}

export function fromInject(response: InjectResponse): Reply {
  return {
    status: response.statusCode,
    headers: response.headers,
    body: parseBody(response.body, response.headers["content-type"]),
  };
}

export async function fromFetch(response: Response): Promise<Reply> {
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: parseBody(await response.text(), response.headers.get("content-type")),
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

/** Checks one reply against the spec; returns its body for further assertions. */
export function assertContract<T = unknown>(
  t: Assert,
  operationId: OperationId,
  reply: Reply | InjectResponse,
): T {
  const normalized = "statusCode" in reply ? fromInject(reply) : reply;
  const operation = operationSpec(operationId);
  const status = String(normalized.status);
  const headers = operation.responseHeaders[status];
  if (!headers) {
    t.fail(`${operationId}: status ${status} is not documented in openapi.yaml`, {
      body: normalized.body,
    });
    return normalized.body as T;
  }
  const schema = operation.responses[status];
  const mediaType = operation.responseContentTypes[status];
  if (mediaType && !schema) {
    const contentType = String(normalized.headers["content-type"] ?? "");
    t.ok(contentType.startsWith(mediaType), `${operationId} ${status}: ${mediaType} content type`, {
      contentType,
    });
    if (mediaType === "text/plain") {
      t.match(normalized.body, /^\d+$/, `${operationId} ${status}: a count`);
    }
  } else if (schema) {
    const contentType = String(normalized.headers["content-type"] ?? "");
    t.ok(
      contentType.startsWith("application/json"),
      `${operationId} ${status}: JSON content type`,
      {
        contentType,
      },
    );
    const validate = compile(schema, bodyAjv);
    t.ok(validate(normalized.body), `${operationId} ${status}: body matches the spec`, {
      errors: validate.errors?.map((e) => `${e.instancePath} ${e.message}`),
      body: normalized.body,
    });
  } else {
    t.ok(normalized.body === undefined, `${operationId} ${status}: no body, as documented`);
  }
  for (const [name, header] of Object.entries(headers)) {
    const value = normalized.headers[name];
    if (value === undefined) {
      if (header.required) t.fail(`${operationId} ${status}: required header ${name} is missing`);
      continue;
    }
    const validate = compile(header.schema, parameterAjv);
    t.ok(validate(String(value)), `${operationId} ${status}: header ${name} matches the spec`, {
      value,
      errors: validate.errors?.map((e) => e.message),
    });
  }
  const seen = exercised.get(operationId) ?? new Set<string>();
  exercised.set(operationId, seen.add(status));
  return normalized.body as T;
}
