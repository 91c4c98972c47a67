// The contract checker: sends the spec's examples, negative cases derived from its schemas,
// property-based bodies generated from them, and create-then-read sequences to any server that
// claims to implement openapi.yaml, and judges every reply by the spec (src/contract/reply.ts).
import fc from "fast-check";
import type { OperationSpec } from "../spec/document.js";
import { checkReply, documentedStatus } from "../spec/reply.js";
import { bodyArbitrary, flatten, jsonTypes, typeOf } from "./arbitrary.js";
import { Created, type CreatedEntity } from "./created.js";
import { defaultTimeoutMs, type HttpReply, type HttpRequest, NoReply, send } from "./http.js";
import { creatorOf, graphOperations, readersOf } from "./operations.js";

export type CaseKind = "example" | "negative" | "stateful" | "generated";

/** The outcome of one case: one line of output, one JUnit test case. */
export interface CaseResult {
  kind: CaseKind;
  operationId: string;
  name: string;
  passed: boolean;
  /** The last status the server answered in this case. */
  status?: number;
  violations: string[];
  /** The request that shows the failure (for generated cases: the smallest failing one). */
  request?: HttpRequest;
  /** Extra facts, e.g. how many bodies were generated. */
  note?: string;
  durationMs: number;
}

export interface ContractOptions {
  /** The service root, with `/beta`, e.g. `http://127.0.0.1:3000/beta`. */
  baseUrl: string;
  /** The bearer token sent with every request that should be authorized. Default `local-dev-token`. */
  token?: string;
  /** Seed of every generated value (bodies, unknown ids). Default: a random one, reported. */
  seed?: number;
  /** Generated bodies per operation that has a request body. Default 25. */
  cases?: number;
  /** Fixed path parameter values (e.g. an existing configuration id on real Graph). */
  params?: Record<string, string>;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Check only these operationIds (their parents are still created as needed). Default: all. */
  only?: string[];
  /** The operations to check, as read from openapi.yaml. Default: every operation of the spec. */
  operations?: OperationSpec[];
  /** Called as each case ends, for live output. */
  onResult?: (result: CaseResult) => void;
  /** How long one request may take (headers and body), in ms. Default 30 000. */
  timeoutMs?: number;
  /** Leave the entities the run created on the target instead of deleting them. Default false. */
  keep?: boolean;
}

export interface ContractReport {
  baseUrl: string;
  seed: number;
  cases: number;
  results: CaseResult[];
  passed: number;
  failed: number;
  durationMs: number;
  /**
   * Set when the target stopped answering (or never did): why, e.g. `connection refused: …`.
   * The run stops there; `results` holds the cases run until then.
   */
  unreachable?: string;
  /** Every entity the run created, in order, and whether it is gone from the target. */
  created: CreatedEntity[];
}

/** Requests a generated property may send while shrinking a failure, beyond its runs. */
const shrinkBudget = 200;
/** Pages of a list followed while looking for a created entity. */
const maxPages = 20;

const unknownProperty = "contractCheckUnknownProperty";
const wrongOdataType = "#microsoft.graph.contractCheckWrongType";

type Values = Record<string, string>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function graphError(reply: HttpReply): string {
  const error = isRecord(reply.json) && isRecord(reply.json.error) ? reply.json.error : undefined;
  return error ? ` (${String(error.code)}: ${String(error.message)})` : "";
}

/** A value of a JSON type the schema does not admit, or undefined when it admits every type. */
export function wrongTypeValue(types: string[]): unknown {
  const candidates: [string, unknown][] = [
    ["boolean", true],
    ["integer", 12345],
    ["string", "contract-check"],
    ["object", { contractCheck: true }],
    ["array", ["contract-check"]],
  ];
  const admits = (type: string) =>
    types.includes(type) || (type === "integer" && types.includes("number"));
  return candidates.find(([type]) => !admits(type))?.[1];
}

/** Where two JSON values first differ (`""` is the root), or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${path}/${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (const [index, item] of a.entries()) {
      const found = firstDifference(item, b[index], `${path}/${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : path || "/";
}

/** Graph writes `#` on types it names itself; a type sent without one is the same type. */
function normalizeTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeTypes);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === "@odata.type" && typeof item === "string"
        ? item.replace(/^#/, "")
        : normalizeTypes(item),
    ]),
  );
}

/** The fields the request sent that the entity lost or changed, as JSON pointers. */
export function lostFields(sent: unknown, entity: unknown): string[] {
  const walk = (a: unknown, b: unknown, path: string): string[] => {
    if (!isRecord(a)) return firstDifference(a, b) === undefined ? [] : [path || "/"];
    if (!isRecord(b)) return [path || "/"];
    return Object.entries(a).flatMap(([key, value]) => walk(value, b[key], `${path}/${key}`));
  };
  return walk(normalizeTypes(sent), normalizeTypes(entity), "");
}

/**
 * Whether a generated body's `id` can name the entity in a URL: `.` and `..` (even as `%2E`)
 * are dot segments that every URL parser resolves away, so no client could read them back.
 */
export function addressable(body: unknown): boolean {
  return !(isRecord(body) && (body.id === "." || body.id === ".."));
}

function withoutContext(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const { "@odata.context": _context, ...rest } = value;
  return rest;
}

/** Thrown out of the cases when the target no longer answers at all: the run stops. */
class TargetDown extends Error {}

class Checker {
  readonly results: CaseResult[] = [];
  readonly created: Created;
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #seed: number;
  readonly #cases: number;
  readonly #fixed: Values;
  readonly #fetch: typeof fetch;
  readonly #onResult?: (result: CaseResult) => void;
  readonly #parents = new Map<string, string>();
  readonly #all: OperationSpec[];
  readonly #timeoutMs: number;
  #unknownIds = 0;
  /** Set when a request of the running case got no reply: is the target still there? */
  #noReply = false;

  constructor(options: ContractOptions & { seed: number }) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#token = options.token ?? "local-dev-token";
    this.#seed = options.seed;
    this.#cases = options.cases ?? 25;
    this.#fixed = options.params ?? {};
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#onResult = options.onResult;
    this.#all = options.operations ?? graphOperations;
    this.#timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.created = new Created(this.#all);
  }

  // --- requests ---------------------------------------------------------------------------

  #url(info: OperationSpec, values: Values): string {
    const path = info.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(values[name] ?? ""),
    );
    const query = info.requiredQuery
      .map(
        ({ name, example }) => `${encodeURIComponent(name)}=${encodeURIComponent(String(example))}`,
      )
      .join("&");
    return `${this.#baseUrl}${path}${query ? `?${query}` : ""}`;
  }

  #request(info: OperationSpec, values: Values, body?: unknown): HttpRequest {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}` };
    const request: HttpRequest = {
      method: info.method.toUpperCase(),
      url: this.#url(info, values),
      headers,
    };
    if (info.body) {
      headers["content-type"] = "application/json";
      request.body = JSON.stringify(body ?? {});
    } else if (info.bodyContentTypes[0]) {
      // A raw body (an Edm.Stream PUT): a few bytes of the media type the operation takes.
      headers["content-type"] = info.bodyContentTypes[0];
      request.body = typeof body === "string" ? body : '{"contract":"check"}';
    }
    return request;
  }

  /** Sends a request of `info`, and notes what it created. */
  async #send(info: OperationSpec, request: HttpRequest): Promise<HttpReply> {
    const reply = await send(request, this.#fetch, this.#timeoutMs);
    this.created.note(info, request, reply);
    return reply;
  }

  /**
   * Whether the target answers at all: one GET (the spec's first without parameters), any
   * status. Resolves with why not, or undefined when it answered.
   */
  async probe(): Promise<string | undefined> {
    const info = this.#all.find((op) => op.method === "get" && op.pathParams.length === 0);
    const request = info
      ? this.#request(info, {})
      : { method: "GET", url: this.#baseUrl, headers: {} };
    try {
      await send(request, this.#fetch, this.#timeoutMs);
      return undefined;
    } catch (error) {
      // send() throws nothing but NoReply.
      return error instanceof NoReply ? error.reason : String(error);
    }
  }

  /** Deletes what the run created, newest first (children before their parents). */
  removeCreated(): Promise<void> {
    return this.created.remove(
      (url) => ({ method: "DELETE", url, headers: { authorization: `Bearer ${this.#token}` } }),
      (request) => send(request, this.#fetch, this.#timeoutMs),
    );
  }

  #judge(info: OperationSpec, reply: HttpReply): string[] {
    return checkReply(info, {
      status: reply.status,
      header: (name) => reply.headers[name],
      text: reply.text,
    }).map((violation) => `${violation.message} [${violation.schemaPath}]`);
  }

  /**
   * A body the spec calls valid: its first example, else one generated from the seed with only
   * its required properties: optional ones such as an `id` or a `priority` may have to be unique,
   * and the same seeded value twice would be a conflict, not a contract matter.
   */
  #validBody(info: OperationSpec): unknown {
    if (info.examples[0]) return info.examples[0].value;
    if (!info.body) return undefined;
    const [sample] = fc.sample(bodyArbitrary(info.body), { seed: this.#seed, numRuns: 1 });
    const required = (flatten(info.body).required as string[] | undefined) ?? [];
    if (!isRecord(sample)) return sample;
    return Object.fromEntries(Object.entries(sample).filter(([name]) => required.includes(name)));
  }

  #unknownId(): string {
    this.#unknownIds += 1;
    const ids = fc.sample(fc.uuid({ version: 4 }), { seed: this.#seed, numRuns: this.#unknownIds });
    return ids[ids.length - 1] as string;
  }

  /**
   * Values for the operation's path parameters: `--param` values, else ids of entities this run
   * created with the spec's own create operation for that collection (cached, unless `fresh`).
   */
  async #values(info: OperationSpec, fresh = false): Promise<Values | string> {
    const values: Values = {};
    for (const [index, name] of info.pathParams.entries()) {
      const fixed = this.#fixed[name];
      if (fixed !== undefined) {
        values[name] = fixed;
        continue;
      }
      const collection = info.path.slice(0, info.path.indexOf(`/{${name}}`));
      const last = index === info.pathParams.length - 1;
      const key = `${collection}|${JSON.stringify(values)}`;
      const cached = this.#parents.get(key);
      if (cached !== undefined && !(fresh && last)) {
        values[name] = cached;
        continue;
      }
      const creator = creatorOf(this.#all, collection);
      if (!creator) return `no way to get an existing {${name}}: pass --param ${name}=ID`;
      const reply = await this.#send(
        creator,
        this.#request(creator, values, this.#validBody(creator)),
      );
      const id = isRecord(reply.json) ? reply.json.id : undefined;
      if (reply.status < 200 || reply.status > 299 || typeof id !== "string") {
        return `could not create a {${name}} to test with: ${creator.operationId} answered ${reply.status}${graphError(reply)}; pass --param ${name}=ID`;
      }
      // A fresh target is about to be deleted: never hand it to later cases.
      if (!(fresh && last)) this.#parents.set(key, id);
      values[name] = id;
    }
    return values;
  }

  // --- cases ------------------------------------------------------------------------------

  async #case(
    kind: CaseKind,
    info: OperationSpec,
    name: string,
    body: (result: CaseResult) => Promise<void>,
  ): Promise<void> {
    const started = performance.now();
    const result: CaseResult = {
      kind,
      operationId: info.operationId,
      name,
      passed: false,
      violations: [],
      durationMs: 0,
    };
    try {
      await body(result);
    } catch (error) {
      // Only a request that got no reply is a finding here; anything else is a checker bug.
      if (!(error instanceof NoReply)) throw error;
      this.#noReply = true;
      result.request = error.request;
      result.violations.push(error.message);
    }
    result.passed = result.violations.length === 0;
    result.durationMs = Math.round(performance.now() - started);
    this.results.push(result);
    this.#onResult?.(result);
    if (this.#noReply) {
      this.#noReply = false;
      const down = await this.probe();
      if (down !== undefined) throw new TargetDown(down);
    }
  }

  async examples(info: OperationSpec): Promise<void> {
    const examples = info.examples.length > 0 ? info.examples : [{ name: "", value: undefined }];
    for (const example of examples) {
      const label = info.body
        ? example.name
          ? `example '${example.name}'`
          : "a generated valid body (the spec has no example)"
        : "a valid request";
      await this.#case("example", info, label, async (result) => {
        const values = await this.#values(info, info.method === "delete");
        if (typeof values === "string") {
          result.violations.push(values);
          return;
        }
        const body = example.name ? example.value : this.#validBody(info);
        result.request = this.#request(info, values, body);
        const reply = await this.#send(info, result.request);
        result.status = reply.status;
        result.violations.push(...this.#judge(info, reply));
        const expects2xx = Object.keys(info.responseHeaders).some((s) => s.startsWith("2"));
        // A generated body for an action or an update may break a rule no schema states (arrays
        // that pair up): a documented 400 then keeps the contract. Examples and creates must pass.
        const generated = info.body !== undefined && !example.name;
        const creates =
          info.method === "post" && readersOf(this.#all, info.path).byId !== undefined;
        const excused = generated && !creates && reply.status === 400;
        if (expects2xx && !excused && (reply.status < 200 || reply.status > 299)) {
          result.violations.unshift(
            `expected a 2xx reply to a valid request, got ${reply.status}${graphError(reply)}`,
          );
        }
      });
    }
  }

  async #negative(
    info: OperationSpec,
    name: string,
    wanted: number,
    build: (values: Values) => HttpRequest,
  ): Promise<void> {
    const documented = documentedStatus(info, wanted) === String(wanted);
    const label = `${name} → ${documented ? wanted : "a documented 4xx"}`;
    await this.#case("negative", info, label, async (result) => {
      const values = await this.#values(info);
      if (typeof values === "string") {
        result.violations.push(values);
        return;
      }
      result.request = build(values);
      const reply = await this.#send(info, result.request);
      result.status = reply.status;
      const expected = documented ? wanted : undefined;
      const documented4xx =
        reply.status >= 400 && reply.status < 500 && documentedStatus(info, reply.status);
      if (expected !== undefined && reply.status !== expected) {
        result.violations.push(`expected ${expected}, got ${reply.status}${graphError(reply)}`);
      } else if (expected === undefined && !documented4xx) {
        result.violations.push(
          `expected a documented 4xx, got ${reply.status}${graphError(reply)}`,
        );
      }
      result.violations.push(...this.#judge(info, reply));
      const error = isRecord(reply.json) ? reply.json.error : undefined;
      if (
        reply.status >= 400 &&
        !(isRecord(error) && typeof error.code === "string" && typeof error.message === "string")
      ) {
        result.violations.push("the reply is not Graph's error body {error:{code,message}}");
      }
    });
  }

  async negatives(info: OperationSpec): Promise<void> {
    const valid = this.#validBody(info);
    if (info.tokenRequired) {
      await this.#negative(info, "no Authorization", 401, (values) => {
        const request = this.#request(info, values, valid);
        delete request.headers.authorization;
        return request;
      });
      await this.#negative(info, "Authorization not a bearer token", 401, (values) => {
        const request = this.#request(info, values, valid);
        request.headers.authorization = "Basic Y29udHJhY3Q6Y2hlY2s=";
        return request;
      });
    }
    for (const name of info.pathParams) {
      await this.#negative(info, `unknown {${name}}`, 404, (values) =>
        this.#request(info, { ...values, [name]: this.#unknownId() }, valid),
      );
    }
    const schema = info.body;
    if (!schema) return;
    await this.#negative(info, "a non-JSON Content-Type", 415, (values) => {
      const request = this.#request(info, values, valid);
      request.headers["content-type"] = "text/plain";
      return request;
    });
    if (!isRecord(valid)) return;
    const withBody = (body: unknown) => (values: Values) => this.#request(info, values, body);
    const flat = flatten(schema);
    for (const name of (flat.required as string[] | undefined) ?? []) {
      const { [name]: _removed, ...rest } = valid;
      await this.#negative(info, `missing required '${name}'`, 400, withBody(rest));
    }
    const properties = (flat.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, property] of Object.entries(properties)) {
      const types = jsonTypes(property);
      const wrong = types && wrongTypeValue(types);
      if (wrong === undefined) continue;
      await this.#negative(
        info,
        `'${name}' of the wrong type (${typeOf(wrong)})`,
        400,
        withBody({ ...valid, [name]: wrong }),
      );
    }
    await this.#negative(
      info,
      `an unknown property '${unknownProperty}'`,
      400,
      withBody({ ...valid, [unknownProperty]: "x" }),
    );
    if ("@odata.type" in properties) {
      await this.#negative(
        info,
        "a wrong '@odata.type'",
        400,
        withBody({ ...valid, "@odata.type": wrongOdataType }),
      );
    }
    for (const [name, value] of Object.entries(valid)) {
      if (!isRecord(value) || !("@odata.type" in value)) continue;
      await this.#negative(
        info,
        `a wrong '${name}.@odata.type'`,
        400,
        withBody({ ...valid, [name]: { ...value, "@odata.type": wrongOdataType } }),
      );
    }
  }

  /** POSTs `body`, then reads the entity back by id and in the list: it must come back unchanged. */
  async #roundTrip(info: OperationSpec, values: Values, body: unknown, result: CaseResult) {
    const request = this.#request(info, values, body);
    result.request = request;
    const created = await this.#send(info, request);
    result.status = created.status;
    const violations = this.#judge(info, created);
    if (created.status < 200 || created.status > 299) return violations;
    const entity = withoutContext(created.json);
    const id = isRecord(entity) ? entity.id : undefined;
    if (typeof id !== "string") return [...violations, "the created entity has no string 'id'"];
    for (const field of lostFields(body, entity)) {
      violations.push(`the created entity lost or changed '${field}' that the request sent`);
    }
    const { list, byId } = readersOf(this.#all, info.path);
    if (byId) {
      const read = this.#request(byId, { ...values, [byId.pathParams.at(-1) as string]: id });
      const reply = await this.#send(byId, read);
      violations.push(...this.#judge(byId, reply).map((v) => `${byId.operationId}: ${v}`));
      if (reply.status !== 200) {
        result.request = read;
        violations.push(
          `${byId.operationId} of the created id '${id}' answered ${reply.status}${graphError(reply)}: the write was lost`,
        );
      } else {
        const at = firstDifference(entity, withoutContext(reply.json));
        if (at !== undefined) {
          result.request = read;
          violations.push(`${byId.operationId} returned the created entity changed at ${at}`);
        }
      }
    }
    if (list) {
      let url: string | undefined = this.#request(list, values).url;
      let found: unknown;
      for (let page = 0; url && found === undefined && page < maxPages; page += 1) {
        const read: HttpRequest = { ...this.#request(list, values), url };
        const reply = await this.#send(list, read);
        violations.push(...this.#judge(list, reply).map((v) => `${list.operationId}: ${v}`));
        const json = isRecord(reply.json) ? reply.json : {};
        const items = Array.isArray(json.value) ? json.value : [];
        found = items.find((item) => isRecord(item) && item.id === id);
        url = typeof json["@odata.nextLink"] === "string" ? json["@odata.nextLink"] : undefined;
      }
      if (found === undefined) {
        violations.push(
          `${list.operationId} does not contain the created id '${id}': the write was lost`,
        );
      } else {
        const at = firstDifference(entity, found);
        if (at !== undefined) {
          violations.push(`${list.operationId} returned the created entity changed at ${at}`);
        }
      }
    }
    return violations;
  }

  async stateful(info: OperationSpec): Promise<void> {
    const { list, byId } = readersOf(this.#all, info.path);
    if (info.method !== "post" || !info.body || !(list || byId)) return;
    const readers = [byId, list].filter(Boolean).map((reader) => reader?.operationId);
    await this.#case(
      "stateful",
      info,
      `what it creates, ${readers.join(" and ")} return unchanged`,
      async (result) => {
        const values = await this.#values(info);
        if (typeof values === "string") {
          result.violations.push(values);
          return;
        }
        result.violations.push(
          ...(await this.#roundTrip(info, values, this.#validBody(info), result)),
        );
      },
    );
  }

  async generated(info: OperationSpec): Promise<void> {
    const schema = info.body;
    if (!schema || this.#cases === 0) return;
    await this.#case(
      "generated",
      info,
      `${this.#cases} bodies generated from the schema`,
      async (result) => {
        const values = await this.#values(info);
        if (typeof values === "string") {
          result.violations.push(values);
          return;
        }
        const creates =
          info.method === "post" && readersOf(this.#all, info.path).byId !== undefined;
        let budget = this.#cases + shrinkBudget;
        let failure: { request?: HttpRequest; status?: number; violations: string[] } | undefined;
        const details = await fc.check(
          fc.asyncProperty(bodyArbitrary(schema).filter(addressable), async (body) => {
            if (budget <= 0) return true;
            budget -= 1;
            const attempt: CaseResult = { ...result, violations: [] };
            let violations: string[];
            try {
              if (creates) {
                violations = await this.#roundTrip(info, values, body, attempt);
              } else {
                attempt.request = this.#request(info, values, body);
                const reply = await this.#send(info, attempt.request);
                attempt.status = reply.status;
                violations = this.#judge(info, reply);
              }
            } catch (error) {
              if (!(error instanceof NoReply)) throw error;
              // A body that gets no reply fails as it is: shrinking would send up to
              // shrinkBudget more requests, each of which may wait out the timeout.
              this.#noReply = true;
              budget = 0;
              failure = { request: error.request, violations: [error.message] };
              return false;
            }
            const status = attempt.status ?? 0;
            // A create must take every body its schema allows. Actions and updates may refuse a
            // schema-valid body on rules a schema cannot state (arrays that pair up, an id that
            // must match the URL), with a documented 400.
            if (status >= 500 || (status === 400 && creates)) {
              violations.unshift(`a body valid by the schema got ${status}`);
            }
            if (violations.length > 0) failure = { ...attempt, violations };
            return violations.length === 0;
          }),
          { seed: this.#seed, numRuns: this.#cases },
        );
        result.note = `seed ${this.#seed}`;
        if (!details.failed) return;
        // A failure the property did not record is the checker's own error: never a pass.
        if (!failure) throw details.errorInstance;
        result.request = failure.request;
        result.status = failure.status;
        result.violations.push(...failure.violations);
        result.note = `seed ${this.#seed}; failed at body ${details.numRuns} of ${this.#cases}, shrunk ${details.numShrinks} times`;
      },
    );
  }
}

/** Runs every kind of case against `baseUrl` and reports each one. */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const started = performance.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const checker = new Checker({ ...options, seed });
  // Deletes last, so that they do not take away what the other operations test with.
  const all = (options.operations ?? graphOperations).filter(
    (info) => !options.only || options.only.includes(info.operationId),
  );
  const ordered = [
    ...all.filter((info) => info.method !== "delete"),
    ...all.filter((info) => info.method === "delete"),
  ];
  let unreachable = await checker.probe();
  try {
    if (unreachable === undefined) {
      for (const info of ordered) await checker.examples(info);
      for (const info of ordered) await checker.negatives(info);
      for (const info of ordered) await checker.stateful(info);
      for (const info of ordered) await checker.generated(info);
    }
  } catch (error) {
    if (!(error instanceof TargetDown)) throw error;
    unreachable = error.message;
  }
  // What the run created goes, unless asked to keep it or the target is gone.
  if (unreachable !== undefined) checker.created.leave("the target stopped answering");
  else if (options.keep) checker.created.leave("kept (--keep)");
  else await checker.removeCreated();
  const failed = checker.results.filter((result) => !result.passed).length;
  return {
    baseUrl: options.baseUrl,
    seed,
    cases: options.cases ?? 25,
    results: checker.results,
    passed: checker.results.length - failed,
    failed,
    durationMs: Math.round(performance.now() - started),
    unreachable,
    created: checker.created.entities,
  };
}
