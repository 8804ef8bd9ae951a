/**
 * A socket for postgres.js on Deno's own TCP (Deno.connect) instead of the node:net
 * emulation, whose write path cost a quarter of the main thread under load (measured: a
 * DevTools profile of 2,000 payments). postgres.js takes such a socket through its `socket`
 * option; it needs the events and methods of a net.Socket it uses, and nothing else.
 */
import { EventEmitter } from "node:events";
import { Buffer } from "node:buffer";

/** Bytes queued for writing past which `write` asks postgres.js to wait for "drain". */
const HIGH_WATER = 256 * 1024;

/** The part of net.Socket that postgres.js uses, over a Deno.Conn. */
export class DenoSocket extends EventEmitter {
  readyState: "open" | "closed" = "open";
  #queue: Uint8Array[] = [];
  #queued = 0;
  #writing = false;
  #paused = false;
  #resume: (() => void) | undefined;

  constructor(private readonly conn: Deno.TcpConn) {
    super();
    conn.setNoDelay(true);
    this.#read();
  }

  /** Connects to `hostname:port`. */
  static async connect(hostname: string, port: number): Promise<DenoSocket> {
    return new DenoSocket(await Deno.connect({ hostname, port }));
  }

  async #read(): Promise<void> {
    const buf = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        if (this.#paused) await new Promise<void>((r) => this.#resume = r);
        const n = await this.conn.read(buf);
        if (n === null) break;
        // A copy: the read buffer is reused, while postgres.js may keep the chunk.
        this.emit("data", Buffer.from(buf.subarray(0, n)));
      }
    } catch (err) {
      if (this.readyState === "open") this.emit("error", err);
    }
    this.#closed();
  }

  /** Queues `chunk`; false asks the caller to wait for "drain" (as net.Socket does). */
  write(chunk: Uint8Array, callback?: (err?: Error) => void): boolean {
    if (this.readyState !== "open") {
      callback?.(new Error("socket closed"));
      return false;
    }
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    if (callback) this.#pending.push(callback);
    if (!this.#writing) this.#flush();
    return this.#queued < HIGH_WATER;
  }

  #pending: ((err?: Error) => void)[] = [];

  async #flush(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#queue.length) {
        const parts = this.#queue;
        const callbacks = this.#pending;
        this.#queue = [];
        this.#pending = [];
        const size = this.#queued;
        this.#queued = 0;
        // Everything queued since the last write goes out as one.
        const bytes = parts.length === 1 ? parts[0] : concat(parts, size);
        for (let off = 0; off < bytes.length;) off += await this.conn.write(bytes.subarray(off));
        callbacks.forEach((cb) => cb());
        if (size >= HIGH_WATER) this.emit("drain");
      }
    } catch (err) {
      this.emit("error", err);
      this.destroy();
    } finally {
      this.#writing = false;
    }
  }

  /** Writes `chunk` if given, then closes. */
  end(chunk?: Uint8Array): void {
    if (chunk) this.write(chunk);
    const close = () => this.destroy();
    if (this.#writing || this.#queue.length) this.#pending.push(close);
    else close();
  }

  /** Closes at once. */
  destroy(): void {
    if (this.readyState === "closed") return;
    try {
      this.conn.close();
    } catch { /* already closed */ }
    this.#closed();
  }

  /** Stops reading (a COPY stream's consumer is behind). */
  pause(): void {
    this.#paused = true;
  }

  /** Reads again. */
  resume(): void {
    this.#paused = false;
    this.#resume?.();
    this.#resume = undefined;
  }

  #closed(): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.emit("close", false);
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
