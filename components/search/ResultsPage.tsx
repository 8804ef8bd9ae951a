import { Layout } from "../Layout.tsx";
import { SearchForm } from "./SearchForm.tsx";
import { FilterForm } from "./FilterForm.tsx";
import { FareStrip } from "./FareStrip.tsx";
import { ItineraryList, type ListedItinerary } from "./ItineraryList.tsx";
import { type ResultList, ResultsSection } from "./ResultsSection.tsx";
import { ErrorSummary } from "./ResultParts.tsx";
import { addDays } from "../../domain/time.ts";
import type { SearchValues } from "../../domain/views/search.ts";
import type { EmptySearch } from "../../services/search/empty_search.ts";
import type { EmptyReturn } from "../../services/search/empty_return.ts";

/** What the search results page shows. */
export interface ResultsData {
  values: SearchValues;
  errors: Record<string, string>;
  today: string;
  passengers: number;
  /** Query string that a flight page link carries (cabin and passengers). */
  flightQuery: string;
  nearby: { date: string; price?: number; href?: string }[];
  currency: string;
  /** How the airports are named in the heading: "London (LHR)" when known. */
  places: { from?: string; to?: string };
  /** The results shown, once the search ran: a one-way list, or a round trip's step. */
  list?: ResultList;
  /** A round trip's chosen way out, and the link that chooses another. */
  chosen?: { item: ListedItinerary; changeHref: string };
  /** The way out named in the link is not on offer (any more) for this search. */
  outGone?: boolean;
  /** Results per page. */
  pageSize: number;
  /** Why nothing was found (a one-way search, or a round trip's ways out). */
  empty?: EmptySearch;
  /** A round trip's ways out without a way back (the one chosen, or all): why. */
  inboundEmpty?: EmptyReturn;
  /** This search's URL changed by `change`, for the explanation's links. */
  href?: (change: SearchValues) => string;
  /** The month view of this route, cabin and party. */
  monthHref?: string;
  /** A round trip: the month view of the way back, from its return date. */
  returnMonthHref?: string;
}

/**
 * The search page with results: the search and filters as given (each problem shown), nearby
 * dates, then the results (one way, or a round trip's step with the chosen way out).
 */
export function ResultsPage({ data }: { data: ResultsData }) {
  const { values, errors, list } = data;
  const kind = values.returnDate ? "Round trip" : "Flights";
  const route = `${data.places.from} to ${data.places.to}`;
  const searchErrors = ["from", "to", "date", "returnDate", "cabin", "passengers"]
    .some((f) => errors[f]);
  return (
    <Layout title={list ? `${kind} ${route}` : "Check your search"} styles={["passenger.css"]}>
      <h1>{list ? `${kind} from ${route}` : "Search flights"}</h1>
      {Object.keys(errors).length > 0 && <ErrorSummary errors={errors} />}
      <SearchForm values={values} errors={errors} minDate={addDays(data.today, -1)} compact />
      {!searchErrors && data.nearby.length > 0 && (
        <FareStrip
          days={data.nearby}
          selected={values.date!}
          currency={data.currency}
          monthHref={data.monthHref}
        />
      )}
      {!searchErrors && <FilterForm values={values} errors={errors} currency={data.currency} />}
      {data.outGone && (
        <p class="notice" role="status">
          The outbound flight you chose is not on offer for this search any more: choose another.
        </p>
      )}
      {data.chosen && (
        <section aria-labelledby="chosen-title">
          <h2 id="chosen-title">Your outbound flight</h2>
          <ItineraryList
            items={[data.chosen.item]}
            flightQuery={data.flightQuery}
            passengers={data.passengers}
            start={0}
            idPrefix="chosen"
          />
          <p>
            <a href={data.chosen.changeHref}>Choose another outbound flight</a>
          </p>
        </section>
      )}
      {list && (
        <ResultsSection
          list={list}
          flightQuery={data.flightQuery}
          passengers={data.passengers}
          pageSize={data.pageSize}
          returnDate={values.returnDate}
          empty={data.empty && data.href && data.monthHref
            ? {
              empty: data.empty,
              currency: data.currency,
              href: data.href,
              monthHref: data.monthHref,
            }
            : data.inboundEmpty && data.href && data.returnMonthHref
            ? {
              empty: data.inboundEmpty,
              back: true,
              currency: data.currency,
              href: data.href,
              monthHref: data.returnMonthHref,
            }
            : undefined}
        />
      )}
    </Layout>
  );
}
