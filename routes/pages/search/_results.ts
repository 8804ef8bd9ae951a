/** How the search page lists results: pages of a step, the links to go on, the airports named. */
import type { ListedItinerary } from "../../../components/search/ItineraryList.tsx";
import type { ResultList } from "../../../components/search/ResultsSection.tsx";
import type { FlightSummary } from "../../../domain/views/flight.ts";
import type { SearchValues } from "../../../domain/views/search.ts";
import type { SearchResult } from "../../../services/search/flight_search.ts";
import { airportPlaces } from "../../../services/search/airport_suggest.ts";
import type { AppDeps } from "../../context.ts";
import { journeyHref, type ParsedSearch, searchHref } from "../_search_query.ts";

/** Results per page. */
export const PAGE_SIZE = 20;

/** A valid search page query. */
export type Query = Extract<ParsedSearch, { ok: true }>["query"];

/** The airports named by the first result, or (nothing found) by the airport directory. */
export function placeNames(
  deps: AppDeps,
  r: SearchResult | undefined,
  q: { from: string; to: string },
) {
  if (!r) return airportPlaces({ sql: deps.db.sql, store: deps.store }, q);
  const last = r.legs[r.legs.length - 1].destination;
  return { from: `${r.legs[0].origin.city} (${q.from})`, to: `${last.city} (${q.to})` };
}

/** The flights' ids, in travel order. */
export const ids = (legs: FlightSummary[]) => legs.map((l) => l.id);

/** How results are listed for one search: pages of a step, and the links to go on. */
export function lister(q: Query, values: SearchValues) {
  const flightQuery = new URLSearchParams({ cabin: q.cabin, passengers: String(q.passengers) });
  return {
    flightQuery: flightQuery.toString(),
    /** One page of `all` as `step` of the results, each result listed by `item`. */
    page<T>(
      all: T[],
      step: ResultList["step"],
      item: (r: T) => ListedItinerary,
    ): ResultList {
      const start = (q.page - 1) * PAGE_SIZE;
      return {
        step,
        date: step === "return" ? q.returnDate! : q.date,
        items: all.slice(start, start + PAGE_SIZE).map(item),
        total: all.length,
        page: q.page,
        pages: Math.ceil(all.length / PAGE_SIZE),
        pageHref: (n) => searchHref(values, { page: n > 1 ? String(n) : "" }),
      };
    },
    book: (legs: FlightSummary[]) => ({
      kind: "book" as const,
      href: journeyHref(ids(legs), q.cabin, q.passengers),
    }),
  };
}
