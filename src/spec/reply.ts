// Judges one reply against openapi.yaml: its status must be documented for the operation, its
// body must validate against that status's schema (with the server's own Ajv rules), and its
// documented headers must be present and valid. The stub's self-check and the contract CLI
// both use it, so the stub and any other implementation are held to the same rules.
import type { OperationSpec } from "./document.js";
import { bodyAjv, compile, parameterAjv } from "./validation.js";

/** One way a reply breaks the spec. */
export interface Violation {
  /** A readable sentence, e.g. `body /target must have required property '@odata.type'`. */
  message: string;
  /** Where in the spec: the JSON Schema path Ajv reports, or the response it concerns. */
  schemaPath: string;
}

/** What checkReply needs of a reply, whatever carried it (Fastify, fetch, a test). */
export interface ReplyLike {
  status: number;
  /** Reads a header by lower-case name. */
  header(name: string): string | undefined;
  /** The raw body text; `""` when there is none. */
  text: string;
}

const maxErrors = 5;

/** The response key that documents `status`: exact, then `4XX`-style ranges, then `default`. */
export function documentedStatus(operation: OperationSpec, status: number): string | undefined {
  const keys = Object.keys(operation.responseHeaders);
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return [exact, range, "default"].find((key) => keys.includes(key));
}

export function checkReply(operation: OperationSpec, reply: ReplyLike): Violation[] {
  const { operationId } = operation;
  const key = documentedStatus(operation, reply.status);
  const where = `#/paths/${operation.path.replaceAll("/", "~1")}/${operation.method}/responses`;
  if (key === undefined) {
    return [
      {
        message: `status ${reply.status} is not documented for ${operationId} (documented: ${Object.keys(operation.responseHeaders).join(", ")})`,
        schemaPath: where,
      },
    ];
  }
  const violations: Violation[] = [];
  const schema = operation.responses[key];
  if (schema) {
    const contentType = reply.header("content-type") ?? "";
    if (!contentType.startsWith("application/json")) {
      violations.push({
        message: `content type '${contentType}' is not application/json`,
        schemaPath: `${where}/${key}/content`,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(reply.text);
    } catch {
      violations.push({
        message: `body is not JSON: ${JSON.stringify(reply.text.slice(0, 80))}`,
        schemaPath: `${where}/${key}/content`,
      });
      return violations;
    }
    const validate = compile(schema, bodyAjv);
    if (!validate(body)) {
      for (const error of (validate.errors ?? []).slice(0, maxErrors)) {
        violations.push({
          message: `body ${error.instancePath || "/"} ${error.message ?? "is invalid"}${describeParams(error.params)}`,
          schemaPath: `${where}/${key}/content/application~1json/schema${error.schemaPath.slice(1)}`,
        });
      }
    }
  } else if (operation.responseContentTypes[key]) {
    // A non-JSON body (a text/plain $count, an octet stream): its media type, and a count is digits.
    const mediaType = operation.responseContentTypes[key];
    const contentType = reply.header("content-type") ?? "";
    if (!contentType.startsWith(mediaType)) {
      violations.push({
        message: `content type '${contentType}' is not ${mediaType}`,
        schemaPath: `${where}/${key}/content`,
      });
    }
    if (mediaType === "text/plain" && !/^\d+$/.test(reply.text)) {
      violations.push({
        message: `body ${JSON.stringify(reply.text.slice(0, 80))} is not a count`,
        schemaPath: `${where}/${key}/content/text~1plain/schema`,
      });
    }
  } else if (reply.text !== "") {
    violations.push({
      message: `status ${key} documents no body, but one was sent`,
      schemaPath: `${where}/${key}`,
    });
  }
  for (const [name, header] of Object.entries(operation.responseHeaders[key] ?? {})) {
    const value = reply.header(name);
    if (value === undefined) {
      if (header.required) {
        violations.push({
          message: `required header ${name} is missing`,
          schemaPath: `${where}/${key}/headers/${name}`,
        });
      }
      continue;
    }
    const validate = compile(header.schema, parameterAjv);
    if (!validate(value)) {
      violations.push({
        message: `header ${name} '${value}' ${validate.errors?.[0]?.message ?? "is invalid"}`,
        schemaPath: `${where}/${key}/headers/${name}/schema`,
      });
    }
  }
  return violations;
}

function describeParams(params: Record<string, unknown>): string {
  const allowed = params.allowedValues;
  if (Array.isArray(allowed)) return ` (${allowed.map((v) => JSON.stringify(v)).join(", ")})`;
  if (typeof params.additionalProperty === "string") return ` ('${params.additionalProperty}')`;
  if (typeof params.unevaluatedProperty === "string") return ` ('${params.unevaluatedProperty}')`;
  return "";
}
