// One error class, one catalogue, one mapper. Codes and messages follow
// shared/reference/graph-behavior.md (§3.1, §3.2, §3.5); where Graph's exact wording is
// unverified, the message says plainly what is wrong and names the field.
import type { ErrorObject } from "ajv/dist/2020.js";
import type { FastifyError, FastifyRequest } from "fastify";
import type { components } from "../../generated/schema.js";
import { operationsById, specDocument } from "../spec/document.js";
import { maxIdLength } from "./ids.js";

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
  tokenInvalidIssuer: () =>
    graphErrors.unauthenticated("Access token validation failure. Invalid issuer."),
  tokenWithoutExpiry: () =>
    graphErrors.unauthenticated(
      "Access token validation failure. The token has no expiry ('exp' claim).",
    ),
  tokenInvalidSignature: () =>
    graphErrors.unauthenticated("Access token validation failure. Invalid signature."),
  /** A claim the stub reads, of the wrong JSON type (see auth.ts claimTypes). */
  tokenClaimType: (claim: string, expected: string, found: string) =>
    graphErrors.unauthenticated(
      `Access token validation failure. The '${claim}' claim must be ${expected}, not ${found}.`,
    ),
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
  invalidHost: () =>
    new GraphError(400, "BadRequest", "The Host header is missing or is not a valid host name.", {
      target: "Host",
    }),
  /** Valid JSON that Fastify's parser (secure-json-parse) refuses: prototype poisoning. */
  prototypeKey: (path: string) =>
    new GraphError(
      400,
      "BadRequest",
      `The property '${path}' is not allowed: a JSON body may not hold a '__proto__' key, or a 'constructor' object with a 'prototype' key, at any depth (they could alter object prototypes).`,
      { target: path },
    ),
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
  /** A create that names no concrete type (Intune's wording; the rest names the type). */
  abstractType: (type: string, concrete: string[], target: string) =>
    new GraphError(
      400,
      "ModelValidationFailure",
      `Cannot create an abstract class. '${type}' is abstract: name one of its concrete types in '@odata.type'${concrete.length > 0 ? `: ${concrete.map((name) => `'#${name}'`).join(", ")}` : ""}.`,
      { target },
    ),
  /** OData's wording (ValidationUtils) for a known type that is not the expected one or derived from it. */
  typeNotAssignable: (type: string, expected: string, target: string) =>
    new GraphError(
      400,
      "ModelValidationFailure",
      `A resource with type '${type}' was found, but it is not assignable to the expected type '${expected}'. The type specified in the resource must be equal to either the expected type or a derived type.`,
      { target },
    ),
  /** OData's wording for a type name the model does not know. */
  typeNotResolved: (type: string, target: string) =>
    new GraphError(
      400,
      "ModelValidationFailure",
      `A type named '${type}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`,
      { target },
    ),
  /** A path segment longer than routing serves (ids.ts): it cannot name an entity. */
  keyTooLong: (url: string) =>
    new GraphError(
      400,
      "BadRequest",
      `The request URL is not valid: a key segment is longer than any id (ids are at most ${maxIdLength} characters): ${url}`,
    ),
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
  /** A create without `priority` when the tenant's highest is Edm.Int32's maximum. */
  noDefaultPriority: (highest: number) =>
    new GraphError(
      409,
      "Conflict",
      `No default priority is left: the highest priority in the tenant is ${highest}, the largest Edm.Int32. Send a priority.`,
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
  /** OData refuses a system query option given twice (OData URL conventions, reference §7). */
  queryOptionRepeated: (option: string) =>
    new GraphError(
      400,
      "BadRequest",
      `The query specified in the URI is not valid. Query option '${option}' was specified more than once, but it must be specified at most once.`,
      { target: option },
    ),
  /** ASP.NET OData's `MaxNodeCount` wording; the stub's limit is `--max-filter-nodes`. */
  filterTooLarge: (limit: number) =>
    new GraphError(
      400,
      "BadRequest",
      `The query specified in the URI is not valid. The node count limit of '${limit}' has been exceeded. To increase the limit, set the stub's --max-filter-nodes option.`,
      { target: "$filter" },
    ),
  filterTooDeep: (limit: number) =>
    new GraphError(
      400,
      "BadRequest",
      `The query specified in the URI is not valid. The $filter nests deeper than ${limit} levels of parentheses or 'not'. To increase the limit, set the stub's --max-filter-depth option.`,
      { target: "$filter" },
    ),
  /** ASP.NET OData's `MaxOrderByNodeCount` wording; the stub's limit is `--max-orderby-keys`. */
  orderbyTooLong: (limit: number) =>
    new GraphError(
      400,
      "BadRequest",
      `The query specified in the URI is not valid. The number of clauses in $orderby query option exceeded the maximum number allowed. The maximum number of $orderby clauses allowed is ${limit}.`,
      { target: "$orderby" },
    ),
  /** ASP.NET OData's OrderByQueryOption refuses a repeated key. */
  orderbyRepeated: (name: string) =>
    new GraphError(
      400,
      "BadRequest",
      `The query specified in the URI is not valid. Duplicate property named '${name}' is not supported in '$orderby'.`,
      { target: name },
    ),
  /** ODL's wording for `$expand` of a property that is not a navigation property. */
  notNavigation: (name: string, typeName: string) =>
    new GraphError(
      400,
      "BadRequest",
      `Property '${name}' on type '${typeName}' is not a navigation property or complex property. Only navigation properties can be expanded.`,
      { target: name },
    ),
  noSuchProperty: (name: string, typeName: string) =>
    new GraphError(
      400,
      "BadRequest",
      `Could not find a property named '${name}' on type '${typeName}'.`,
      { target: name },
    ),
  internal: () => new GraphError(500, "generalException", "An unspecified error has occurred."),
  // JSON batching (reference §7): a malformed batch is refused whole, before any request runs.
  batchDuplicateId: (id: string, index: number) =>
    new GraphError(400, "BadRequest", `The batch has more than one request with the id '${id}'.`, {
      target: `requests.${index}.id`,
    }),
  batchUnknownDependency: (id: string, dependsOn: string, index: number) =>
    new GraphError(
      400,
      "BadRequest",
      `The request '${id}' depends on '${dependsOn}', which is not a request of this batch.`,
      { target: `requests.${index}.dependsOn` },
    ),
  batchDependencyCycle: (id: string, index: number) =>
    new GraphError(
      400,
      "BadRequest",
      `The request '${id}' depends on itself through dependsOn: a batch's dependencies cannot form a cycle.`,
      { target: `requests.${index}.dependsOn` },
    ),
  batchNotGraphRoute: (id: string, method: string, url: string, index: number) =>
    new GraphError(
      400,
      "BadRequest",
      `The request '${id}' (${method} ${url}) is not a route of this API: a batch's urls are relative to the version root, e.g. '/officeConfiguration/clientConfigurations'.`,
      { target: `requests.${index}.url` },
    ),
  batchNested: (id: string, index: number) =>
    new GraphError(400, "BadRequest", `The request '${id}' is a batch: batches cannot be nested.`, {
      target: `requests.${index}.url`,
    }),
  /** A non-JSON body in a batch is a base64 string (learn.microsoft.com/graph/json-batching). */
  batchBodyNotBase64: (id: string, contentType: string, body: unknown, index: number) =>
    new GraphError(
      400,
      "BadRequest",
      `The body of request '${id}' is ${typeof body === "string" ? "not base64" : `a JSON ${jsonType(body)}`}: with the Content-Type '${contentType}' (not JSON), a batch request's body must be a base64 string (base64 with padding, or base64url without).`,
      { target: `requests.${index}.body` },
    ),
  /** A batch request whose dependency failed does not run. */
  failedDependency: (id: string, dependsOn: string, status: number) =>
    new GraphError(
      424,
      "FailedDependency",
      `The request '${id}' was not run: it depends on '${dependsOn}', which failed with status ${status}.`,
    ),
  // Throttling and outages, as injected faults answer (DOCS-OLD concepts/throttling.md).
  /** `retryAfter` null: no `Retry-After`, as some Intune 429s (reference §7). */
  throttled: (retryAfter: number | null) =>
    new GraphError(429, "TooManyRequests", "Please retry again later.", {
      headers: retryAfterHeader(retryAfter),
    }),
  badGateway: () =>
    new GraphError(
      502,
      "serviceNotAvailable",
      "The service is temporarily unavailable (bad gateway).",
    ),
  serviceUnavailable: (retryAfter: number | null) =>
    new GraphError(
      503,
      "serviceNotAvailable",
      "The service is temporarily unavailable. Please retry later.",
      { headers: retryAfterHeader(retryAfter) },
    ),
  /** The stub's own (Graph's 408 wording is unverified); the connection is closed with it. */
  requestTimeout: (timeoutMs: number) =>
    new GraphError(
      408,
      "RequestTimeout",
      `The request was not received in full within ${timeoutMs} ms (--request-timeout).`,
    ),
  headersTooLarge: () => new GraphError(431, "BadRequest", "The request headers are too large."),
  badHttp: () => new GraphError(400, "BadRequest", "The request could not be read as HTTP."),
  /** Graph's `quotaLimitReached` with 507 (concepts/errors.md): SDKs do not retry it. */
  storeFull: (maxStoredBytes: number) =>
    new GraphError(
      507,
      "quotaLimitReached",
      `The stub's store is full: it holds at most ${maxStoredBytes} bytes of entities (--max-stored-bytes). Nothing was written; delete something, or reset.`,
    ),
  badFaultHeader: (value: string) =>
    new GraphError(
      400,
      "BadRequest",
      `The header 'x-stub-fault' is not valid: '${value}'. It takes a status (429, 500, 502, 503 or 504), then optionally '; retry-after=SECONDS' (whole seconds, 0 to 3600, or 'none' for no Retry-After) and '; latency=MS' (whole milliseconds, 0 to 60000).`,
      { target: "x-stub-fault" },
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

/** `Retry-After` in delay-seconds (RFC 9110 §10.2.3), or no header for null. */
function retryAfterHeader(seconds: number | null): Record<string, string> | undefined {
  return seconds === null ? undefined : { "retry-after": String(seconds) };
}

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
  /** For a wrong or missing `@odata.type`: what was sent, what is allowed, the declared type. */
  odataType?: { tag: unknown; allowed: unknown[]; expected?: string };
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

/** The `@odata.type` values a schema allows, from its own properties or those it inherits (allOf). */
function tagsOf(schema: unknown): unknown[] {
  if (!isObject(schema)) return [];
  const own = odataTypesOf(schema);
  const inherited = Array.isArray(schema.allOf) ? schema.allOf.flatMap(tagsOf) : [];
  return [...own, ...inherited];
}

function odataTypesOf(branch: unknown): unknown[] {
  if (!isObject(branch) || !isObject(branch.properties)) return [];
  const tag = branch.properties["@odata.type"];
  return isObject(tag) && Array.isArray(tag.enum) ? tag.enum : [];
}

/**
 * The tags of a `oneOf` branch that requires `@odata.type` (a derived type picked by its tag); a
 * complex value's optional tag (Kiota writes one) picks nothing.
 */
function discriminatorTags(branch: unknown): unknown[] {
  const required = isObject(branch) && Array.isArray(branch.required) ? branch.required : [];
  return required.includes("@odata.type") ? odataTypesOf(branch) : [];
}

/** Which branch a failed `oneOf` chose: its index, -1 for none by tag, -2 for none at all. */
function chosenBranch(failure: ErrorObject): { chosen: number; discriminated: boolean } {
  const branches = Array.isArray(failure.schema) ? failure.schema : [];
  const data = failure.data;
  const tag = isObject(data) ? data["@odata.type"] : undefined;
  const discriminated = branches.some((branch) => discriminatorTags(branch).length > 0);
  let chosen = discriminated
    ? branches.findIndex((branch) => discriminatorTags(branch).includes(tag))
    : branches.findIndex((branch) => isObject(branch) && branch.type === jsonType(data));
  if (discriminated && chosen < 0 && !isObject(data)) chosen = -2;
  return { chosen, discriminated };
}

/** The `oneOf` failures whose branches `error` lies in: each `oneOf` in its schema path, at each instance path above it. */
function* ownersOf(
  error: ErrorObject,
  failures: Map<string, { failure: ErrorObject; chosen: number }>,
): Generator<{ failure: ErrorObject; chosen: number }> {
  const instancePrefixes = [""];
  for (
    let at = error.instancePath.indexOf("/", 1);
    at > 0;
    at = error.instancePath.indexOf("/", at + 1)
  ) {
    instancePrefixes.push(error.instancePath.slice(0, at));
  }
  instancePrefixes.push(error.instancePath);
  for (
    let at = error.schemaPath.indexOf("/oneOf/");
    at >= 0;
    at = error.schemaPath.indexOf("/oneOf/", at + 1)
  ) {
    const schemaPath = error.schemaPath.slice(0, at + "/oneOf".length);
    for (const instancePath of instancePrefixes) {
      const owner = failures.get(`${instancePath}\u0000${schemaPath}`);
      if (owner && owner.failure !== error) yield owner;
    }
  }
}

/**
 * A failed `oneOf` reports every branch's errors. Keep only the branch the instance chose by its
 * `@odata.type` (or, for `X | null`, the branch of its JSON type); when it chose none, say so.
 * Linear in the errors: each error looks up the failures it may belong to by key, so a body with
 * thousands of bad items costs no more per item than one.
 */
function pruneOneOf(errors: ErrorObject[]): ErrorObject[] {
  const failures = new Map<string, { failure: ErrorObject; chosen: number }>();
  const replacements = new Map<ErrorObject, ErrorObject | null>();
  for (const failure of errors) {
    if (failure.keyword !== "oneOf") continue;
    const { chosen, discriminated } = chosenBranch(failure);
    failures.set(`${failure.instancePath}\u0000${failure.schemaPath}`, { failure, chosen });
    if (chosen >= 0) replacements.set(failure, null);
    else if (discriminated && chosen === -1) {
      const data = failure.data;
      const tag = isObject(data) ? data["@odata.type"] : undefined;
      const allowed = (Array.isArray(failure.schema) ? failure.schema : []).flatMap(
        discriminatorTags,
      );
      replacements.set(failure, { ...failure, keyword: "odataType", params: { allowed, tag } });
    }
  }
  if (failures.size === 0) return errors;
  const kept: ErrorObject[] = [];
  for (const error of errors) {
    let keep = true;
    for (const { failure, chosen } of ownersOf(error, failures)) {
      if (chosen < 0 || !error.schemaPath.startsWith(`${failure.schemaPath}/${chosen}/`)) {
        keep = false;
        break;
      }
    }
    if (!keep) continue;
    const replacement = replacements.get(error);
    if (replacement === undefined) kept.push(error);
    else if (replacement !== null) kept.push(replacement);
  }
  return kept;
}

/** What a failed `pattern` means, by what the schema describes: a stream's base64, an id's text. */
function patternMessage(error: ErrorObject, named: string): string {
  if (isObject(error.parentSchema) && error.parentSchema.contentEncoding === "base64") {
    return `${named} must be base64-encoded bytes (an Edm.Stream value): base64 with padding, or base64url without.`;
  }
  if (typeof error.data === "string" && /\p{Cs}/u.test(error.data)) {
    return `${named} must be well-formed Unicode text: it holds a lone UTF-16 surrogate.`;
  }
  return `${named} must match the pattern '${String((error.params as { pattern?: unknown }).pattern)}'.`;
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
        odataType: {
          tag,
          allowed: params.allowed as string[],
          expected: typeName(error.parentSchema),
        },
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
        ...(missing === "@odata.type"
          ? {
              odataType: {
                tag: undefined,
                allowed: tagsOf(error.parentSchema),
                expected: typeName(error.parentSchema),
              },
            }
          : {}),
        message: `The property '${fieldOf(error.instancePath, missing)}' is required on type '${typeName(error.parentSchema)}'.`,
      };
    }
    case "unevaluatedProperties":
    case "additionalProperties": {
      const property = String(params.unevaluatedProperty ?? params.additionalProperty);
      if (context === "querystring") {
        const known = Object.keys(
          isObject(error.parentSchema) && isObject(error.parentSchema.properties)
            ? error.parentSchema.properties
            : {},
        );
        return {
          keyword: error.keyword,
          field: property,
          code: "BadRequest",
          message: `The query parameter '${property}' is not supported by this operation${known.length > 0 ? `; it takes ${known.map((name) => `'${name}'`).join(", ")}` : ""}.`,
        };
      }
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
        ...(isTag
          ? { odataType: { tag: error.data, allowed: params.allowedValues as unknown[] } }
          : {}),
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
    case "maxLength":
      return {
        keyword: error.keyword,
        field,
        code: "BadRequest",
        message: `${named} must be at most ${String(params.limit)} characters long.`,
      };
    case "pattern":
      return {
        keyword: error.keyword,
        field,
        code: "BadRequest",
        message: patternMessage(error, named),
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

const withoutHash = (type: string) => (type.startsWith("#") ? type.slice(1) : type);

/**
 * The Graph types openapi.yaml describes (`x-graph-type`), abstract ones included: the stub's
 * model. A name outside it "could not be resolved", even where Graph's whole model has it.
 */
const knownTypes = new Set(
  Object.values((specDocument.components as { schemas: Record<string, unknown> }).schemas).flatMap(
    (schema) => {
      const type = isObject(schema) ? schema["x-graph-type"] : undefined;
      return typeof type === "string" && type.startsWith("microsoft.graph.") ? [type] : [];
    },
  ),
);

/**
 * Intune's answer to a type error on create (reference §7): "Cannot create an abstract class."
 * when no concrete type is named, else OData's "not assignable" for a type it knows and "could
 * not be resolved" for one it does not.
 */
function typeError(
  problem: Problem,
  { tag, allowed, expected: declared }: NonNullable<Problem["odataType"]>,
  creates: string,
): GraphError | undefined {
  const allowedTypes = [...new Set(allowed.map((type) => withoutHash(String(type))))];
  const expected =
    declared ?? (problem.field === "@odata.type" ? creates : (allowedTypes[0] ?? creates));
  const name = typeof tag === "string" ? withoutHash(tag) : undefined;
  // The seed's target may be the abstract type itself: there a missing tag is a plain 400.
  if (name === undefined && allowedTypes.includes(expected)) return undefined;
  if (name === undefined || (name === expected && !allowedTypes.includes(name))) {
    return graphErrors.abstractType(expected, allowedTypes, problem.field);
  }
  return knownTypes.has(name)
    ? graphErrors.typeNotAssignable(String(tag), expected, problem.field)
    : graphErrors.typeNotResolved(String(tag), problem.field);
}

/**
 * Turns Ajv's errors for one request part into a single 400 that names the first bad field, and
 * lists at most `maxDetails` (`--max-error-details`) distinct problems in `details` (the last entry says how many more
 * there were). On a create (`creates`: the Graph type it makes), a wrong or missing `@odata.type`
 * is Intune's ModelValidationFailure instead. Linear in the errors: a body with 40,000 unknown keys costs one pass, not 40,000².
 */
export function validationError(
  errors: ErrorObject[],
  context: Context,
  maxDetails: number,
  creates?: string,
): GraphError {
  const problems = pruneOneOf(errors)
    .map((error) => describe(error, context))
    .sort((a, b) => (rank[a.keyword] ?? 9) - (rank[b.keyword] ?? 9));
  const seen = new Set<string>();
  const unique = problems.filter((problem) => {
    if (seen.has(problem.message)) return false;
    seen.add(problem.message);
    return true;
  });
  const first = unique[0] ?? {
    keyword: "unknown",
    field: "",
    code: "BadRequest",
    message: "The request is invalid.",
  };
  const typed =
    creates !== undefined && first.odataType && typeError(first, first.odataType, creates);
  if (typed) return typed;
  const listed = unique.slice(0, maxDetails).map((problem) => ({
    code: problem.code,
    message: problem.message,
    target: problem.field,
  }));
  const more = unique.length - listed.length;
  if (more > 0) {
    listed.push({
      code: "BadRequest",
      message: `${more} more problem${more === 1 ? "" : "s"} not listed (at most ${maxDetails} are).`,
      target: "",
    });
  }
  return new GraphError(400, first.code, first.message, {
    target: first.field || undefined,
    details: unique.length > 1 ? listed : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// The mapper: anything thrown in a Graph route becomes a GraphError.

/** The operations that create an entity, where type errors are Intune's ModelValidationFailure. */
const createOperations = new Set(["createClientConfiguration", "createAssignment"]);

/** The Graph type the request's operation creates, if it is a create. */
function createdType(request: FastifyRequest): string | undefined {
  const operationId = request.routeOptions.config.operationId;
  if (operationId === undefined || !createOperations.has(operationId)) return undefined;
  const type = operationsById.get(operationId)?.body?.["x-graph-type"];
  return typeof type === "string" ? type : undefined;
}

/** Maps Fastify's own errors and anything else to a GraphError; `unexpected` marks a 500. */
export function toGraphError(
  error: unknown,
  request: FastifyRequest,
  bodyLimit: number,
  maxErrorDetails: number,
): { graphError: GraphError; unexpected: boolean } {
  if (error instanceof GraphError) return { graphError: error, unexpected: false };
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    return {
      graphError: validationError(
        fastifyError.validation as unknown as ErrorObject[],
        fastifyError.validationContext ?? "body",
        maxErrorDetails,
        createdType(request),
      ),
      unexpected: false,
    };
  }
  switch (fastifyError.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { graphError: graphErrors.bodyTooLarge(bodyLimit), unexpected: false };
    case "FST_ERR_MAX_PARAM_LENGTH":
      return { graphError: graphErrors.keyTooLong(request.url), unexpected: false };
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
