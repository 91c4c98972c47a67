// The typed client for other teams: openapi-fetch on the generated `paths`, plus helpers that
// return the entity or throw GraphApiError. Point `baseUrl` at the stub or at Graph itself.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "../../generated/schema.js";
import { GraphApiError } from "./errors.js";

export type { components, operations, paths } from "../../generated/schema.js";
export { GraphApiError, type ODataError } from "./errors.js";

type Schemas = components["schemas"];
export type OfficeClientConfigurationAssignment =
  Schemas["officeClientConfigurationAssignmentResponse"];
export type OfficeClientConfigurationAssignmentCreate =
  Schemas["officeClientConfigurationAssignmentCreate"];
export type OfficeClientConfiguration = Schemas["officeClientConfigurationResponse"];
export type OfficeClientConfigurationCreate = Schemas["officeClientConfigurationCreate"];
export type OfficeClientConfigurationAssignmentCollection =
  Schemas["officeClientConfigurationAssignmentCollectionResponse"];

/** The local stub's service root, as `npm start` serves it. */
export const localStubBaseUrl = "http://127.0.0.1:3000/beta";
/** Microsoft Graph beta's service root. */
export const graphBetaBaseUrl = "https://graph.microsoft.com/beta";

export interface GraphClientOptions {
  /** Service root with `/beta`. Default `http://127.0.0.1:3000/beta` (the stub); Graph: `https://graph.microsoft.com/beta`. */
  baseUrl?: string;
  /** Returns the bearer token for each request (may be async). Default: none, no Authorization header. */
  getAccessToken?: () => string | undefined | Promise<string | undefined>;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Headers added to every request. Default none. */
  headers?: Record<string, string>;
}

/** The plain openapi-fetch client: `{ data, error, response }` instead of exceptions. */
export type GraphRawClient = Client<paths>;

export interface GraphClient {
  /** The plain openapi-fetch client, for callers who prefer values to exceptions. */
  raw: GraphRawClient;
  /** "Add assignments": POST …/clientConfigurations/{id}/assignments → the created assignment. */
  addAssignment(
    configurationId: string,
    body: OfficeClientConfigurationAssignmentCreate,
  ): Promise<OfficeClientConfigurationAssignment>;
  /** GET …/clientConfigurations/{id}/assignments → the collection (`value`). */
  listAssignments(configurationId: string): Promise<OfficeClientConfigurationAssignmentCollection>;
  /** GET …/clientConfigurations/{id}/assignments/{assignmentId}. */
  getAssignment(
    configurationId: string,
    assignmentId: string,
  ): Promise<OfficeClientConfigurationAssignment>;
  /** POST …/clientConfigurations → the created configuration. */
  createClientConfiguration(
    body: OfficeClientConfigurationCreate,
  ): Promise<OfficeClientConfiguration>;
  /** GET …/clientConfigurations/{id}. */
  getClientConfiguration(configurationId: string): Promise<OfficeClientConfiguration>;
}

/** Adds the bearer token and a fresh `client-request-id` (Graph's tracing advice) to each request. */
export function graphMiddleware(options: Pick<GraphClientOptions, "getAccessToken">): Middleware {
  return {
    async onRequest({ request }) {
      const token = await options.getAccessToken?.();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      if (!request.headers.has("client-request-id")) {
        request.headers.set("client-request-id", globalThis.crypto.randomUUID());
      }
      return request;
    },
  };
}

function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  throw new GraphApiError(result.response, result.error);
}

const assignmentsPath =
  "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}/assignments";

export function createGraphClient(options: GraphClientOptions = {}): GraphClient {
  const raw = createClient<paths>({
    baseUrl: options.baseUrl ?? localStubBaseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  raw.use(graphMiddleware(options));
  return {
    raw,
    async addAssignment(configurationId, body) {
      return unwrap(
        await raw.POST(assignmentsPath, {
          params: { path: { officeClientConfigurationId: configurationId } },
          body,
        }),
      );
    },
    async listAssignments(configurationId) {
      return unwrap(
        await raw.GET(assignmentsPath, {
          params: { path: { officeClientConfigurationId: configurationId } },
        }),
      );
    },
    async getAssignment(configurationId, assignmentId) {
      return unwrap(
        await raw.GET(`${assignmentsPath}/{officeClientConfigurationAssignmentId}`, {
          params: {
            path: {
              officeClientConfigurationId: configurationId,
              officeClientConfigurationAssignmentId: assignmentId,
            },
          },
        }),
      );
    },
    async createClientConfiguration(body) {
      return unwrap(await raw.POST("/officeConfiguration/clientConfigurations", { body }));
    },
    async getClientConfiguration(configurationId) {
      return unwrap(
        await raw.GET("/officeConfiguration/clientConfigurations/{officeClientConfigurationId}", {
          params: { path: { officeClientConfigurationId: configurationId } },
        }),
      );
    },
  };
}
