import { storeKey } from "../db/kv_keys.ts";

/** A fixed-window counter after an increment. */
export interface Counter {
  count: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/**
 * The small key-value store behind caching, rate limits and idempotency. Two adapters
 * implement it: Deno KV (default) and Upstash Redis; one contract suite tests both.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** Sets only when the key is absent; true when this call set it. */
  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Adds one to a counter whose window starts at its first increment and lasts `ttlMs`. */
  increment(key: string, ttlMs: number): Promise<Counter>;
}

interface Stamped<T> {
  value: T;
  /** Epoch ms; KV's expireIn deletes lazily, so reads check it too. */
  expiresAt: number;
}

/** The Deno KV adapter: values with `expireIn`, counters by atomic check-and-set. */
export function kvStore(kv: Deno.Kv, now: () => number = Date.now): Store {
  const read = async <T>(key: string) => {
    const entry = await kv.get<Stamped<T>>(storeKey(key));
    const live = entry.value && entry.value.expiresAt > now();
    return { entry, value: live ? entry.value!.value : undefined };
  };
  return {
    async get<T>(key: string) {
      return (await read<T>(key)).value;
    },
    async set(key, value, ttlMs) {
      await kv.set(storeKey(key), { value, expiresAt: now() + ttlMs }, { expireIn: ttlMs });
    },
    async setIfAbsent(key, value, ttlMs) {
      for (;;) {
        const { entry, value: current } = await read(key);
        if (current !== undefined) return false;
        const result = await kv.atomic()
          .check(entry)
          .set(storeKey(key), { value, expiresAt: now() + ttlMs }, { expireIn: ttlMs })
          .commit();
        if (result.ok) return true;
      }
    },
    async delete(key) {
      await kv.delete(storeKey(key));
    },
    async increment(key, ttlMs) {
      for (;;) {
        const { entry, value } = await read<number>(key);
        const t = now();
        const expiresAt = value === undefined ? t + ttlMs : entry.value!.expiresAt;
        const count = (value ?? 0) + 1;
        const result = await kv.atomic()
          .check(entry)
          .set(storeKey(key), { value: count, expiresAt }, { expireIn: Math.max(1, expiresAt - t) })
          .commit();
        if (result.ok) return { count, resetMs: expiresAt - t };
      }
    },
  };
}
