// Where the stub's JSON log lines go: gathered into chunks of 8 KiB, which pino's own
// destination (sonic-boom) then writes asynchronously. Handing sonic-boom one line at a time
// costs more than the line itself under load: it measures its whole pending buffer again on
// every write (npm run bench). Lines still leave within `flushMs` when traffic is light, and
// nothing is lost on close or on exit.
import { pino } from "pino";

export interface LogDestinationOptions {
  /** Pending characters that trigger a write. Default 8 KiB. */
  chunkSize?: number;
  /** The longest a line waits when traffic is light, in ms. Default 100. */
  flushMs?: number;
}

export class BatchedLogDestination {
  readonly #boom: ReturnType<typeof pino.destination>;
  readonly #chunkSize: number;
  readonly #timer: NodeJS.Timeout;
  #pending = "";
  #ended = false;

  constructor(fd: number, options: LogDestinationOptions = {}) {
    this.#boom = pino.destination({ dest: fd, sync: false });
    this.#chunkSize = options.chunkSize ?? 8192;
    this.#timer = setInterval(() => this.#handOver(), options.flushMs ?? 100).unref();
    // After pino's own exit hook has flushed sonic-boom: what is still pending here goes too.
    process.on("exit", this.flushSync);
  }

  write(line: string): boolean {
    this.#pending += line;
    if (this.#pending.length >= this.#chunkSize) this.#handOver();
    return true;
  }

  /** Writes everything pending before returning (pino calls it on fatal errors and exit). */
  readonly flushSync = (): void => {
    if (this.#ended) return;
    this.#handOver();
    this.#boom.flushSync();
  };

  /** Writes what is pending, closes the descriptor (unless stdout or stderr), then calls back. */
  end(done: () => void): void {
    if (this.#ended) {
      done();
      return;
    }
    this.#handOver();
    this.#ended = true;
    clearInterval(this.#timer);
    process.off("exit", this.flushSync);
    this.#boom.once("close", () => done());
    this.#boom.end();
  }

  #handOver(): void {
    if (this.#pending === "") return;
    const chunk = this.#pending;
    this.#pending = "";
    this.#boom.write(chunk);
  }
}
