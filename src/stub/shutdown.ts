// Safe shutdown: once the app starts closing (SIGTERM, SIGINT, app.close()), every injected wait
// ends at once and every request still routed, in flight or late on an open connection, gets
// Graph's 503 body and headers instead of Fastify's own 503 or a minute of waiting.
import type { FastifyInstance } from "fastify";
import { graphErrors } from "./errors.js";

/** How long `npm start` lets in-flight requests finish after SIGTERM before it cuts them off. */
export const shutdownGraceMs = 3000;

export class Shutdown {
  readonly #controller = new AbortController();

  /** Aborted when the app starts closing: pass it to every wait. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get closing(): boolean {
    return this.#controller.signal.aborted;
  }

  /**
   * Waits `ms`, or less if the app starts closing.
   * @throws GraphError 503 `serviceNotAvailable` when the wait was cut short by shutdown.
   */
  async wait(ms: number): Promise<void> {
    if (this.closing) throw graphErrors.serviceUnavailable(null);
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.signal.removeEventListener("abort", cut);
      };
      const cut = () => {
        done();
        reject(graphErrors.serviceUnavailable(null));
      };
      const timer = setTimeout(() => {
        done();
        resolve();
      }, ms);
      this.signal.addEventListener("abort", cut, { once: true });
    });
  }

  /**
   * Hooks `app`: closing aborts the waits (preClose, before the server stops listening), and a
   * request that reaches routing while closing is answered 503 by the one error handler.
   * Fastify's own 503 must be off (`return503OnClosing: false`).
   */
  install(app: FastifyInstance): void {
    app.addHook("preClose", async () => this.#controller.abort());
    app.addHook("onRequest", (_request, _reply, done) => {
      done(this.closing ? graphErrors.serviceUnavailable(null) : undefined);
    });
  }
}
