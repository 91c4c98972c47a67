// The typed client for other teams: openapi-fetch on the generated `paths`, plus helpers that
// return the entity or throw GraphApiError. Point `baseUrl` at the stub or at Graph itself.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/schema.js";
import { GraphApiError } from "./errors.js";
import { type CollectionPage, defaultMaxPages, readAllPages } from "./paging.js";

export type { components, operations, paths } from "../../generated/schema.js";
export { GraphApiError, type ODataError } from "./errors.js";
export { type CollectionPage, defaultMaxPages, PagingError } from "./paging.js";

type Schemas = components["schemas"];
export type OfficeClientConfigurationAssignment =
  Schemas["officeClientConfigurationAssignmentResponse"];
export type OfficeClientConfigurationAssignmentCreate =
  Schemas["officeClientConfigurationAssignmentCreate"];
export type OfficeClientConfiguration = Schemas["officeClientConfigurationResponse"];
/** A configuration as a read returns it: `$select` may leave properties out, `$expand` adds `assignments`. */
export type OfficeClientConfigurationRead = Schemas["officeClientConfigurationRead"];
/** An assignment as a read returns it: `$select` may leave `target` out. */
export type OfficeClientConfigurationAssignmentRead =
  Schemas["officeClientConfigurationAssignmentRead"];
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
  /**
   * Retries of throttled or unavailable requests (429, 503, 504), as the Graph SDK does: it waits
   * `Retry-After` when the reply has one, else 3 s doubling. `false` turns retries off.
   * Default `{ maxRetries: 3, maxDelaySeconds: 180 }`.
   */
  retry?: false | RetryOptions;
}

export interface RetryOptions {
  /** How many times one request is retried. Default 3 (at most 10). */
  maxRetries?: number;
  /** The longest wait between tries, in seconds. Default 180. */
  maxDelaySeconds?: number;
  /** The first wait when the reply has no Retry-After, in seconds; it doubles. Default 3. */
  delaySeconds?: number;
}

/** The plain openapi-fetch client: `{ data, error, response }` instead of exceptions. */
export type GraphRawClient = Client<paths>;

type Query<K extends keyof operations> = NonNullable<operations[K]["parameters"]["query"]>;
export type ListClientConfigurationsQuery = Query<"listClientConfigurations">;
export type ListAssignmentsQuery = Query<"listAssignments">;
export type GetClientConfigurationQuery = Query<"getClientConfiguration">;
export type OfficeClientConfigurationCollection =
  Schemas["officeClientConfigurationCollectionResponse"];
export type OfficeClientConfigurationUpdate = Schemas["officeClientConfigurationUpdate"];
export type OfficeClientConfigurationAssignmentUpdate =
  Schemas["officeClientConfigurationAssignmentUpdate"];
export type OfficeConfiguration = Schemas["officeConfigurationResponse"];
export type OfficeConfigurationUpdate = Schemas["officeConfigurationUpdate"];
/** The two Edm.Stream properties of a configuration, read and written as raw bytes. */
export type PayloadStream = "policyPayload" | "userPreferencePayload";

export interface GraphClient {
  /** The plain openapi-fetch client, for callers who prefer values to exceptions. */
  raw: GraphRawClient;
  /** GET /officeConfiguration: the tenant's singleton. */
  getOfficeConfiguration(): Promise<OfficeConfiguration>;
  /** PATCH /officeConfiguration: changes only what is sent. */
  updateOfficeConfiguration(patch: OfficeConfigurationUpdate): Promise<void>;
  /** One page of configurations, with OData query options (`$top`, `$filter`, …). */
  listClientConfigurations(
    query?: ListClientConfigurationsQuery,
  ): Promise<OfficeClientConfigurationCollection>;
  /**
   * Every configuration matching the query: the first page, then each `@odata.nextLink`.
   * `maxPages` (default 1000, the first page included) bounds the walk.
   * @throws PagingError when `maxPages` pages were read and a nextLink is still pending, or when
   *   the server repeats a nextLink already followed; never a cut result.
   * @throws RangeError when `maxPages` is not a positive integer. GraphApiError for any page.
   */
  allClientConfigurations(
    query?: ListClientConfigurationsQuery,
    maxPages?: number,
  ): Promise<OfficeClientConfigurationCollection["value"]>;
  /** GET …/clientConfigurations/$count. */
  countClientConfigurations(): Promise<number>;
  /** POST …/clientConfigurations → the created configuration. */
  createClientConfiguration(
    body: OfficeClientConfigurationCreate,
  ): Promise<OfficeClientConfiguration>;
  /** GET …/clientConfigurations/{id}, optionally with `$select` and `$expand`. */
  getClientConfiguration(
    configurationId: string,
    query?: GetClientConfigurationQuery,
  ): Promise<OfficeClientConfigurationRead>;
  /** PATCH …/clientConfigurations/{id}: changes only what is sent. */
  updateClientConfiguration(
    configurationId: string,
    patch: OfficeClientConfigurationUpdate,
  ): Promise<void>;
  /** DELETE …/clientConfigurations/{id}, with its assignments. */
  deleteClientConfiguration(configurationId: string): Promise<void>;
  /** POST …/clientConfigurations/updatePriorities: `priorities[i]` for `ids[i]`, all at once. */
  updatePriorities(ids: string[], priorities: number[]): Promise<void>;
  /** GET …/{id}/policyPayload or userPreferencePayload: the bytes, or undefined when empty. */
  getPayload(configurationId: string, stream: PayloadStream): Promise<Uint8Array | undefined>;
  /** PUT …/{id}/policyPayload or userPreferencePayload: replaces the bytes. */
  setPayload(configurationId: string, stream: PayloadStream, bytes: Uint8Array): Promise<void>;
  /** POST …/{id}/assign: these become the configuration's only assignments; returns them. */
  assign(
    configurationId: string,
    assignments: OfficeClientConfigurationAssignmentCreate[],
  ): Promise<OfficeClientConfigurationAssignmentCollection["value"]>;
  /** "Add assignments": POST …/clientConfigurations/{id}/assignments → the created assignment. */
  addAssignment(
    configurationId: string,
    body: OfficeClientConfigurationAssignmentCreate,
  ): Promise<OfficeClientConfigurationAssignment>;
  /** One page of a configuration's assignments, with OData query options. */
  listAssignments(
    configurationId: string,
    query?: ListAssignmentsQuery,
  ): Promise<OfficeClientConfigurationAssignmentCollection>;
  /**
   * Every assignment matching the query: the first page, then each `@odata.nextLink`.
   * `maxPages` (default 1000, the first page included) bounds the walk.
   * @throws PagingError when `maxPages` pages were read and a nextLink is still pending, or when
   *   the server repeats a nextLink already followed; never a cut result.
   * @throws RangeError when `maxPages` is not a positive integer. GraphApiError for any page.
   */
  allAssignments(
    configurationId: string,
    query?: ListAssignmentsQuery,
    maxPages?: number,
  ): Promise<OfficeClientConfigurationAssignmentCollection["value"]>;
  /** GET …/{id}/assignments/$count. */
  countAssignments(configurationId: string): Promise<number>;
  /** GET …/clientConfigurations/{id}/assignments/{assignmentId}. */
  getAssignment(
    configurationId: string,
    assignmentId: string,
  ): Promise<OfficeClientConfigurationAssignmentRead>;
  /** PATCH …/assignments/{assignmentId}: changes only what is sent. */
  updateAssignment(
    configurationId: string,
    assignmentId: string,
    patch: OfficeClientConfigurationAssignmentUpdate,
  ): Promise<void>;
  /** DELETE …/assignments/{assignmentId}. */
  deleteAssignment(configurationId: string, assignmentId: string): Promise<void>;
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

/**
 * Turns a 2xx reply to a JSON request that is not JSON (an HTML page from a proxy, a body cut
 * short) into GraphApiError, with its status and request-id, instead of openapi-fetch's bare
 * SyntaxError. Counts and streams (`parseAs` text, arrayBuffer) are read as they are.
 */
export const readableReplies: Middleware = {
  async onResponse({ response, options }) {
    if (options.parseAs !== "json" || !response.ok || response.status === 204) return undefined;
    const text = await response.text();
    try {
      if (text !== "") JSON.parse(text);
    } catch {
      const type = response.headers.get("content-type") ?? "none";
      const start = text.length > 100 ? `${text.slice(0, 100)}…` : text;
      throw new GraphApiError(
        response,
        undefined,
        `the reply is not JSON (content-type ${type}): ${JSON.stringify(start)}`,
      );
    }
    // The body is read: hand openapi-fetch the same reply again.
    return new Response(text === "" ? null : text, response);
  },
};

function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  const problem = result.response.ok ? "the reply has no body" : undefined;
  throw new GraphApiError(result.response, result.error, problem);
}

/** A `$count` reply: a string of digits (text/plain, as Graph sends it), else GraphApiError. */
function count(result: { data?: string; error?: unknown; response: Response }): number {
  const text = unwrap(result);
  if (/^\d+$/.test(text)) return Number(text);
  const problem = `the $count reply is not a number: ${JSON.stringify(text.slice(0, 100))}`;
  throw new GraphApiError(result.response, undefined, problem);
}

/** For 204 No Content replies: nothing to return, but an error still throws. */
function unwrapEmpty(result: { error?: unknown; response: Response }): void {
  if (!result.response.ok) throw new GraphApiError(result.response, result.error);
}

const retryable = new Set([429, 503, 504]);
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** Seconds from `Retry-After` (seconds, possibly fractional, or an HTTP date), if any. */
function retryAfter(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Wraps fetch so 429/503/504 are retried, each try with a fresh copy of the request. */
export function retryingFetch(
  base: typeof fetch,
  options: RetryOptions = {},
  wait: (seconds: number) => Promise<unknown> = sleep,
): typeof fetch {
  const maxRetries = Math.min(options.maxRetries ?? 3, 10);
  const maxDelay = options.maxDelaySeconds ?? 180;
  const firstDelay = options.delaySeconds ?? 3;
  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 0; ; attempt++) {
      const tryRequest = request.clone();
      if (attempt > 0) tryRequest.headers.set("Retry-Attempt", String(attempt));
      const response = await base(tryRequest);
      if (!retryable.has(response.status) || attempt >= maxRetries) return response;
      await response.body?.cancel();
      await wait(Math.min(retryAfter(response) ?? firstDelay * 2 ** attempt, maxDelay));
    }
  };
}

const configurationsPath = "/officeConfiguration/clientConfigurations";
const configurationPath = `${configurationsPath}/{officeClientConfigurationId}` as const;
const assignmentsPath = `${configurationPath}/assignments` as const;
const assignmentPath = `${assignmentsPath}/{officeClientConfigurationAssignmentId}` as const;

export function createGraphClient(options: GraphClientOptions = {}): GraphClient {
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const fetcher = options.retry === false ? baseFetch : retryingFetch(baseFetch, options.retry);
  const middleware = graphMiddleware(options);
  const raw = createClient<paths>({
    baseUrl: options.baseUrl ?? localStubBaseUrl,
    fetch: fetcher,
    headers: options.headers,
  });
  raw.use(middleware, readableReplies);
  const inConfiguration = (id: string) => ({ path: { officeClientConfigurationId: id } });
  const inAssignment = (id: string, assignmentId: string) => ({
    path: { officeClientConfigurationId: id, officeClientConfigurationAssignmentId: assignmentId },
  });

  /** One next page: the nextLink verbatim, as Graph asks. */
  async function nextPage<T>(next: string): Promise<CollectionPage<T>> {
    // A nextLink is a whole URL to use verbatim, so it bypasses openapi-fetch's path joining;
    // it still gets the token, a client-request-id and the retries.
    const request = new Request(next, { headers: options.headers });
    await middleware.onRequest?.({ request } as never);
    const response = await fetcher(request);
    const body = (await response.json().catch(() => undefined)) as CollectionPage<T> | undefined;
    if (!response.ok || !body) {
      throw new GraphApiError(response, body, response.ok ? "the reply is not JSON" : undefined);
    }
    return body;
  }

  return {
    raw,
    async getOfficeConfiguration() {
      return unwrap(await raw.GET("/officeConfiguration"));
    },
    async updateOfficeConfiguration(patch) {
      unwrapEmpty(await raw.PATCH("/officeConfiguration", { body: patch }));
    },
    async listClientConfigurations(query) {
      return unwrap(await raw.GET(configurationsPath, { params: { query } }));
    },
    async allClientConfigurations(query, maxPages = defaultMaxPages) {
      return readAllPages<OfficeClientConfigurationCollection["value"][number]>(
        "allClientConfigurations",
        maxPages,
        async () => unwrap(await raw.GET(configurationsPath, { params: { query } })),
        nextPage,
      );
    },
    async countClientConfigurations() {
      return count(await raw.GET(`${configurationsPath}/$count`, { parseAs: "text" }));
    },
    async createClientConfiguration(body) {
      return unwrap(await raw.POST(configurationsPath, { body }));
    },
    async getClientConfiguration(configurationId, query) {
      return unwrap(
        await raw.GET(configurationPath, {
          params: { ...inConfiguration(configurationId), query },
        }),
      );
    },
    async updateClientConfiguration(configurationId, patch) {
      unwrapEmpty(
        await raw.PATCH(configurationPath, {
          params: inConfiguration(configurationId),
          body: patch,
        }),
      );
    },
    async deleteClientConfiguration(configurationId) {
      unwrapEmpty(
        await raw.DELETE(configurationPath, { params: inConfiguration(configurationId) }),
      );
    },
    async updatePriorities(ids, priorities) {
      unwrapEmpty(
        await raw.POST(`${configurationsPath}/updatePriorities`, {
          body: { officeConfigurationPolicyIds: ids, officeConfigurationPriorities: priorities },
        }),
      );
    },
    async getPayload(configurationId, stream) {
      const result = await raw.GET(`${configurationPath}/${stream}`, {
        params: inConfiguration(configurationId),
        parseAs: "arrayBuffer",
      });
      if (!result.response.ok) throw new GraphApiError(result.response, result.error);
      // openapi-fetch gives 204 No Content (an empty stream) as `data: undefined`.
      return result.data === undefined ? undefined : new Uint8Array(result.data);
    },
    async setPayload(configurationId, stream, bytes) {
      unwrapEmpty(
        await raw.PUT(`${configurationPath}/${stream}`, {
          params: inConfiguration(configurationId),
          body: bytes,
          // Sent as is: openapi-fetch would JSON-encode any body but FormData.
          bodySerializer: (body) => body,
          headers: { "Content-Type": "application/octet-stream" },
        }),
      );
    },
    async assign(configurationId, assignments) {
      const result = await raw.POST(`${configurationPath}/assign`, {
        params: inConfiguration(configurationId),
        body: { officeConfigurationAssignments: assignments },
      });
      return unwrap(result).value;
    },
    async addAssignment(configurationId, body) {
      return unwrap(
        await raw.POST(assignmentsPath, { params: inConfiguration(configurationId), body }),
      );
    },
    async listAssignments(configurationId, query) {
      return unwrap(
        await raw.GET(assignmentsPath, { params: { ...inConfiguration(configurationId), query } }),
      );
    },
    async allAssignments(configurationId, query, maxPages = defaultMaxPages) {
      return readAllPages<OfficeClientConfigurationAssignmentCollection["value"][number]>(
        "allAssignments",
        maxPages,
        async () =>
          unwrap(
            await raw.GET(assignmentsPath, {
              params: { ...inConfiguration(configurationId), query },
            }),
          ),
        nextPage,
      );
    },
    async countAssignments(configurationId) {
      const result = await raw.GET(`${assignmentsPath}/$count`, {
        params: inConfiguration(configurationId),
        parseAs: "text",
      });
      return count(result);
    },
    async getAssignment(configurationId, assignmentId) {
      return unwrap(
        await raw.GET(assignmentPath, { params: inAssignment(configurationId, assignmentId) }),
      );
    },
    async updateAssignment(configurationId, assignmentId, patch) {
      unwrapEmpty(
        await raw.PATCH(assignmentPath, {
          params: inAssignment(configurationId, assignmentId),
          body: patch,
        }),
      );
    },
    async deleteAssignment(configurationId, assignmentId) {
      unwrapEmpty(
        await raw.DELETE(assignmentPath, { params: inAssignment(configurationId, assignmentId) }),
      );
    },
  };
}
