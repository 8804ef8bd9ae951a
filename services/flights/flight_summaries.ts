import { type FlightSummary, getFlight, listFlightsByIds } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { memoizeAsync, type Memoized } from "../../platform/memo.ts";

// Every booking on a hot flight, and every search, needs flight summaries: they are kept in
// process for a few seconds instead of a round trip to Postgres each time. A status change
// made in this process forgets it at once; one made by another process shows here within
// TTL_MS.
const TTL_MS = 5_000;
const MAX = 20_000;
const caches = new WeakMap<Sql, Memoized<FlightSummary>>();

function cacheFor(sql: Sql): Memoized<FlightSummary> {
  let cache = caches.get(sql);
  if (!cache) {
    cache = memoizeAsync((id) => getFlight(sql, id), { ttlMs: TTL_MS, max: MAX });
    caches.set(sql, cache);
  }
  return cache;
}

/** A flight's summary, from the process-local cache when it is fresh. */
export function cachedFlightSummary(sql: Sql, id: string): Promise<FlightSummary | undefined> {
  return cacheFor(sql)(id);
}

/**
 * Summaries of several flights (missing ones left out): cached ones as they are, the rest
 * loaded in one query and cached.
 */
export async function cachedFlightSummaries(sql: Sql, ids: string[]): Promise<FlightSummary[]> {
  const cache = cacheFor(sql);
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length) {
    for (const f of await listFlightsByIds(sql, missing)) cache.prime(f.id, f);
  }
  const found = await Promise.all(ids.map((id) => cache.has(id) ? cache(id) : undefined));
  return found.filter((f): f is FlightSummary => f !== undefined);
}

/** Drops a flight's cached summary (after a change to its status or times). */
export function forgetFlightSummary(sql: Sql, id: string): void {
  caches.get(sql)?.forget(id);
}
