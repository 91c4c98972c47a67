// One autocannon run, reduced to the numbers the bench reports.
import autocannon from "autocannon";

export interface LoadRequest {
  method: "GET" | "POST";
  /** Path and query under the target's origin. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Called with every 2xx body (collects ids). */
  onBody?: (body: string) => void;
}

export interface RunStats {
  /** Completed requests per second over the run. */
  rps: number;
  /** Requests completed in the run. */
  completed: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  ok: number;
  /** Mean response body bytes (headers included, as autocannon counts them). */
  bytesPerResponse: number;
}

export async function load(
  origin: string,
  request: LoadRequest,
  options: {
    connections: number;
    duration: number;
    /** Requests per second, all connections together; default: as fast as they are answered. */
    rate?: number;
  },
): Promise<RunStats> {
  const result = await autocannon({
    url: origin,
    connections: options.connections,
    duration: options.duration,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body,
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) request.onBody?.(body);
        },
      },
    ],
  });
  const completed = result.requests.total;
  return {
    rps: result.duration > 0 ? completed / result.duration : 0,
    completed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    ok: result["2xx"],
    bytesPerResponse: completed > 0 ? result.throughput.total / completed : 0,
  };
}
