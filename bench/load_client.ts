/**
 * A lean HTTP/1.1 load generator for the benchmarks: one keep-alive TCP connection per worker,
 * requests written as bytes, responses parsed just enough (status, Content-Length or chunked).
 * `fetch` costs the client more CPU than a small handler costs the server, and on a 2-core
 * machine the load generator shares the cores with the server, so a cheap client matters.
 */

/** One request of a load run. */
export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What a load run measured. */
export interface LoadResult {
  seconds: number;
  statuses: Map<number, number>;
  rps: number;
  p50: number;
  p99: number;
  /** Wall time from the first to the last response with status `successStatus`. */
  successSeconds: number;
  successes: number;
}

/** Options for runLoad. */
export interface RunLoadOptions {
  total: number;
  concurrency: number;
  /** Stop starting requests after this long, even short of `total`. */
  durationMs?: number;
  /** Stop starting requests once this aborts (an open-ended probe). */
  signal?: AbortSignal;
  request: (i: number) => LoadRequest;
  /** Called with each response's status, body text and latency in milliseconds. */
  onResponse?: (i: number, status: number, body: string, ms: number) => void;
  /** Which status counts as a success for `successSeconds` (default 201). */
  successStatus?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CRLF2 = [13, 10, 13, 10];

function indexOfSeq(buf: Uint8Array, seq: number[], from = 0): number {
  outer: for (let i = from; i <= buf.length - seq.length; i++) {
    for (let j = 0; j < seq.length; j++) if (buf[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}

/** A keep-alive connection with a read buffer. */
class Connection {
  #buf = new Uint8Array(0);
  #chunk = new Uint8Array(64 * 1024);
  constructor(readonly conn: Deno.Conn, readonly host: string) {}

  async #fill(): Promise<void> {
    const n = await this.conn.read(this.#chunk);
    if (n === null) throw new Error("connection closed by server");
    const next = new Uint8Array(this.#buf.length + n);
    next.set(this.#buf);
    next.set(this.#chunk.subarray(0, n), this.#buf.length);
    this.#buf = next;
  }

  async #take(n: number): Promise<Uint8Array> {
    while (this.#buf.length < n) await this.#fill();
    const out = this.#buf.subarray(0, n);
    this.#buf = this.#buf.subarray(n);
    return out;
  }

  async #line(): Promise<string> {
    let at: number;
    while ((at = indexOfSeq(this.#buf, [13, 10])) < 0) await this.#fill();
    const line = decoder.decode(this.#buf.subarray(0, at));
    this.#buf = this.#buf.subarray(at + 2);
    return line;
  }

  /** Sends one request and reads its whole response. */
  async send(r: LoadRequest): Promise<{ status: number; body: string; close: boolean }> {
    const body = r.body === undefined ? undefined : encoder.encode(r.body);
    let head = `${r.method} ${r.path} HTTP/1.1\r\nHost: ${this.host}\r\n`;
    for (const [k, v] of Object.entries(r.headers ?? {})) head += `${k}: ${v}\r\n`;
    if (body) head += `Content-Length: ${body.length}\r\n`;
    head += "\r\n";
    const headBytes = encoder.encode(head);
    const packet = new Uint8Array(headBytes.length + (body?.length ?? 0));
    packet.set(headBytes);
    if (body) packet.set(body, headBytes.length);
    for (let off = 0; off < packet.length;) off += await this.conn.write(packet.subarray(off));

    let end: number;
    while ((end = indexOfSeq(this.#buf, CRLF2)) < 0) await this.#fill();
    const lines = decoder.decode(this.#buf.subarray(0, end)).split("\r\n");
    this.#buf = this.#buf.subarray(end + 4);
    const status = Number(lines[0].split(" ")[1]);
    const headers = new Map<string, string>();
    for (const l of lines.slice(1)) {
      const colon = l.indexOf(":");
      headers.set(l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim());
    }
    let text = "";
    if (headers.get("transfer-encoding")?.includes("chunked")) {
      for (;;) {
        const size = parseInt(await this.#line(), 16);
        if (size === 0) {
          await this.#line();
          break;
        }
        text += decoder.decode(await this.#take(size));
        await this.#take(2);
      }
    } else {
      text = decoder.decode(await this.#take(Number(headers.get("content-length") ?? 0)));
    }
    return { status, body: text, close: headers.get("connection")?.toLowerCase() === "close" };
  }
}

/** Runs `total` requests over `concurrency` keep-alive connections and measures them. */
export async function runLoad(base: string | URL, options: RunLoadOptions): Promise<LoadResult> {
  const url = new URL(base);
  const connect = async () =>
    new Connection(
      await Deno.connect({ hostname: url.hostname, port: Number(url.port || 80) }),
      url.host,
    );
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const want = options.successStatus ?? 201;
  let firstOk = Infinity;
  let lastOk = -Infinity;
  let successes = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + (options.durationMs ?? Infinity);
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    let conn = await connect();
    try {
      while (
        next < options.total && performance.now() < deadline && !options.signal?.aborted
      ) {
        const i = next++;
        const t0 = performance.now();
        let res;
        try {
          res = await conn.send(options.request(i));
        } catch {
          // The server closed an idle keep-alive connection: reconnect once and resend.
          conn.conn.close();
          conn = await connect();
          res = await conn.send(options.request(i));
        }
        const t1 = performance.now();
        latencies.push(t1 - t0);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === want) {
          successes++;
          firstOk = Math.min(firstOk, t0);
          lastOk = Math.max(lastOk, t1);
        }
        options.onResponse?.(i, res.status, res.body, t1 - t0);
        if (res.close) {
          conn.conn.close();
          conn = await connect();
        }
      }
    } finally {
      conn.conn.close();
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    seconds,
    statuses,
    rps: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    successes,
    successSeconds: successes ? (lastOk - firstOk) / 1000 : 0,
  };
}
