// The Cloudflare build is the web-standard one: the Node build reads process.env (VERCEL,
// AWS_REGION, ...) when constructed, which `--allow-env=<list>` forbids.
import { Redis } from "@upstash/redis/cloudflare";
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

/** The Upstash Redis adapter: JSON values with PX expiry, fixed-window counters by script. */
export function upstashStore(options: UpstashStoreOptions): Store {
  const redis = new Redis({
    url: options.url,
    token: options.token,
    // Values are JSON we encode ourselves: the client's own decoding would turn the stored
    // string "42" back into the number 42.
    automaticDeserialization: false,
    enableTelemetry: false,
  });
  const prefix = options.keyPrefix ?? "contrail:";
  const k = (key: string) => prefix + key;
  const increment = redis.createScript<[number, number]>(INCREMENT_SCRIPT);
  return {
    async get<T>(key: string) {
      const raw = await redis.get<string>(k(key));
      return raw === null ? undefined : JSON.parse(raw) as T;
    },
    async set(key, value, ttlMs) {
      await redis.set(k(key), encode(value), { px: px(ttlMs) });
    },
    async setIfAbsent(key, value, ttlMs) {
      return await redis.set(k(key), encode(value), { nx: true, px: px(ttlMs) }) === "OK";
    },
    async delete(key) {
      await redis.del(k(key));
    },
    async increment(key, ttlMs): Promise<Counter> {
      const [count, ttl] = await increment.exec([k(key)], [String(px(ttlMs))]);
      return { count, resetMs: Math.max(1, ttl) };
    },
  };
}

// JSON has no undefined; null reads back as null, the nearest value there is.
const encode = (value: unknown) => JSON.stringify(value ?? null);

// PX takes a positive whole number of milliseconds.
const px = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));
