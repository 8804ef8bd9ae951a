import { storeKey } from "../db/kv_keys.ts";
import { isKvLocked } from "../db/kv.ts";
import { groupCommit } from "../db/group_commit.ts";
import { countKvRetry } from "../platform/app_metrics.ts";
import {
  applySideWrites,
  keysToRead,
  KV_LIMITS,
  planGroups,
  type SideWrite,
  type SideWriteResult,
  type Stamped,
} from "./side_writes.ts";

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

/**
 * The Deno KV adapter: values with `expireIn`. Every write goes through one group-commit
 * writer per store, so concurrent claims, results, deletes and counter increments share one
 * atomic commit (one fsync) instead of one each; the keys whose stored value decides a
 * result are checked, so two processes on one database still claim and count exactly.
 */
export function kvStore(kv: Deno.Kv, now: () => number = Date.now): Store {
  const write = kvSideWriter(kv, now);
  return {
    async get<T>(key: string) {
      const entry = await kv.get<Stamped<T>>(storeKey(key));
      return entry.value && entry.value.expiresAt > now() ? entry.value.value : undefined;
    },
    async set(key, value, ttlMs) {
      await write({ op: "set", key, value, ttlMs });
    },
    async setIfAbsent(key, value, ttlMs) {
      return await write({ op: "setIfAbsent", key, value, ttlMs }) as boolean;
    },
    async delete(key) {
      await write({ op: "delete", key });
    },
    increment: async (key, ttlMs) => await write({ op: "increment", key, ttlMs }) as Counter,
  };
}

type Outcome = { value: SideWriteResult } | { error: unknown };

// A batch that keeps losing checks to another process is split into one atomic per key, so
// a busy key cannot starve the writes to every other key in the batch.
const CONFLICTS_BEFORE_SPLIT = 3;
const LOCKED_ATTEMPTS = 8;

/** Returns a `write` that group-commits side writes to `kv`, each settling on its own. */
export function kvSideWriter(
  kv: Deno.Kv,
  now: () => number = Date.now,
): (w: SideWrite) => Promise<SideWriteResult> {
  // One read per ten keys (getMany's limit), all at once.
  const read = async (keys: string[]) => {
    const entries = (await Promise.all(
      chunks(keys, 10).map((group) => kv.getMany<Stamped[]>(group.map((k) => storeKey(k)))),
    )).flat();
    return new Map(keys.map((k, i) => [k, entries[i]]));
  };

  // One atomic for the group; undefined when a check failed (someone wrote a key meanwhile,
  // or a key assumed absent was there).
  const attempt = async (group: SideWrite[], assumeAbsent: boolean) => {
    const entries = await read(keysToRead(group, assumeAbsent));
    const t = now();
    const stored = new Map([...entries].map(([k, e]) => [k, e.value ?? undefined]));
    const { results, changed } = applySideWrites(group, stored, t);
    if (!changed.size) return results;
    const op = kv.atomic();
    for (const [key, state] of changed) {
      const entry = entries.get(key);
      if (entry) op.check(entry);
      else if (assumeAbsent && isClaim(group, key)) {
        op.check({ key: storeKey(key), versionstamp: null });
      }
      if (state) op.set(storeKey(key), state, { expireIn: Math.max(1, state.expiresAt - t) });
      else op.delete(storeKey(key));
    }
    return (await op.commit()).ok ? results : undefined;
  };

  const commit = async (group: SideWrite[]): Promise<Outcome[]> => {
    const single = new Set(group.map((w) => w.key)).size === 1;
    for (let conflicts = 0, locked = 0;;) {
      try {
        // First without reading the claimed keys; after a failed check, reading them all.
        const results = await attempt(group, conflicts === 0);
        if (results) return results.map((value) => ({ value }));
        countKvRetry("store", "conflict");
        if (++conflicts >= CONFLICTS_BEFORE_SPLIT && !single) return await perKey(group);
      } catch (error) {
        if (isKvLocked(error) && ++locked < LOCKED_ATTEMPTS) {
          countKvRetry("store", "locked");
          await sleep(Math.random() * 2 ** locked);
          continue;
        }
        // E.g. a value over KV's limits: only the writes to its key fail with it.
        if (!single) return await perKey(group);
        return group.map(() => ({ error }));
      }
    }
  };

  const perKey = async (group: SideWrite[]): Promise<Outcome[]> => {
    const out = new Array<Outcome>(group.length);
    const byKey = Map.groupBy(group.map((w, i) => ({ w, i })), ({ w }) => w.key);
    for (const items of byKey.values()) {
      const outcomes = await commit(items.map(({ w }) => w));
      items.forEach(({ i }, j) => out[i] = outcomes[j]);
    }
    return out;
  };

  const submit = groupCommit<SideWrite, Outcome>(async (batch) => {
    const out: Outcome[] = [];
    for (const group of planGroups(batch)) out.push(...await commit(group));
    return out;
  }, { maxBatch: KV_LIMITS.mutations });

  return async (w) => {
    const outcome = await submit(w);
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the group's first write to `key` claims it. */
function isClaim(group: SideWrite[], key: string): boolean {
  return group.find((w) => w.key === key)?.op === "setIfAbsent";
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
