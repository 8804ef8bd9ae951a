/**
 * Flight search and the fare calendar, shared by the JSON API (`/api/flights/search`,
 * `/api/flights/calendar`) and the passenger pages (`/search`), so both answer alike.
 */
import { cachedFlightSummaries } from "../flights/flight_summaries.ts";
import { currentScheduleVersion } from "../flights/cache_keys.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import { type Itinerary, rankItineraries, type SortKey } from "../../domain/itinerary.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";
import type { Clock } from "../../domain/clock.ts";
import { addDays } from "../../domain/time.ts";
import { findItineraries, monthItineraries } from "../../db/search_repo.ts";
import { recordSearch } from "../../db/recommendations_repo.ts";
import type { FlightSummary } from "../../db/flights_repo.ts";
import type { Database, Sql } from "../../db/postgres.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import type { Logger } from "../../platform/log.ts";
import type { Store } from "../../adapters/store.ts";

/** What a search needs from the composition root. */
export interface SearchDeps {
  db: Database;
  store: Store;
  registry: ActorRegistry;
  clock: Clock;
}

/** A validated flight search (see SearchQuery in routes/api/search.ts). */
export interface SearchParams {
  from: string;
  to: string;
  date: string;
  cabin: CabinCode;
  passengers: number;
  sort: SortKey;
  departAfter?: string;
  departBefore?: string;
  /** Total for the whole party, in minor units. */
  maxPrice?: number;
  maxStops: 0 | 1;
}

/** One bookable itinerary with its legs, layovers and live price. */
export interface SearchResult extends Itinerary {
  legs: FlightSummary[];
  layovers: { airport: string; minutes: number }[];
  price: { perPassenger: number; total: number; currency: string };
}

/** The cheapest journey of one day: its live fare per passenger (minor units) and flights. */
export interface DayFare {
  date: string;
  price: number;
  /** 0 for a direct flight, 1 for a connection. */
  stops: number;
  /** The journey's flight ids, in travel order. */
  flights: string[];
}

/** The cheapest journey per day of a month on a route, for a cabin and a party. */
export interface FareCalendar {
  month: string;
  currency: string;
  days: DayFare[];
}

/** A route, cabin and party whose fares per day are asked for. */
export interface FareQuery {
  from: string;
  to: string;
  cabin: CabinCode;
  passengers: number;
}

const CANDIDATES_MS = 5 * 60_000;
// Live prices move: a calendar is a guide, cached briefly.
const CALENDAR_MS = 60_000;

function scheduleVersion(deps: SearchDeps): Promise<number> {
  return currentScheduleVersion(deps.store);
}

// Candidate itineraries live in the shared store (every process finds them there) and, for
// a minute, in this process too: a repeated search then costs no store read. The key holds
// the schedule version, so a changed schedule is never served from either.
const LOCAL_MS = 60_000;
const LOCAL_MAX = 2000;
const local = new WeakMap<object, Map<string, { at: number; value: Promise<string[][]> }>>();

function candidatesFor(
  deps: SearchDeps,
  key: string,
  find: () => Promise<string[][]>,
): Promise<string[][]> {
  let cache = local.get(deps.store);
  if (!cache) local.set(deps.store, cache = new Map());
  const hit = cache.get(key);
  const t = Date.now();
  if (hit && t - hit.at < LOCAL_MS) return hit.value;
  cache.delete(key);
  if (cache.size >= LOCAL_MAX) cache.delete(cache.keys().next().value!);
  const value = (async () => {
    const stored = await deps.store.get<string[][]>(key);
    if (stored) return stored;
    const found = await find();
    await deps.store.set(key, found, CANDIDATES_MS);
    return found;
  })();
  cache.set(key, { at: t, value });
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  return value;
}

/** Live seats left and price per passenger for one flight and cabin. */
async function offer(deps: SearchDeps, flight: FlightSummary, cabin: string, passengers: number) {
  const inv = await deps.registry.inventory(flight.id);
  const o = cabinOffers(inv, deps.clock.now().getTime(), passengers).find((x) => x.code === cabin);
  return o?.price === undefined ? undefined : { seatsLeft: o.seatsLeft, unitPrice: o.price };
}

function layovers(legs: FlightSummary[]) {
  return legs.slice(1).map((l, i) => ({
    airport: l.origin.iata,
    minutes: Math.round((Date.parse(l.departureAt) - Date.parse(legs[i].arrivalAt)) / 60_000),
  }));
}

/** The day's candidate itineraries (flight ids; direct or, with `maxStops` 1, one stop), cached. */
export async function dayCandidates(
  deps: SearchDeps,
  q: Pick<SearchParams, "from" | "to" | "date" | "maxStops">,
): Promise<string[][]> {
  const key = `search:v${await scheduleVersion(deps)}:${q.from}:${q.to}:${q.date}:${q.maxStops}`;
  return await candidatesFor(deps, key, () => findItineraries(deps.db.sql, q));
}

/** Every itinerary that matches `q`, priced live, badged and sorted by `q.sort`. */
export async function searchItineraries(
  deps: SearchDeps,
  q: SearchParams,
): Promise<SearchResult[]> {
  const candidates = await dayCandidates(deps, q);
  const ids = [...new Set(candidates.flat())];
  const flights = new Map(
    (await cachedFlightSummaries(deps.db.sql, ids)).map((f) => [f.id, f]),
  );
  const now = deps.clock.now().getTime();
  // Every flight's live offer at once: a flight no actor has loaded yet costs a read or two,
  // and waiting for those one itinerary after another is what made a search slow.
  const offers = new Map(
    await Promise.all(
      [...flights.values()].map(async (f) =>
        [f.id, await offer(deps, f, q.cabin, q.passengers)] as const
      ),
    ),
  );
  const results: SearchResult[] = [];
  for (const ids of candidates) {
    const legs = ids.map((id) => flights.get(id)).filter((f): f is FlightSummary => !!f);
    if (legs.length !== ids.length || Date.parse(legs[0].departureAt) <= now) continue;
    const time = legs[0].departureLocal.slice(11, 16);
    if ((q.departAfter && time < q.departAfter) || (q.departBefore && time > q.departBefore)) {
      continue;
    }
    const legOffers = legs.map((l) => offers.get(l.id));
    if (legOffers.some((o) => !o)) continue;
    const perPassenger = legOffers.reduce((sum, o) => sum + o!.unitPrice, 0);
    const total = perPassenger * q.passengers;
    if (q.maxPrice !== undefined && total > q.maxPrice) continue;
    const first = legs[0];
    const last = legs[legs.length - 1];
    results.push({
      id: ids.join("+"),
      stops: legs.length - 1,
      legs,
      layovers: layovers(legs),
      departureAt: first.departureAt,
      arrivalAt: last.arrivalAt,
      departureLocal: first.departureLocal,
      durationMinutes: Math.round(
        (Date.parse(last.arrivalAt) - Date.parse(first.departureAt)) /
          60_000,
      ),
      seatsLeft: Math.min(...legOffers.map((o) => o!.seatsLeft)),
      totalPrice: total,
      price: { perPassenger, total, currency: first.currency },
      badges: [],
    });
  }
  return rankItineraries(results, q.sort);
}

/**
 * The cheapest journey per day among `rows` (itineraries, direct or connecting, by their first
 * flight's day) with seats for the party: a connection's fare is the sum of its flights'.
 */
async function cheapestPerDay(
  deps: SearchDeps,
  rows: { ids: string[]; day: string }[],
  q: Pick<FareQuery, "cabin" | "passengers">,
): Promise<{ currency?: string; days: DayFare[] }> {
  const ids = [...new Set(rows.flatMap((r) => r.ids))];
  const flights = new Map(
    (await cachedFlightSummaries(deps.db.sql, ids)).map((f) => [f.id, f]),
  );
  const now = deps.clock.now().getTime();
  const fares = new Map(
    await Promise.all(ids.map(async (id) => {
      const flight = flights.get(id);
      const live = flight && Date.parse(flight.departureAt) > now;
      const fare = live ? (await offer(deps, flight, q.cabin, q.passengers))?.unitPrice : undefined;
      return [id, fare] as const;
    })),
  );
  const cheapest = new Map<string, DayFare>();
  for (const r of rows) {
    const legs = r.ids.map((id) => fares.get(id));
    if (legs.some((f) => f === undefined)) continue;
    const price = legs.reduce((sum: number, f) => sum + f!, 0);
    if (price < (cheapest.get(r.day)?.price ?? Infinity)) {
      cheapest.set(r.day, { date: r.day, price, stops: r.ids.length - 1, flights: r.ids });
    }
  }
  const days = [...cheapest.values()].sort((a, b) => a.date.localeCompare(b.date));
  return { currency: flights.values().next().value?.currency, days };
}

/** The fare calendar of one month (`YYYY-MM`) for a party, cached for a minute. */
export async function fareCalendar(
  deps: SearchDeps,
  q: FareQuery & { month: string },
): Promise<FareCalendar> {
  const key = `calendar:v${await scheduleVersion(
    deps,
  )}:${q.from}:${q.to}:${q.month}:${q.cabin}:${q.passengers}`;
  const cached = await deps.store.get<FareCalendar>(key);
  if (cached) return cached;
  const rows = await monthItineraries(deps.db.sql, q.from, q.to, q.month);
  const { currency, days } = await cheapestPerDay(deps, rows, q);
  const body = { month: q.month, currency: currency ?? "USD", days };
  await deps.store.set(key, body, CALENDAR_MS);
  return body;
}

/**
 * The cheapest journey of each of `dates` that has one (ascending, consecutive dates), for a
 * party; only those dates' flights are priced. Cached for a minute.
 */
export async function faresOn(
  deps: SearchDeps,
  q: FareQuery,
  dates: string[],
): Promise<DayFare[]> {
  const key = `fares:v${await scheduleVersion(deps)}:${q.from}:${q.to}:${dates[0]}:${
    dates.at(-1)
  }:${q.cabin}:${q.passengers}`;
  let days = await deps.store.get<DayFare[]>(key);
  if (!days) {
    const months = [...new Set(dates.map((d) => d.slice(0, 7)))];
    const rows = (await Promise.all(
      months.map((m) => monthItineraries(deps.db.sql, q.from, q.to, m)),
    ))
      .flat().filter((r) => dates.includes(r.day));
    days = (await cheapestPerDay(deps, rows, q)).days;
    await deps.store.set(key, days, CALENDAR_MS);
  }
  return days;
}

/**
 * The cheapest one-seat fare for each day from `radius` days before `date` to `radius` after
 * (a day with neither a direct flight nor a connection has no price).
 */
export async function nearbyFares(
  deps: SearchDeps,
  q: { from: string; to: string; date: string; cabin: CabinCode },
  radius = 3,
): Promise<{ date: string; price?: number }[]> {
  const dates = Array.from({ length: radius * 2 + 1 }, (_, i) => addDays(q.date, i - radius));
  const days = await faresOn(deps, { ...q, passengers: 1 }, dates);
  const byDate = new Map(days.map((d) => [d.date, d.price]));
  return dates.map((date) => ({ date, price: byDate.get(date) }));
}

/** Remembers a signed-in user's search for recommendations; a failure only logs. */
export function rememberSearch(
  sql: Sql,
  log: Logger,
  search: { userId?: string; from: string; to: string; date: string },
): void {
  if (!search.userId) return;
  recordSearch(sql, search.userId, search.from, search.to, search.date).catch((err) =>
    log.warn("search history not recorded", { error: err })
  );
}
