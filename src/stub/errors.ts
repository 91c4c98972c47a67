// One error class, one catalogue, one mapper. Codes and messages follow
// shared/reference/graph-behavior.md (§3.1, §3.2, §3.5); where Graph's exact wording is
// unverified, the message says plainly what is wrong and names the field.
import type { ErrorObject } from "ajv/dist/2020.js";
import type { FastifyError, FastifyRequest } from "fastify";
import type { components } from "../../generated/schema.js";

export type ErrorDetail = components["schemas"]["odataErrorDetail"];

/** An error that leaves the stub as Graph's JSON error body, with its status and code. */
export class GraphError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly target?: string;
  readonly details?: ErrorDetail[];
  /** Extra response headers, e.g. `WWW-Authenticate` on 401. */
  readonly headers?: Record<string, string>;

  constructor(
    statusCode: number,
    code: string,
    message: string,
    extra: { target?: string; details?: ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "GraphError";
    this.statusCode = statusCode;
    this.code = code;
    this.target = extra.target;
    this.details = extra.details;
    this.headers = extra.headers;
  }
}

// Graph's bearer challenge (microsofthackathons/tdi#24).
const wwwAuthenticate =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

const invalidJson =
  "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";

/** The catalogue: every error the stub sends is built here. */
export const graphErrors = {
  unauthenticated: (message: string) =>
    new GraphError(401, "InvalidAuthenticationToken", message, {
      headers: { "www-authenticate": wwwAuthenticate },
    }),
  tokenEmpty: () => graphErrors.unauthenticated("Access token is empty."),
  tokenNotJwt: () =>
    graphErrors.unauthenticated("CompactToken parsing failed with error code: 80049217"),
  tokenMalformed: () =>
    graphErrors.unauthenticated(
      "IDX14100: JWT is not well formed: it must be three base64url-encoded parts separated by dots, the first two of them JSON.",
    ),
  tokenExpired: () => graphErrors.unauthenticated("Access token has expired or is not yet valid."),
  tokenInvalidAudience: () =>
    graphErrors.unauthenticated("Access token validation failure. Invalid audience."),
  tokenInvalidSignature: () =>
    graphErrors.unauthenticated("Access token validation failure. Invalid signature."),
  tokenWithoutPermissions: () =>
    graphErrors.unauthenticated("Either scp or roles claim need to be present in the token."),
  /** Intune's wording (srozemuller/IntuneAssistant#6, microsoft/intune-my-macs#10). */
  missingScope: (kind: "application" | "delegated", alternatives: string[]) =>
    new GraphError(
      403,
      "Forbidden",
      `${kind === "application" ? "Application" : "User"} is not authorized to perform this operation. ${
        kind === "application" ? "Application" : "The user's token"
      } must have one of the following scopes: ${alternatives.join(", ")}`,
    ),
  personalAccount: () =>
    new GraphError(
      403,
      "Forbidden",
      "Personal Microsoft accounts are not supported for this API: officeConfiguration needs a work or school account.",
    ),
  invalidJson: (reason?: string) =>
    new GraphError(400, "BadRequest", invalidJson, {
      details: reason ? [{ code: "BadRequest", message: reason }] : undefined,
    }),
  missingContentType: () =>
    new GraphError(
      400,
      "BadRequest",
      "Write requests (excluding DELETE) must contain the Content-Type header declaration.",
    ),
  unsupportedMediaType: (contentType: string, supported = "application/json") =>
    new GraphError(
      415,
      "RequestBodyRead",
      `A supported MIME type could not be found that matches the content type of the request. The supported type(s) '${supported}' do not match the content type '${contentType}'.`,
    ),
  bodyTooLarge: (limit: number) =>
    new GraphError(413, "RequestEntityTooLarge", "Maximum request length exceeded.", {
      details: [
        {
          code: "RequestEntityTooLarge",
          message: `The request body may be at most ${limit} bytes.`,
        },
      ],
    }),
  /** Intune's router error (microsoft-graph-docs-contrib#2903, #4017). */
  noRouteMatch: (method: string, url: string, hint?: string) =>
    new GraphError(
      400,
      "No method match route template",
      `No OData route exists that match template ${odataTemplate(url)} with http verb ${method} for request ${url}.${hint ? ` ${hint}` : ""}`,
    ),
  badUrl: (url: string) =>
    new GraphError(400, "BadRequest", `The request URL is not valid: ${url}`),
  unknownSegment: (segment: string) =>
    new GraphError(
      400,
      "RequestBroker--ParseUri",
      `Resource not found for the segment '${segment}'.`,
    ),
  notFound: (type: string, id: string) =>
    new GraphError(
      404,
      "ResourceNotFound",
      `Resource not found: no ${type} with id '${id}' exists.`,
      { target: id },
    ),
  outsideGraph: () => new GraphError(404, "ResourceNotFound", "Resource could not be discovered."),
  badRequest: (message: string, target?: string) =>
    new GraphError(400, "BadRequest", message, { target }),
  priorityTaken: (priority: number, owner: string) =>
    new GraphError(
      409,
      "Conflict",
      `Priority ${priority} is already used by officeClientConfiguration '${owner}': priorities must be unique in the tenant.`,
      { target: "priority" },
    ),
  conflict: (type: string, id: string) =>
    new GraphError(409, "Conflict", `A ${type} with id '${id}' already exists.`, { target: "id" }),
  /** ASP.NET OData's wording for a query option a list does not take. */
  queryOptionNotAllowed: (option: string) =>
    new GraphError(
      400,
      "BadRequest",
      `The query specified in the URI is not valid. Query option '${option}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`,
      { target: option },
    ),
  noSuchProperty: (name: string, typeName: string) =>
    new GraphError(
      400,
      "BadRequest",
      `Could not find a property named '${name}' on type '${typeName}'.`,
      { target: name },
    ),
  internal: () => new GraphError(500, "generalException", "An unspecified error has occurred."),
  // Throttling and outages, as injected faults answer (DOCS-OLD concepts/throttling.md).
  throttled: (retryAfter: number) =>
    new GraphError(429, "TooManyRequests", "Please retry again later.", {
      headers: { "retry-after": String(retryAfter) },
    }),
  badGateway: () =>
    new GraphError(
      502,
      "serviceNotAvailable",
      "The service is temporarily unavailable (bad gateway).",
    ),
  serviceUnavailable: (retryAfter: number) =>
    new GraphError(
      503,
      "serviceNotAvailable",
      "The service is temporarily unavailable. Please retry later.",
      { headers: { "retry-after": String(retryAfter) } },
    ),
  gatewayTimeout: () =>
    new GraphError(
      504,
      "serviceNotAvailable",
      "The gateway timed out waiting for the service. Please retry later.",
    ),
  /** A /_stub control sent by a page of another origin (a cross-site request): stub only. */
  controlCrossOrigin: (origin: string) =>
    new GraphError(
      403,
      "Forbidden",
      `The stub's control routes answer only pages of their own origin and clients outside a browser; this request came from '${origin}'.`,
    ),
  /** A /_stub control without the stub's --control-token: stub only. */
  controlTokenMissing: () =>
    new GraphError(
      401,
      "InvalidAuthenticationToken",
      "The stub's control routes need its control token (--control-token) as 'Authorization: Bearer <token>'.",
      { headers: { "www-authenticate": 'Bearer realm="stub-control"' } },
    ),
  /** The stub's own reply broke openapi.yaml (self-check on): a stub bug, never the caller's. */
  selfCheckFailed: (operationId: string, violations: { message: string; schemaPath: string }[]) =>
    new GraphError(
      500,
      "generalException",
      `The stub's reply to ${operationId} violated openapi.yaml, so it was not sent.`,
      {
        details: violations.map((violation) => ({
          code: "ContractViolation",
          message: violation.message,
          target: violation.schemaPath,
        })),
      },
    ),
};

/** `~/singleton/navigation/key/navigation/$ref`, as Intune's router names the template it tried. */
function odataTemplate(url: string): string {
  const segments = url.split("?")[0]?.split("/").filter(Boolean).slice(1) ?? [];
  const names = segments.map((segment, index) => {
    if (segment.startsWith("$")) return segment;
    if (index === 0) return "singleton";
    return index % 2 === 1 ? "navigation" : "key";
  });
  return `~/${names.join("/")}`;
}

// ---------------------------------------------------------------------------------------------
// Ajv errors → one Graph error that names the field.

type Context = "body" | "params" | "querystring" | "headers" | string;

const rank: Record<string, number> = {
  type: 0,
  odataType: 1,
  required: 2,
  unevaluatedProperties: 3,
  additionalProperties: 3,
};

interface Problem {
  keyword: string;
  field: string;
  code: string;
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function fieldOf(instancePath: string, child?: string): string {
  const parts = instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  if (child !== undefined) parts.push(child);
  return parts.join(".");
}

/** The Graph type a schema describes, from its `x-graph-type` annotation in openapi.yaml. */
function typeName(schema: unknown): string {
  const name = isObject(schema) ? schema["x-graph-type"] : undefined;
  return typeof name === "string" ? name : "microsoft.graph.entity";
}

function odataTypesOf(branch: unknown): unknown[] {
  if (!isObject(branch) || !isObject(branch.properties)) return [];
  const tag = branch.properties["@odata.type"];
  return isObject(tag) && Array.isArray(tag.enum) ? tag.enum : [];
}

/**
 * A failed `oneOf` reports every branch's errors. Keep only the branch the instance chose by its
 * `@odata.type` (or, for `X | null`, the branch of its JSON type); when it chose none, say so.
 */
function pruneOneOf(errors: ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const failure of errors.filter((error) => error.keyword === "oneOf")) {
    const branches = Array.isArray(failure.schema) ? failure.schema : [];
    const data = failure.data;
    const tag = isObject(data) ? data["@odata.type"] : undefined;
    const discriminated = branches.some((branch) => odataTypesOf(branch).length > 0);
    let chosen = discriminated
      ? branches.findIndex((branch) => odataTypesOf(branch).includes(tag))
      : branches.findIndex((branch) => isObject(branch) && branch.type === jsonType(data));
    if (discriminated && chosen < 0 && !isObject(data)) chosen = -2;
    const prefix = `${failure.schemaPath}/`;
    kept = kept.filter(
      (error) =>
        error === failure ||
        !error.schemaPath.startsWith(prefix) ||
        (chosen >= 0 && error.schemaPath.startsWith(`${prefix}${chosen}/`)),
    );
    if (chosen >= 0) {
      kept = kept.filter((error) => error !== failure);
    } else if (discriminated && chosen === -1) {
      const allowed = branches.flatMap(odataTypesOf);
      const replacement: ErrorObject = {
        ...failure,
        keyword: "odataType",
        params: { allowed, tag },
      };
      kept = kept.map((error) => (error === failure ? replacement : error));
    }
  }
  return kept;
}

function describe(error: ErrorObject, context: Context): Problem {
  const where =
    context === "body"
      ? "property"
      : context === "params"
        ? "path parameter"
        : context === "querystring"
          ? "query option"
          : context;
  const field = fieldOf(error.instancePath);
  const named = field === "" ? "The request body" : `The ${where} '${field}'`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "odataType": {
      const allowed = (params.allowed as string[]).map((name) => `'${name}'`).join(", ");
      const tag = params.tag;
      const at = field === "" ? "the request body" : `'${field}'`;
      return {
        keyword: error.keyword,
        field: fieldOf(error.instancePath, "@odata.type"),
        code: "BadRequest",
        message:
          tag === undefined
            ? `The property '@odata.type' is required on ${at}: it must name a concrete type, one of ${allowed}.`
            : `'${String(tag)}' is not a valid '@odata.type' for ${at}: expected one of ${allowed}.`,
      };
    }
    case "required": {
      const missing = String(params.missingProperty);
      return {
        keyword: error.keyword,
        field: fieldOf(error.instancePath, missing),
        code: "BadRequest",
        message: `The property '${fieldOf(error.instancePath, missing)}' is required on type '${typeName(error.parentSchema)}'.`,
      };
    }
    case "unevaluatedProperties":
    case "additionalProperties": {
      const property = String(params.unevaluatedProperty ?? params.additionalProperty);
      return {
        keyword: error.keyword,
        field: fieldOf(error.instancePath, property),
        code: "RequestBodyRead",
        message: `The property '${fieldOf(error.instancePath, property)}' does not exist on type '${typeName(error.parentSchema)}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      };
    }
    case "type": {
      const expected = ([] as unknown[]).concat(params.type).join(" or ");
      const message =
        field === "" && context === "body"
          ? `The request body must be a JSON ${expected}, not ${jsonType(error.data)}.`
          : `${named} must be of type ${expected}, not ${jsonType(error.data)}.`;
      return { keyword: error.keyword, field, code: "BadRequest", message };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((value) => `'${String(value)}'`);
      const isTag = field.endsWith("@odata.type");
      return {
        keyword: error.keyword,
        field,
        code: "BadRequest",
        message: isTag
          ? `'${String(error.data)}' is not a valid '@odata.type' for ${field === "@odata.type" ? "the request body" : `'${field.slice(0, -".@odata.type".length)}'`}: expected one of ${allowed.join(", ")}.`
          : `${named} must be one of ${allowed.join(", ")}.`,
      };
    }
    case "format":
      return {
        keyword: error.keyword,
        field,
        code: "BadRequest",
        message:
          params.format === "int32"
            ? `${named} must be a 32-bit integer (Edm.Int32).`
            : `${named} must be a valid ${String(params.format)}.`,
      };
    case "minLength":
      return {
        keyword: error.keyword,
        field,
        code: "BadRequest",
        message:
          params.limit === 1
            ? `${named} must not be empty.`
            : `${named} must be at least ${String(params.limit)} characters long.`,
      };
    default:
      return {
        keyword: error.keyword,
        field,
        code: "BadRequest",
        message: `${named} ${error.message ?? "is invalid"}.`,
      };
  }
}

/** Turns Ajv's errors for one request part into a single 400 that names the first bad field. */
export function validationError(errors: ErrorObject[], context: Context): GraphError {
  const problems = pruneOneOf(errors)
    .map((error) => describe(error, context))
    .sort((a, b) => (rank[a.keyword] ?? 9) - (rank[b.keyword] ?? 9));
  const unique = problems.filter(
    (problem, index) => problems.findIndex((other) => other.message === problem.message) === index,
  );
  const first = unique[0] ?? {
    keyword: "unknown",
    field: "",
    code: "BadRequest",
    message: "The request is invalid.",
  };
  return new GraphError(400, first.code, first.message, {
    target: first.field || undefined,
    details:
      unique.length > 1
        ? unique.map((problem) => ({
            code: problem.code,
            message: problem.message,
            target: problem.field,
          }))
        : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// The mapper: anything thrown in a Graph route becomes a GraphError.

/** Maps Fastify's own errors and anything else to a GraphError; `unexpected` marks a 500. */
export function toGraphError(
  error: unknown,
  request: FastifyRequest,
  bodyLimit: number,
): { graphError: GraphError; unexpected: boolean } {
  if (error instanceof GraphError) return { graphError: error, unexpected: false };
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    return {
      graphError: validationError(
        fastifyError.validation as unknown as ErrorObject[],
        fastifyError.validationContext ?? "body",
      ),
      unexpected: false,
    };
  }
  switch (fastifyError.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        graphError: graphErrors.unsupportedMediaType(request.headers["content-type"] ?? ""),
        unexpected: false,
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { graphError: graphErrors.bodyTooLarge(bodyLimit), unexpected: false };
    case "FST_ERR_BAD_URL":
      return { graphError: graphErrors.badUrl(request.url), unexpected: false };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return {
        graphError: graphErrors.invalidJson("The request body is empty."),
        unexpected: false,
      };
  }
  if (fastifyError.statusCode === 400 || error instanceof SyntaxError) {
    return { graphError: graphErrors.invalidJson(fastifyError.message), unexpected: false };
  }
  return { graphError: graphErrors.internal(), unexpected: true };
}
