/**
 * The only place Deno KV keys are built. Every key starts with a short, stable prefix;
 * changing a prefix orphans data, so prefixes are never renamed, only added.
 */

/** Written and read by the readiness probe. */
export function readinessProbeKey(): Deno.KvKey {
  return ["sys", "ready"];
}

/** A flight's live inventory state, owned by its actor. */
export function flightInventoryKey(flightId: string): Deno.KvKey {
  return ["inv", flightId];
}

/** One chunk of a flight's inventory when it is too large for a single KV value. */
export function flightInventoryChunkKey(flightId: string, index: number): Deno.KvKey {
  return ["invc", flightId, index];
}

/**
 * One event of a flight's stored state after its snapshot (kept until the next snapshot, with
 * no expiry: the state is incomplete without it).
 */
export function flightInventoryTailKey(flightId: string, seq: number): Deno.KvKey {
  return ["invt", flightId, seq];
}

/** The sequence number of the newest event in a flight's event log (watched by SSE hubs). */
export function flightEventHeadKey(flightId: string): Deno.KvKey {
  return ["evh", flightId];
}

/** One entry of a flight's event log. */
export function flightEventKey(flightId: string, seq: number): Deno.KvKey {
  return ["evl", flightId, seq];
}

/** Index of open holds by expiry time, for the sweep that catches missed expiry messages. */
export function holdExpiryKey(expiresAt: number, flightId: string, holdId: string): Deno.KvKey {
  return ["hexp", expiresAt, flightId, holdId];
}

/** Prefix of the whole hold-expiry index. */
export function holdExpiryPrefix(): Deno.KvKey {
  return ["hexp"];
}

/** Marks a flight whose events Postgres has not fully projected: the durable outbox. */
export function projectionPendingKey(flightId: string): Deno.KvKey {
  return ["projq", flightId];
}

/** Prefix of every flight with pending projection. */
export function projectionPendingPrefix(): Deno.KvKey {
  return ["projq"];
}

/** A cache, rate-limit or idempotency entry of the KV-backed store. */
export function storeKey(key: string): Deno.KvKey {
  return ["store", key];
}

/**
 * The newest notification seq of a user, a KvU64 raised with `max` after each insert (watched
 * by SSE hubs). "ntfu": the earlier "ntfh" held a plain number, which `max` cannot raise.
 */
export function userNotificationHeadKey(userId: string): Deno.KvKey {
  return ["ntfu", userId];
}

/** The earlier form of a user's notification head (a plain number), read for users not told since. */
export function olderUserNotificationHeadKey(userId: string): Deno.KvKey {
  return ["ntfh", userId];
}

/** The version of a flight's newest status change (watched by SSE hubs). */
export function flightStatusHeadKey(flightId: string): Deno.KvKey {
  return ["sth", flightId];
}

/** One entry of a flight's status log, keyed by the flight row's version after the change. */
export function flightStatusEventKey(flightId: string, version: number): Deno.KvKey {
  return ["stl", flightId, version];
}

/** The sequence number of the newest entry of the operations log (status changes). */
export function opsHeadKey(): Deno.KvKey {
  return ["opsh"];
}

/** One entry of the operations log. */
export function opsEventKey(seq: number): Deno.KvKey {
  return ["opsl", seq];
}

/**
 * A KvU64 every inventory commit adds one to with `sum`: a conflict-free signal that some
 * flight's booking counters changed (watched by the ops stream).
 */
export function opsActivityKey(): Deno.KvKey {
  return ["opsa"];
}

/** A flight's latest booking counters, written by its actor's commit. */
export function opsFlightCountersKey(flightId: string): Deno.KvKey {
  return ["opsf", flightId];
}

/** Prefix of every flight's latest counters. */
export function opsFlightCountersPrefix(): Deno.KvKey {
  return ["opsf"];
}

/** A short-lived index of counter changes by commit time, so readers find what changed. */
export function opsCounterChangeKey(at: number, flightId: string): Deno.KvKey {
  return ["opsx", at, flightId];
}

/** Prefix of the counter-change index. */
export function opsCounterChangePrefix(): Deno.KvKey {
  return ["opsx"];
}
