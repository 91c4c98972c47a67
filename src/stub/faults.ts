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
  /** Whole seconds for `Retry-After` (429 and 503); `null`: the reply has no `Retry-After`. */
  retryAfter: number | null;
  latencyMs: number;
  source: "queue" | "header" | "random";
}

export const faultHeader = "x-stub-fault";

/** The most an injected `Retry-After` may say, in seconds (the queue's schema says the same). */
export const maxRetryAfterSeconds = 3600;
/** The longest injected wait, in ms: `--latency`, a header's `latency`, a queued `latencyMs`. */
export const maxLatencyMs = 60_000;

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

/** Plain decimal digits up to `max`, else undefined: `5e2`, `0x1f4`, `1.5` and ` 2` are not. */
function wholeNumber(text: string, max: number): number | undefined {
  if (!/^\d{1,7}$/.test(text)) return undefined;
  const number = Number(text);
  return number <= max ? number : undefined;
}

/**
 * Parses `429; retry-after=2; latency=100` (`retry-after=none`: no `Retry-After` header).
 * @throws GraphError 400 naming the header when the value is anything else: a fault header that
 * does not say exactly which fault is refused, never guessed at or ignored.
 */
export function parseFaultHeader(value: string, defaults: FaultOptions): Fault {
  const [head = "", ...parts] = value.split(";").map((part) => part.trim());
  const status = statuses.find((candidate) => String(candidate) === head);
  if (status === undefined) throw graphErrors.badFaultHeader(value);
  const fault: Fault = { status, retryAfter: defaults.retryAfter, latencyMs: 0, source: "header" };
  for (const part of parts) {
    const [name = "", raw = "", ...rest] = part.split("=").map((x) => x.trim().toLowerCase());
    const number =
      name === "retry-after"
        ? raw === "none"
          ? null
          : wholeNumber(raw, maxRetryAfterSeconds)
        : name === "latency"
          ? wholeNumber(raw, maxLatencyMs)
          : undefined;
    if (number === undefined || rest.length > 0) throw graphErrors.badFaultHeader(value);
    if (name === "retry-after") fault.retryAfter = number;
    else fault.latencyMs = number ?? 0;
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
        // Absent: the documented default; null: a 429 or 503 without the header.
        retryAfter: request.retryAfter === undefined ? 1 : request.retryAfter,
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

  /**
   * The fault for this request, if any: a header wins, then the queue, then chance.
   * @throws GraphError 400 on a malformed `x-stub-fault` header.
   */
  next(header: string | undefined): Fault | undefined {
    if (header !== undefined) return parseFaultHeader(header, this.options);
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
