// What a contract run created on the target, and removing it when the run ends: the checker
// writes to whatever it is pointed at (a shared fake, a test tenant), and only it knows the ids.
import type { OperationSpec } from "../spec/document.js";
import { type HttpReply, type HttpRequest, NoReply } from "./http.js";
import { readersOf } from "./operations.js";

/** One entity a contract run created. */
export interface CreatedEntity {
  /** The entity's URL: its collection's URL and its id. */
  url: string;
  /** The operation that created it, e.g. `createClientConfiguration`. */
  operationId: string;
  /** Whether the target no longer has it when the run ends (the run or a DELETE removed it). */
  removed: boolean;
  /** Why it is still there, when it is, e.g. `DELETE answered 403 (…)`. */
  left?: string;
}

const ok = (status: number) => status >= 200 && status <= 299;

/** Matches a URL path that ends in the spec path `template` (its `{param}`s are one segment). */
function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(`${escaped.replace(/\\?\{\w+\\?\}/g, "[^/]+")}$`);
}

export class Created {
  readonly entities: CreatedEntity[] = [];
  readonly #all: OperationSpec[];

  constructor(all: OperationSpec[]) {
    this.#all = all;
  }

  /**
   * Notes the entity a reply created: a 2xx with a string `id` to a POST on a collection whose
   * members the spec reads by id. Anything else created nothing addressable.
   */
  note(info: OperationSpec, request: HttpRequest, reply: HttpReply): void {
    if (info.method !== "post" || !ok(reply.status)) return;
    this.#noteBatch(info, reply.json);
    const { byId } = readersOf(this.#all, info.path);
    const { json } = reply;
    const id = typeof json === "object" && json !== null && "id" in json ? json.id : undefined;
    if (!byId || typeof id !== "string") return;
    const collection = request.url.replace(/\?.*$/, "");
    this.entities.push({
      url: `${collection}/${encodeURIComponent(id)}`,
      operationId: info.operationId,
      removed: false,
    });
  }

  /**
   * A JSON batch (`{responses:[…]}`, learn.microsoft.com/graph/json-batching) creates what its
   * 201 responses name in their `Location`.
   */
  #noteBatch(info: OperationSpec, json: unknown): void {
    if (typeof json !== "object" || json === null || !("responses" in json)) return;
    if (!Array.isArray(json.responses)) return;
    for (const response of json.responses) {
      const location = response?.status === 201 ? response.headers?.Location : undefined;
      if (typeof location !== "string") continue;
      this.entities.push({ url: location, operationId: info.operationId, removed: false });
    }
  }

  /** Marks every entity not yet removed as left on the target, for `reason`. */
  leave(reason: string): void {
    for (const entity of this.entities) if (!entity.removed) entity.left ??= reason;
  }

  /**
   * DELETEs every noted entity, newest first, so children go before their parents. A 2xx or a
   * 404 (the run's own delete cases, or a cascade, removed it already) means it is gone.
   */
  async remove(
    request: (url: string) => HttpRequest,
    send: (request: HttpRequest) => Promise<HttpReply>,
  ): Promise<void> {
    for (const entity of [...this.entities].reverse()) {
      const path = new URL(entity.url).pathname;
      const deletable = this.#all.some(
        (op) => op.method === "delete" && pathPattern(op.path).test(path),
      );
      if (!deletable) {
        entity.left = "the spec has no DELETE for it";
        continue;
      }
      try {
        const reply = await send(request(entity.url));
        entity.removed = ok(reply.status) || reply.status === 404;
        if (!entity.removed) entity.left = `DELETE answered ${reply.status}`;
      } catch (error) {
        if (!(error instanceof NoReply)) throw error;
        entity.left = `DELETE got no reply: ${error.reason}`;
      }
    }
  }
}
