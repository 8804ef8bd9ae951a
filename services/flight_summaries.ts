import { type FlightSummary, getFlight } from "../db/flights_repo.ts";
import type { Sql } from "../db/postgres.ts";
import { memoizeAsync, type Memoized } from "./memo.ts";

// Every booking on a hot flight needs the flight's summary: it is kept in process for a few
// seconds instead of a round trip to KV or Postgres each time. A status change made in this
// process forgets it at once; one made by another process shows here within TTL_MS.
const TTL_MS = 5_000;
const caches = new WeakMap<Sql, Memoized<FlightSummary>>();

function cacheFor(sql: Sql): Memoized<FlightSummary> {
  let cache = caches.get(sql);
  if (!cache) {
    cache = memoizeAsync((id) => getFlight(sql, id), { ttlMs: TTL_MS, max: 10_000 });
    caches.set(sql, cache);
  }
  return cache;
}

/** A flight's summary, from the process-local cache when it is fresh. */
export function cachedFlightSummary(sql: Sql, id: string): Promise<FlightSummary | undefined> {
  return cacheFor(sql)(id);
}

/** Drops a flight's cached summary (after a change to its status or times). */
export function forgetFlightSummary(sql: Sql, id: string): void {
  caches.get(sql)?.forget(id);
}
