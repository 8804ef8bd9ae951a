import { storeKey } from "../db/kv_keys.ts";
import { groupCommit } from "../db/group_commit.ts";
import { countKvRetry } from "./app_metrics.ts";

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
  // Every rate-limited request increments a counter: one KV commit each would cap the whole
  // server at the local SQLite's ~3,000 commits/s. Concurrent increments share one atomic
  // (each key checked, so two processes still count exactly) and one read per ten keys.
  const incrementBatched = groupCommit<{ key: string; ttlMs: number }, Counter>(
    async (items) => {
      const keys = [...new Set(items.map((i) => i.key))];
      for (;;) {
        const entries = (await Promise.all(
          chunks(keys, 10).map((group) =>
            kv.getMany<Stamped<number>[]>(group.map((k) => storeKey(k)))
          ),
        )).flat();
        const t = now();
        const counters = new Map(keys.map((k, i) => {
          const e = entries[i];
          const live = e.value && e.value.expiresAt > t;
          return [k, {
            count: live ? e.value!.value : 0,
            expiresAt: live ? e.value!.expiresAt : 0,
          }];
        }));
        const results = items.map(({ key, ttlMs }) => {
          const c = counters.get(key)!;
          if (c.count === 0) c.expiresAt = t + ttlMs;
          c.count++;
          return { count: c.count, resetMs: c.expiresAt - t };
        });
        const op = kv.atomic();
        keys.forEach((k, i) => {
          const { count, expiresAt } = counters.get(k)!;
          op.check(entries[i]).set(storeKey(k), { value: count, expiresAt }, {
            expireIn: Math.max(1, expiresAt - t),
          });
        });
        if ((await op.commit()).ok) return results;
        countKvRetry("store", "conflict");
      }
    },
    // KV: at most 100 checks per atomic operation.
    { maxBatch: 100 },
  );
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
        countKvRetry("store", "conflict");
      }
    },
    async delete(key) {
      await kv.delete(storeKey(key));
    },
    increment: (key, ttlMs) => incrementBatched({ key, ttlMs }),
  };
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
