/**
 * The pure core of the KV store's side writes (idempotency claims and results, rate-limit
 * counters, cache entries): what a batch of writes does to the keys it touches, and how a
 * batch is cut into atomic operations that fit Deno KV's limits. The I/O lives in store.ts.
 */
import type { Counter } from "./store.ts";

/** One write a Store call asks for. */
export type SideWrite =
  | { op: "set"; key: string; value: unknown; ttlMs: number }
  | { op: "setIfAbsent"; key: string; value: unknown; ttlMs: number }
  | { op: "delete"; key: string }
  | { op: "increment"; key: string; ttlMs: number };

/** What a side write answers: setIfAbsent a boolean, increment a Counter, others nothing. */
export type SideWriteResult = boolean | Counter | undefined;

/** A stored value with its expiry. */
export interface Stamped<T = unknown> {
  value: T;
  /** Epoch ms; KV's expireIn deletes lazily, so reads check it too. */
  expiresAt: number;
}

/** The outcome of applying a batch to the stored state it read. */
export interface Applied {
  /** One result per write, in order. */
  results: SideWriteResult[];
  /** The new state of every key the batch changed: a value to set, or null to delete. */
  changed: Map<string, Stamped | null>;
}

/** Deno KV's limits on one atomic operation (checks, mutations, key bytes, total bytes). */
export const KV_LIMITS = {
  checks: 100,
  mutations: 1000,
  keyBytes: 80 * 1024,
  totalBytes: 800 * 1024,
  valueBytes: 64 * 1024,
};

/**
 * The keys whose stored value decides a result: those whose first write in the batch is
 * conditional. A key first set or deleted blindly needs neither a read nor a check. With
 * `assumeAbsent`, keys first claimed (setIfAbsent) are left out too: the caller checks that
 * they are absent instead, and reads them only if that check fails (almost every claim is of
 * a fresh key: a retry or a duplicate is the exception).
 */
export function keysToRead(writes: SideWrite[], assumeAbsent = false): string[] {
  const first = new Map<string, SideWrite>();
  for (const w of writes) if (!first.has(w.key)) first.set(w.key, w);
  return [...first.values()]
    .filter((w) => isConditional(w) && !(assumeAbsent && w.op === "setIfAbsent"))
    .map((w) => w.key);
}

/**
 * Applies the writes in order to `stored` (the values read for `keysToRead`) at time `t`.
 * Writes to one key compose: two increments count twice, the second of two setIfAbsent loses.
 */
export function applySideWrites(
  writes: SideWrite[],
  stored: Map<string, Stamped | undefined>,
  t: number,
): Applied {
  const state = new Map<string, Stamped | null>();
  const live = (key: string) => {
    const s = state.has(key) ? state.get(key) : stored.get(key);
    return s && s.expiresAt > t ? s : undefined;
  };
  const changed = new Set<string>();
  const results = writes.map((w): SideWriteResult => {
    const current = live(w.key);
    switch (w.op) {
      case "set":
        state.set(w.key, { value: w.value, expiresAt: t + w.ttlMs });
        break;
      case "delete":
        state.set(w.key, null);
        break;
      case "setIfAbsent":
        if (current) return false;
        state.set(w.key, { value: w.value, expiresAt: t + w.ttlMs });
        changed.add(w.key);
        return true;
      case "increment": {
        const count = current && typeof current.value === "number" ? current.value + 1 : 1;
        const expiresAt = current ? current.expiresAt : t + w.ttlMs;
        state.set(w.key, { value: count, expiresAt });
        changed.add(w.key);
        return { count, resetMs: expiresAt - t };
      }
    }
    changed.add(w.key);
    return undefined;
  });
  return { results, changed: new Map([...changed].map((k) => [k, state.get(k)!])) };
}

const encoder = new TextEncoder();

// ["store", key] encodes as 0x02 "store" 0x00 0x02 key 0x00.
const keyBytes = (key: string) => 9 + encoder.encode(key).length;

/**
 * A write's serialized size, estimated: V8 stores a string in at most two bytes per UTF-16
 * unit and the stamp's wrapper is small, but a double takes 9 bytes for as few as 2 JSON
 * characters. Only the batch cut relies on it; an atomic that KV still refuses as too large
 * is split into one per key by the writer.
 */
function valueBytes(w: SideWrite): number {
  if (w.op === "delete") return 0;
  if (w.op === "increment") return 64;
  try {
    return 64 + 2 * (JSON.stringify(w.value)?.length ?? 0);
  } catch {
    // Not JSON (a BigInt, a cycle): assume the worst so it gets an atomic of its own.
    return KV_LIMITS.valueBytes + 1;
  }
}

/**
 * Cuts a batch into consecutive groups, each within KV's limits for one atomic operation.
 * Groups commit in order, so writes to one key split across two groups still compose.
 */
export function planGroups(writes: SideWrite[]): SideWrite[][] {
  const groups: SideWrite[][] = [];
  let group: SideWrite[] = [];
  let keys = new Set<string>();
  let checks = 0, keyTotal = 0, total = 0;
  const close = () => {
    if (group.length) groups.push(group);
    group = [];
    keys = new Set();
    checks = keyTotal = total = 0;
  };
  const fits = (w: SideWrite, value: number) => {
    const fresh = !keys.has(w.key);
    const k = fresh ? keyBytes(w.key) : 0;
    return (!fresh || keys.size < KV_LIMITS.mutations) &&
      (!fresh || !isConditional(w) || checks < KV_LIMITS.checks) &&
      keyTotal + k <= KV_LIMITS.keyBytes && total + k + value <= KV_LIMITS.totalBytes;
  };
  for (const w of writes) {
    const value = valueBytes(w);
    // Most likely too large for KV: alone, its failure is its own.
    const alone = value > KV_LIMITS.valueBytes;
    if (alone || !fits(w, value)) close();
    if (!keys.has(w.key)) {
      if (isConditional(w)) checks++;
      keyTotal += keyBytes(w.key);
      total += keyBytes(w.key);
      keys.add(w.key);
    }
    total += value;
    group.push(w);
    if (alone) close();
  }
  close();
  return groups;
}

function isConditional(w: SideWrite): boolean {
  return w.op === "setIfAbsent" || w.op === "increment";
}
