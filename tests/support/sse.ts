/** One event read from an SSE response. */
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * Reads server-sent events from a Response body for tests: events in order, comments
 * counted. Reads wait at most `timeoutMs` so a broken stream fails the test, never hangs it.
 */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<string>;
  #buffer = "";
  #events: SseEvent[] = [];
  // A read that outlived a timeout still owns the next chunk: keep it for the next call.
  #pending: Promise<ReadableStreamReadResult<string>> | undefined;
  comments = 0;
  /** The `retry:` value the server asked for, if any. */
  retry?: number;

  constructor(res: Response) {
    if (!res.body) throw new Error("response has no body");
    this.#reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  }

  /** The next event; rejects when the stream ends or nothing comes within `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<SseEvent> {
    while (!this.#events.length) await this.#read(timeoutMs);
    return this.#events.shift()!;
  }

  /** Waits for the next comment (a heartbeat); rejects after `timeoutMs`. */
  async comment(timeoutMs = 5000): Promise<void> {
    const before = this.comments;
    while (this.comments === before) await this.#read(timeoutMs);
  }

  async #read(timeoutMs: number) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("nothing on the SSE stream in time")), timeoutMs);
    });
    try {
      this.#pending ??= this.#reader.read();
      const { value, done } = await Promise.race([this.#pending, timeout]);
      this.#pending = undefined;
      if (done) throw new Error("SSE stream ended");
      this.#take(value);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The next event, parsed; fails if its name is not `event`. */
  async expect<T = Record<string, unknown>>(event: string, timeoutMs = 5000) {
    const e = await this.next(timeoutMs);
    if (e.event !== event) throw new Error(`expected ${event}, got ${e.event}: ${e.data}`);
    return { id: e.id, data: JSON.parse(e.data) as T };
  }

  /**
   * The next `event`, passing over events named in `skip` (a stream that interleaves kinds
   * whose relative order is not promised); fails on any other event.
   */
  async expectPast<T = Record<string, unknown>>(
    event: string,
    skip: string[],
    timeoutMs = 5000,
  ) {
    for (;;) {
      const e = await this.next(timeoutMs);
      if (skip.includes(e.event)) continue;
      if (e.event !== event) throw new Error(`expected ${event}, got ${e.event}: ${e.data}`);
      return { id: e.id, data: JSON.parse(e.data) as T };
    }
  }

  /** Resolves when the server ends the stream (or rejects after `timeoutMs`). */
  async ended(timeoutMs = 5000): Promise<SseEvent[]> {
    const rest: SseEvent[] = [];
    for (;;) {
      try {
        rest.push(await this.next(timeoutMs));
      } catch (err) {
        if ((err as Error).message === "SSE stream ended") return rest;
        throw err;
      }
    }
  }

  /** Hangs up, as a client closing its tab would. */
  async close(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }

  #take(chunk: string) {
    this.#buffer += chunk;
    let end;
    while ((end = this.#buffer.indexOf("\n\n")) >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const e: SseEvent = { event: "message", data: "" };
      const data: string[] = [];
      let fields = 0;
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) {
          this.comments++;
          continue;
        }
        const colon = line.indexOf(":");
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (name === "event") e.event = value;
        else if (name === "data") data.push(value);
        else if (name === "id") e.id = value;
        else if (name === "retry") this.retry = Number(value);
        else continue;
        if (name !== "retry") fields++;
      }
      e.data = data.join("\n");
      if (fields) this.#events.push(e);
    }
  }
}
