/**
 * Why a flight search found nothing, decided from facts the search service gathers only when
 * the answer is empty: a past date, a date beyond the schedule, a route not flown, no flight
 * that day, a cabin the route does not have, filters that hide what there is, or no seats.
 */
import type { CabinCode } from "./seat_layout.ts";
import { greatCircleKm, type LatLon } from "./geo.ts";
import { formatDay, formatPrice } from "./text_format.ts";

/** A served airport near one of the search's airports. */
export interface NearbyAirport {
  iata: string;
  city: string;
  name: string;
  /** Great-circle distance from the searched airport, whole kilometres. */
  km: number;
}

/** The cheapest journey of a date, per passenger in minor units. */
export interface DatedFare {
  date: string;
  price: number;
}

/** A cabin the day's journeys do have, with its cheapest fare per passenger (minor units). */
export interface CabinFrom {
  cabin: CabinCode;
  price: number;
}

/** The reason an empty search gives, with what the passenger can do instead. */
export type EmptySearchReason =
  | { kind: "past_date"; today: string }
  | { kind: "beyond_schedule"; openUntil: string }
  | {
    kind: "route_not_served";
    nearbyFrom: NearbyAirport[];
    nearbyTo: NearbyAirport[];
    /** The first date a connection runs, when one does on another date. */
    nextConnection?: string;
  }
  | { kind: "no_flights_on_date"; nextDates: DatedFare[] }
  | { kind: "cabin_not_offered"; offered: CabinFrom[] }
  | { kind: "filtered"; total: number }
  | { kind: "sold_out"; nextDates: DatedFare[] };

/** What decides the reason; all cheap to learn once a search came back empty. */
export interface EmptySearchFacts {
  /** The searched date and today at the origin airport ("YYYY-MM-DD"). */
  date: string;
  today: string;
  /** The last date anything is scheduled; absent when nothing is. */
  openUntil?: string;
  /** A direct flight on the route leaves from now on. */
  routeServed: boolean;
  /** Journeys that day (direct or one stop), whatever the cabin, seats or filters. */
  journeys: number;
  /** Some of those journeys have the cabin on every flight. */
  cabinOffered: boolean;
  /** Journeys with seats in the cabin for the party once the filters are dropped. */
  unfiltered: number;
}

/** A date before today at the origin airport: nothing can leave then any more. */
export function isPastDate(date: string, today: string): boolean {
  return date < today;
}

/** The kind of reason the facts give, most basic first. */
export function emptySearchKind(f: EmptySearchFacts): EmptySearchReason["kind"] {
  if (isPastDate(f.date, f.today)) return "past_date";
  if (!f.openUntil || f.date > f.openUntil) return "beyond_schedule";
  if (f.journeys === 0) return f.routeServed ? "no_flights_on_date" : "route_not_served";
  if (!f.cabinOffered) return "cabin_not_offered";
  return f.unfiltered > 0 ? "filtered" : "sold_out";
}

/** The served airports nearest `here` (itself left out), within `maxKm`, nearest first. */
export function nearestServed(
  here: LatLon & { iata: string },
  airports: Iterable<LatLon & { iata: string; city: string; name: string; served: boolean }>,
  options: { limit?: number; maxKm?: number } = {},
): NearbyAirport[] {
  const { limit = 3, maxKm = 800 } = options;
  const near: NearbyAirport[] = [];
  for (const a of airports) {
    if (!a.served || a.iata === here.iata) continue;
    const km = Math.round(greatCircleKm(here, a));
    if (km <= maxKm) near.push({ iata: a.iata, city: a.city, name: a.name, km });
  }
  return near.sort((a, b) => a.km - b.km || a.iata.localeCompare(b.iata)).slice(0, limit);
}

/** Each cabin's name in the sentences. */
export const CABINS: Record<CabinCode, string> = {
  F: "First",
  J: "Business",
  W: "Premium economy",
  Y: "Economy",
};

/** The search an explanation is about, as its sentence names it. */
export interface ExplainedSearch {
  from: string;
  to: string;
  cabin: CabinCode;
  passengers: number;
  currency: string;
}

const places = (list: NearbyAirport[]) =>
  list.map((a) => `${a.city} (${a.iata}, ${a.km} km)`).join(", ");

const fares = (list: DatedFare[], currency: string) =>
  list.map((d) => `${formatDay(d.date)} from ${formatPrice(d.price, currency)}`).join(", ");

/** The reason in one or two plain sentences, e.g. "No First on this route; Business from $2,492." */
export function describeEmptySearch(r: EmptySearchReason, q: ExplainedSearch): string {
  switch (r.kind) {
    case "past_date":
      return `That date has passed: choose ${formatDay(r.today)} or later.`;
    case "beyond_schedule":
      return `The schedule is open until ${formatDay(r.openUntil)}: choose that date or earlier.`;
    case "route_not_served": {
      const parts = [`Contrail does not fly from ${q.from} to ${q.to}.`];
      if (r.nearbyFrom.length) parts.push(`Airports near ${q.from}: ${places(r.nearbyFrom)}.`);
      if (r.nearbyTo.length) parts.push(`Airports near ${q.to}: ${places(r.nearbyTo)}.`);
      if (r.nextConnection) {
        parts.push(`Connections run on other dates, the first on ${formatDay(r.nextConnection)}.`);
      }
      return parts.join(" ");
    }
    case "no_flights_on_date":
      return `No flights from ${q.from} to ${q.to} that day.` +
        (r.nextDates.length ? ` Next dates: ${fares(r.nextDates, q.currency)}.` : "");
    case "cabin_not_offered":
      return `No ${CABINS[q.cabin]} on this route` +
        (r.offered.length
          ? `; ${
            r.offered.map((c) => `${CABINS[c.cabin]} from ${formatPrice(c.price, q.currency)}`)
              .join(", ")
          }.`
          : ".");
    case "filtered":
      return `${r.total} ${r.total === 1 ? "journey matches" : "journeys match"} ` +
        "without your filters (stops, times or price).";
    case "sold_out": {
      const party = q.passengers === 1 ? "1 passenger" : `${q.passengers} passengers`;
      return `No seats left in ${CABINS[q.cabin]} for ${party} that day.` +
        (r.nextDates.length ? ` Next dates with seats: ${fares(r.nextDates, q.currency)}.` : "");
    }
  }
}
