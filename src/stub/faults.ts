// Fault injection, as Graph Dev Proxy offers (reference §5, §6): a share of requests fail as
// Graph fails when it throttles or breaks (429 with Retry-After, 503, 504), optionally after
// added latency; a seed makes the sequence reproducible. Tests can also queue the next faults
// (POST /_stub/faults) or fail one request by header (`x-stub-fault: 429; retry-after=2`).
import type { components } from "../../generated/schema.js";
import { type GraphError, graphErrors } from "./errors.js";

export type FaultRequest = components["schemas"]["stubFault"];
export type FaultStatus = FaultRequest["status"];

export interface FaultOptions {
  /** Share of Graph requests that fail at random, 0 to 1. Default 0. */
  faultRate: number;
  /** Statuses the random faults pick from. Default 429, 503, 504. */
  faultStatuses: FaultStatus[];
  /** Seed of the random sequence. Default: a fixed seed (1), so runs repeat. */
  faultSeed: number;
  /** Added latency per Graph request in ms: `[min, max]`. Default none. */
  latency: [number, number];
  /** Retry-After seconds on injected 429 and 503. Default 2. */
  retryAfter: number;
}

export interface Fault {
  status: FaultStatus;
  retryAfter: number;
  latencyMs: number;
  source: "queue" | "header" | "random";
}

export const faultHeader = "x-stub-fault";

/** mulberry32: a tiny seeded PRNG, enough to make fault sequences reproducible. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const statuses: FaultStatus[] = [429, 500, 502, 503, 504];

/** Parses `429; retry-after=2; latency=100`; undefined when the header does not name a fault. */
export function parseFaultHeader(value: string, defaults: FaultOptions): Fault | undefined {
  const [head = "", ...parts] = value.split(";").map((part) => part.trim());
  const status = Number(head) as FaultStatus;
  if (!statuses.includes(status)) return undefined;
  const fault: Fault = { status, retryAfter: defaults.retryAfter, latencyMs: 0, source: "header" };
  for (const part of parts) {
    const [name, raw] = part.split("=").map((x) => x.trim().toLowerCase());
    const number = Number(raw);
    if (!Number.isFinite(number) || number < 0) continue;
    if (name === "retry-after") fault.retryAfter = Math.min(number, 3600);
    if (name === "latency") fault.latencyMs = Math.min(number, 60_000);
  }
  return fault;
}

export class Faults {
  readonly options: FaultOptions;
  #random: () => number;
  #queue: { fault: Fault; remaining: number }[] = [];

  constructor(options: FaultOptions) {
    this.options = options;
    this.#random = seeded(options.faultSeed);
  }

  enqueue(request: FaultRequest): void {
    this.#queue.push({
      fault: {
        status: request.status,
        retryAfter: request.retryAfter ?? 1,
        latencyMs: request.latencyMs ?? 0,
        source: "queue",
      },
      remaining: request.count ?? 1,
    });
  }

  clear(): void {
    this.#queue = [];
    this.#random = seeded(this.options.faultSeed);
  }

  /** The added latency for this request, in ms. */
  latency(): number {
    const [min, max] = this.options.latency;
    return max <= min ? min : min + Math.floor(this.#random() * (max - min + 1));
  }

  /** The fault for this request, if any: a header wins, then the queue, then chance. */
  next(header: string | undefined): Fault | undefined {
    if (header !== undefined) {
      const fault = parseFaultHeader(header, this.options);
      if (fault) return fault;
    }
    const queued = this.#queue[0];
    if (queued) {
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.#queue.shift();
      return queued.fault;
    }
    if (this.options.faultRate > 0 && this.#random() < this.options.faultRate) {
      const { faultStatuses } = this.options;
      const status = faultStatuses[Math.floor(this.#random() * faultStatuses.length)] ?? 503;
      return { status, retryAfter: this.options.retryAfter, latencyMs: 0, source: "random" };
    }
    return undefined;
  }
}

/** The Graph error a fault answers with, from the one catalogue. */
export function faultError(fault: Fault): GraphError {
  switch (fault.status) {
    case 429:
      return graphErrors.throttled(fault.retryAfter);
    case 500:
      return graphErrors.internal();
    case 502:
      return graphErrors.badGateway();
    case 503:
      return graphErrors.serviceUnavailable(fault.retryAfter);
    default:
      return graphErrors.gatewayTimeout();
  }
}
