// Where the stub's JSON log lines go: encoded straight into 64 KiB buffers, which pino's own
// destination (sonic-boom, in buffer mode) then writes asynchronously. Under load, the cost of
// a log line was mostly in getting it out (npm run bench): handed one string at a time,
// sonic-boom measures its whole pending text again on every write; handed joined strings, it
// flattens and encodes each chunk again; and each write costs about as much at 64 KiB as at
// 8 KiB. Lines still leave within `flushMs` when traffic is light, and nothing is lost on close
// or on exit.
import { pino } from "pino";

/** The most bytes a string can take in UTF-8: 3 per UTF-16 code unit. */
const maxUtf8Bytes = (text: string) => text.length * 3;

export interface LogDestinationOptions {
  /** Bytes per chunk: a line that may not fit in what is left starts the next one. Default 64 KiB. */
  chunkSize?: number;
  /** The longest a line waits when traffic is light, in ms. Default 100. */
  flushMs?: number;
}

type SonicBoom = ReturnType<typeof pino.destination>;

export class BatchedLogDestination {
  readonly #fd: number;
  readonly #boom: SonicBoom;
  /** flushSync's writer: a synchronous sonic-boom on the same descriptor, made on first use. */
  #syncBoom: SonicBoom | undefined;
  readonly #chunkSize: number;
  readonly #timer: NodeJS.Timeout;
  #chunk: Buffer;
  #used = 0;
  #ended = false;

  constructor(fd: number, options: LogDestinationOptions = {}) {
    this.#fd = fd;
    this.#boom = pino.destination({ dest: fd, sync: false, contentMode: "buffer" });
    this.#chunkSize = options.chunkSize ?? 64 * 1024;
    this.#chunk = Buffer.allocUnsafe(this.#chunkSize);
    this.#timer = setInterval(() => this.#handOver(), options.flushMs ?? 100).unref();
    // After pino's own exit hook has flushed sonic-boom: what is still pending here goes too.
    process.on("exit", this.flushSync);
  }

  write(line: string): boolean {
    const most = maxUtf8Bytes(line);
    if (this.#used + most > this.#chunkSize) {
      this.#handOver();
      if (most > this.#chunkSize) {
        this.#send(Buffer.from(line, "utf8"));
        return true;
      }
    }
    this.#used += this.#chunk.write(line, this.#used, "utf8");
    return true;
  }

  /** Writes everything pending before returning (pino calls it on fatal errors and exit). */
  readonly flushSync = (): void => {
    if (this.#ended) return;
    // What sonic-boom holds goes first, then what is pending here, through a synchronous writer:
    // handed to the asynchronous one, it would start a write that flushSync cannot wait for.
    this.#boom.flushSync();
    if (this.#used === 0) return;
    this.#syncBoom ??= pino.destination({ dest: this.#fd, sync: true, contentMode: "buffer" });
    this.#send(this.#chunk.subarray(0, this.#used), this.#syncBoom);
    this.#used = 0;
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
    if (this.#used === 0) return;
    // sonic-boom keeps the buffer until it is written: the next lines go to a new one.
    this.#send(this.#chunk.subarray(0, this.#used));
    this.#chunk = Buffer.allocUnsafe(this.#chunkSize);
    this.#used = 0;
  }

  #send(bytes: Buffer, boom: SonicBoom = this.#boom): void {
    // sonic-boom's types name strings only; in buffer mode it takes Buffers.
    (boom.write as unknown as (data: Buffer) => boolean).call(boom, bytes);
  }
}
