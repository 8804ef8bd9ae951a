// The Cloudflare build is the web-standard one: the Node build reads process.env (VERCEL,
// AWS_REGION, ...) when constructed, which `--allow-env=<list>` forbids.
import { errors, Redis } from "@upstash/redis/cloudflare";
import { groupCommit } from "../db/group_commit.ts";
import type { Counter, Store } from "./store.ts";

/** How to reach an Upstash Redis database over its REST API. */
export interface UpstashStoreOptions {
  /** The REST URL (`UPSTASH_REDIS_REST_URL`). */
  url: string;
  /** The REST token (`UPSTASH_REDIS_REST_TOKEN`); sent as a bearer token, never logged. */
  token: string;
  /** Prepended to every key, so one database can serve several apps (default "contrail:"). */
  keyPrefix?: string;
}

// INCR and its PEXPIRE in one script: Redis runs a script atomically, so a crash between the
// two cannot leave a counter without an expiry. A counter found without one (PTTL -1, from
// an older writer) gets its window too rather than living forever.
const INCREMENT_SCRIPT = `
local count = redis.call("INCR", KEYS[1])
local ttl = redis.call("PTTL", KEYS[1])
if count == 1 or ttl < 0 then
  redis.call("PEXPIRE", KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

type Pipeline = ReturnType<Redis["pipeline"]>;
type Reply = { value: unknown } | { error: unknown };

// Commands that arrive while this many pipelines are in flight wait and share the next one.
const PIPELINES_IN_FLIGHT = 4;
// Upstash's own auto-pipelining stops at 1,000 commands per request too.
const MAX_PIPELINE = 1000;

/**
 * The Upstash Redis adapter: JSON values with PX expiry, fixed-window counters by script.
 * Concurrent commands share one `/pipeline` request (one HTTP round trip): the client's own
 * auto-pipelining only merges commands issued within the same tick, which requests served
 * one by one rarely are. A pipeline is not a transaction, but each command still is atomic.
 */
export function upstashStore(options: UpstashStoreOptions): Store {
  const redis = new Redis({
    url: options.url,
    token: options.token,
    // Values are JSON we encode ourselves: the client's own decoding would turn the stored
    // string "42" back into the number 42.
    automaticDeserialization: false,
    enableTelemetry: false,
    enableAutoPipelining: false,
  });
  const prefix = options.keyPrefix ?? "contrail:";
  const k = (key: string) => prefix + key;
  const send = groupCommit<(p: Pipeline) => void, Reply>(async (commands) => {
    const pipeline = redis.pipeline();
    for (const add of commands) add(pipeline);
    const replies = await pipeline.exec<unknown[]>({ keepErrors: true });
    return replies.map(({ error, result }) =>
      error ? { error: new errors.UpstashError(`Command failed: ${error}`) } : { value: result }
    );
  }, { maxBatch: MAX_PIPELINE, concurrency: PIPELINES_IN_FLIGHT });
  const call = async <T>(add: (p: Pipeline) => void) => {
    const reply = await send(add);
    if ("error" in reply) throw reply.error;
    return reply.value as T;
  };
  const sha = sha1Hex(INCREMENT_SCRIPT);
  return {
    async get<T>(key: string) {
      const raw = await call<string | null>((p) => p.get(k(key)));
      return raw === null ? undefined : JSON.parse(raw) as T;
    },
    async set(key, value, ttlMs) {
      await call((p) => p.set(k(key), encode(value), { px: px(ttlMs) }));
    },
    async setIfAbsent(key, value, ttlMs) {
      return await call((p) => p.set(k(key), encode(value), { nx: true, px: px(ttlMs) })) ===
        "OK";
    },
    async delete(key) {
      await call((p) => p.del(k(key)));
    },
    async increment(key, ttlMs): Promise<Counter> {
      const keys = [k(key)], args = [String(px(ttlMs))];
      const hash = await sha;
      // EVALSHA spares sending the script each time; a server that lost it gets it once more.
      const [count, ttl] = await call<[number, number]>((p) => p.evalsha(hash, keys, args))
        .catch((err) => {
          if (!/noscript/i.test(String(err))) throw err;
          return call<[number, number]>((p) => p.eval(INCREMENT_SCRIPT, keys, args));
        });
      return { count, resetMs: Math.max(1, ttl) };
    },
  };
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// JSON has no undefined; null reads back as null, the nearest value there is.
const encode = (value: unknown) => JSON.stringify(value ?? null);

// PX takes a positive whole number of milliseconds.
const px = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));
