/**
 * Why a search found nothing, and what to try instead. Runs only once a search came back
 * empty, so the extra queries never slow a search that finds something.
 */
import {
  type CabinFrom,
  describeEmptySearch,
  emptySearchKind,
  type EmptySearchReason,
  isPastDate,
  nearestServed,
} from "../../domain/search_explanation.ts";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { addDays, toLocal } from "../../domain/time.ts";
import { nextConnectionDate, routeSchedule } from "../../db/search_repo.ts";
import { cachedFlightSummaries } from "../flights/flight_summaries.ts";
import { currentScheduleVersion } from "../flights/cache_keys.ts";
import { type AirportDirectory, airportDirectory } from "./airport_suggest.ts";
import {
  dayCandidates,
  faresOn,
  type SearchDeps,
  searchItineraries,
  type SearchParams,
} from "./flight_search.ts";

/** An empty search's reason with its sentence. */
export type EmptySearch = EmptySearchReason & { message: string };

// Dates offered instead: the first few with seats within two weeks after the one searched.
const NEXT_DAYS = 14;
const NEXT_SHOWN = 3;

async function nextDates(deps: SearchDeps, q: SearchParams, openUntil: string) {
  const dates = Array.from({ length: NEXT_DAYS }, (_, i) => addDays(q.date, i + 1))
    .filter((d) => d <= openUntil);
  if (!dates.length) return [];
  const days = await faresOn(deps, q, dates);
  return days.slice(0, NEXT_SHOWN).map(({ date, price }) => ({ date, price }));
}

/** The other cabins the day's journeys have, each with its cheapest live fare per passenger. */
async function otherCabins(deps: SearchDeps, q: SearchParams, offered: Set<string>) {
  const cabins = CABIN_CODES.filter((c) => c !== q.cabin && offered.has(c));
  const found = await Promise.all(cabins.map(async (cabin): Promise<CabinFrom[]> => {
    const [cheapest] = await searchItineraries(deps, { ...unfiltered(q), cabin, sort: "price" });
    return cheapest ? [{ cabin, price: cheapest.price.perPassenger }] : [];
  }));
  return found.flat();
}

const unfiltered = (q: SearchParams): SearchParams => ({
  ...q,
  maxStops: 1,
  departAfter: undefined,
  departBefore: undefined,
  maxPrice: undefined,
});

const filtered = (q: SearchParams) =>
  q.maxStops === 0 || !!q.departAfter || !!q.departBefore || q.maxPrice !== undefined;

// An explanation is kept briefly: a search that keeps coming back empty (a sold-out day
// under load) then costs one store read, not the queries and pricing behind the reason.
const EXPLANATION_MS = 30_000;

/**
 * Why the one-way search `q` found nothing, with what there is instead; a past date is told
 * before anything is read. Cached for half a minute per search and schedule version.
 */
export async function explainEmptySearch(deps: SearchDeps, q: SearchParams): Promise<EmptySearch> {
  const now = deps.clock.now();
  const airports = await airportDirectory({ sql: deps.db.sql, store: deps.store });
  const origin = airports.byCode.get(q.from);
  const today = toLocal(now, origin?.tz ?? "UTC").slice(0, 10);
  const told = (reason: EmptySearchReason) => ({
    ...reason,
    message: describeEmptySearch(reason, { ...q, currency: "USD" }),
  });
  if (isPastDate(q.date, today)) return told({ kind: "past_date", today });
  const key = `empty:v${await currentScheduleVersion(deps.store)}:${
    [q.from, q.to, q.date, q.cabin, q.passengers, q.maxStops, q.departAfter, q.departBefore]
      .join(":")
  }:${q.maxPrice ?? ""}`;
  const cached = await deps.store.get<EmptySearch>(key);
  if (cached) return cached;
  const found = await explain(deps, q, { now, today, airports });
  await deps.store.set(key, found, EXPLANATION_MS);
  return found;
}

async function explain(
  deps: SearchDeps,
  q: SearchParams,
  { now, today, airports }: {
    now: Date;
    today: string;
    airports: AirportDirectory;
  },
): Promise<EmptySearch> {
  const origin = airports.byCode.get(q.from);
  const destination = airports.byCode.get(q.to);
  const [schedule, journeys] = await Promise.all([
    routeSchedule(deps.db.sql, { ...q, now }),
    dayCandidates(deps, { ...q, maxStops: 1 }),
  ]);
  const flights = new Map(
    (await cachedFlightSummaries(deps.db.sql, [...new Set(journeys.flat())])).map((f) => [f.id, f]),
  );
  // A cabin a journey has is one every flight of it has.
  const cabinsOf = (ids: string[]) =>
    CABIN_CODES.filter((c) => ids.every((id) => flights.get(id)?.baseFares[c] !== undefined));
  const offered = new Set(journeys.flatMap(cabinsOf));
  const cabinOffered = offered.has(q.cabin);
  const withoutFilters = journeys.length && cabinOffered && filtered(q)
    ? (await searchItineraries(deps, unfiltered(q))).length
    : 0;
  const kind = emptySearchKind({
    date: q.date,
    today,
    openUntil: schedule.openUntil,
    routeServed: schedule.served,
    journeys: journeys.length,
    cabinOffered,
    unfiltered: withoutFilters,
  });
  const reason = await detail(kind);
  const currency = flights.values().next().value?.currency ?? "USD";
  return { ...reason, message: describeEmptySearch(reason, { ...q, currency }) };

  async function detail(k: EmptySearchReason["kind"]): Promise<EmptySearchReason> {
    switch (k) {
      case "past_date":
        return { kind: k, today };
      case "beyond_schedule":
        return { kind: k, openUntil: schedule.openUntil ?? today };
      case "route_not_served":
        return {
          kind: k,
          nearbyFrom: origin ? nearestServed(origin, airports.byCode.values()) : [],
          nearbyTo: destination ? nearestServed(destination, airports.byCode.values()) : [],
          nextConnection: await nextConnectionDate(deps.db.sql, { ...q, now }),
        };
      case "no_flights_on_date":
      case "sold_out":
        return { kind: k, nextDates: await nextDates(deps, q, schedule.openUntil!) };
      case "cabin_not_offered":
        return { kind: k, offered: await otherCabins(deps, q, offered) };
      case "filtered":
        return { kind: k, total: withoutFilters };
    }
  }
}
