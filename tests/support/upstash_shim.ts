/**
 * A stand-in for Upstash's REST API in front of a real Redis, so the Upstash store adapter is
 * tested with the real `@upstash/redis` client: `POST /` (one command), `POST /pipeline`,
 * `POST /multi-exec`, bearer-token auth and the `Upstash-Encoding: base64` answers.
 */

/** The Redis the shim talks to: `TEST_REDIS_URL`, else the local server. */
export const REDIS_URL = new URL(Deno.env.get("TEST_REDIS_URL") ?? "redis://127.0.0.1:6379");

/** Under CI=true a missing Redis is a failure, never a skip. */
export const IN_CI = Deno.env.get("CI") === "true";

async function reachable(url: URL): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: url.hostname, port: Number(url.port || 6379) });
    conn.close();
    return true;
  } catch {
    return false;
  }
}

/** Whether Redis answers on its port. */
export const redisReachable = await reachable(REDIS_URL);

/** An error reply from Redis (`-ERR ...`). */
export class ReplyError {
  constructor(readonly message: string) {}
}

/** A RESP2 reply: bulk strings stay bytes (values may be binary), simple strings are text. */
export type Reply = Uint8Array | string | number | null | ReplyError | Reply[];

/** One command argument, as the Upstash client sends it in JSON. */
export type Arg = string | number | boolean;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes commands as RESP arrays of bulk strings, all in one buffer. */
export function encodeCommands(commands: Arg[][]): Uint8Array {
  let text = "";
  for (const command of commands) {
    text += `*${command.length}\r\n`;
    for (const arg of command) {
      // Bulk lengths count UTF-8 bytes, not UTF-16 code units.
      text += `$${encoder.encode(String(arg)).length}\r\n${arg}\r\n`;
    }
  }
  return encoder.encode(text);
}

/** Parses one reply at `pos`; undefined while the buffer does not yet hold all of it. */
export function parseReply(
  buf: Uint8Array,
  pos: number,
): { reply: Reply; end: number } | undefined {
  let lineEnd = pos;
  while (lineEnd + 1 < buf.length && !(buf[lineEnd] === 13 && buf[lineEnd + 1] === 10)) lineEnd++;
  if (lineEnd + 1 >= buf.length) return undefined;
  const line = decoder.decode(buf.subarray(pos + 1, lineEnd));
  const next = lineEnd + 2;
  switch (String.fromCharCode(buf[pos])) {
    case "+":
      return { reply: line, end: next };
    case "-":
      return { reply: new ReplyError(line), end: next };
    case ":":
      return { reply: Number(line), end: next };
    case "$": {
      const length = Number(line);
      if (length < 0) return { reply: null, end: next };
      if (buf.length < next + length + 2) return undefined;
      return { reply: buf.slice(next, next + length), end: next + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { reply: null, end: next };
      const items: Reply[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, at);
        if (!item) return undefined;
        items.push(item.reply);
        at = item.end;
      }
      return { reply: items, end: at };
    }
    default:
      throw new Error(`unexpected RESP type byte ${buf[pos]}`);
  }
}

/**
 * A RESP2 client on one connection. Commands are pipelined: each `send` writes its commands
 * contiguously and Redis answers in order, so a MULTI ... EXEC sent in one call is never
 * interleaved with another caller's commands.
 */
export class RedisConnection {
  #pending: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  #writing = Promise.resolve();
  #closed = false;

  private constructor(private readonly conn: Deno.TcpConn) {
    this.#readLoop();
  }

  /** Connects to the Redis at `url` (redis://host:port). */
  static async open(url: URL = REDIS_URL): Promise<RedisConnection> {
    const conn = await Deno.connect({ hostname: url.hostname, port: Number(url.port || 6379) });
    return new RedisConnection(conn);
  }

  /** Sends the commands as one pipeline; resolves with their replies in order. */
  send(commands: Arg[][]): Promise<Reply[]> {
    if (this.#closed) return Promise.reject(new Error("redis connection closed"));
    const bytes = encodeCommands(commands);
    const replies = commands.map(() =>
      new Promise<Reply>((resolve, reject) => this.#pending.push({ resolve, reject }))
    );
    this.#writing = this.#writing.then(() => writeAll(this.conn, bytes)).catch((err) =>
      this.#fail(err)
    );
    return Promise.all(replies);
  }

  /** Sends one command; resolves with its reply. */
  async call(...command: Arg[]): Promise<Reply> {
    return (await this.send([command]))[0];
  }

  /** Closes the connection; replies still pending fail. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.conn.close();
  }

  async #readLoop() {
    const chunk = new Uint8Array(64 * 1024);
    let buf: Uint8Array = new Uint8Array(0);
    try {
      for (;;) {
        const n = await this.conn.read(chunk);
        if (n === null) break;
        const grown = new Uint8Array(buf.length + n);
        grown.set(buf);
        grown.set(chunk.subarray(0, n), buf.length);
        buf = grown;
        let pos = 0;
        for (;;) {
          const parsed = parseReply(buf, pos);
          if (!parsed) break;
          pos = parsed.end;
          this.#pending.shift()?.resolve(parsed.reply);
        }
        buf = buf.slice(pos);
      }
      this.#fail(new Error("redis closed the connection"));
    } catch (err) {
      this.#fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  #fail(err: Error) {
    for (const p of this.#pending.splice(0)) p.reject(err);
  }
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array) {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A reply as Upstash puts it in JSON; with base64 on, every string is base64 of its bytes. */
export function toJson(reply: Reply, base64: boolean): unknown {
  if (reply instanceof Uint8Array) return base64 ? toBase64(reply) : decoder.decode(reply);
  if (typeof reply === "string") return base64 ? toBase64(encoder.encode(reply)) : reply;
  if (reply instanceof ReplyError) return reply.message;
  if (Array.isArray(reply)) return reply.map((r) => toJson(r, base64));
  return reply;
}

const entry = (reply: Reply, base64: boolean) =>
  reply instanceof ReplyError ? { error: reply.message } : { result: toJson(reply, base64) };

// Commands that would change the shared connection's state, block it, or wipe other tests'
// keys: Upstash has its own answers for these, the shim just refuses them.
const REFUSED = new Set(
  ("multi exec discard watch unwatch select swapdb subscribe psubscribe ssubscribe monitor " +
    "quit reset hello auth client flushdb flushall blpop brpop blmove brpoplpush blmpop " +
    "bzpopmin bzpopmax bzmpop wait").split(" "),
);

class BadRequest extends Error {}

function command(value: unknown): Arg[] {
  if (
    !Array.isArray(value) || value.length === 0 ||
    !value.every((a) => ["string", "number", "boolean"].includes(typeof a))
  ) {
    throw new BadRequest("ERR a command is a non-empty JSON array of strings and numbers");
  }
  if (REFUSED.has(String(value[0]).toLowerCase())) {
    throw new BadRequest(`ERR ${value[0]} is not supported by the test shim`);
  }
  return value;
}

function commands(value: unknown): Arg[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("ERR expected a JSON array of commands");
  }
  return value.map(command);
}

/** A running shim: point `@upstash/redis` at `url` with `token`. */
export interface UpstashShim {
  url: string;
  token: string;
  /** Every key a test writes starts with this; they are all deleted on close. */
  keyPrefix: string;
  /** A direct Redis connection, for checks behind the client's back. */
  redis: RedisConnection;
  /** HTTP requests and Redis commands answered so far. */
  counts: { requests: number; commands: number };
  close(): Promise<void>;
}

/** Starts a shim on a free port with its own Redis connection and key prefix. */
export async function startUpstashShim(token: string = crypto.randomUUID()): Promise<UpstashShim> {
  const redis = await RedisConnection.open();
  const keyPrefix = `upstash-shim:${crypto.randomUUID().slice(0, 8)}:`;
  const json = (body: unknown, status = 200) => Response.json(body, { status });
  const counts = { requests: 0, commands: 0 };

  const handle = async (req: Request): Promise<Response> => {
    if (req.headers.get("authorization") !== `Bearer ${token}`) {
      return json({ error: "Unauthorized" }, 401);
    }
    counts.requests++;
    const path = new URL(req.url).pathname;
    if (req.method !== "POST" || !["/", "/pipeline", "/multi-exec"].includes(path)) {
      return json({ error: "ERR the shim answers POST /, /pipeline and /multi-exec" }, 404);
    }
    const base64 = req.headers.get("upstash-encoding")?.toLowerCase() === "base64";
    try {
      const body = await req.json().catch(() => {
        throw new BadRequest("ERR the body is not JSON");
      });
      if (path === "/") {
        counts.commands++;
        const reply = await redis.call(...command(body));
        return reply instanceof ReplyError
          ? json({ error: reply.message }, 400)
          : json({ result: toJson(reply, base64) });
      }
      const batch = commands(body);
      counts.commands += batch.length;
      if (path === "/pipeline") {
        return json((await redis.send(batch)).map((r) => entry(r, base64)));
      }
      const replies = await redis.send([["MULTI"], ...batch, ["EXEC"]]);
      const exec = replies[replies.length - 1];
      if (exec instanceof ReplyError) return json({ error: exec.message }, 400);
      if (!Array.isArray(exec)) return json({ error: "ERR transaction aborted" }, 400);
      return json(exec.map((r) => entry(r, base64)));
    } catch (err) {
      if (err instanceof BadRequest) return json({ error: err.message }, 400);
      throw err;
    }
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    token,
    keyPrefix,
    redis,
    counts,
    async close() {
      await server.shutdown();
      await deleteKeys(redis, `${keyPrefix}*`);
      redis.close();
    },
  };
}

/** Deletes every key matching `pattern`, a SCAN page at a time. */
async function deleteKeys(redis: RedisConnection, pattern: string) {
  let cursor = "0";
  do {
    const page = await redis.call("SCAN", cursor, "MATCH", pattern, "COUNT", 1000) as [
      Uint8Array,
      Uint8Array[],
    ];
    cursor = decoder.decode(page[0]);
    if (page[1].length) await redis.call("UNLINK", ...page[1].map((k) => decoder.decode(k)));
  } while (cursor !== "0");
}
