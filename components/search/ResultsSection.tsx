import { ItineraryList, type ListedItinerary } from "./ItineraryList.tsx";
import { Pager } from "./ResultParts.tsx";
import { formatLongDay } from "./format.ts";
import { EmptyExplanation, type EmptyExplanationProps } from "./EmptyExplanation.tsx";

/** One page of a list of results: a one-way search's, or one step of a round trip's. */
export interface ResultList {
  /** one_way; a round trip's ways out (step 1), or the ways back with the chosen way out. */
  step: "one_way" | "outbound" | "return";
  /** The day the list's flights leave ("YYYY-MM-DD"). */
  date: string;
  items: ListedItinerary[];
  /** How many results in all pages. */
  total: number;
  page: number;
  pages: number;
  /** The URL of page `n` of this list. */
  pageHref: (n: number) => string;
}

/** Props of ResultsSection. */
export interface ResultsSectionProps {
  list: ResultList;
  /** Query string that a flight page link carries (cabin and passengers). */
  flightQuery: string;
  passengers: number;
  pageSize: number;
  /** The return date of a round trip, for its explanation. */
  returnDate?: string;
  /** Why nothing was found, and the links to try instead (a one-way, ways out or back). */
  empty?: EmptyExplanationProps;
}

const STEP_TITLES = {
  one_way: "",
  outbound: "1. Choose your outbound flight",
  return: "2. Choose your return flight",
};

function countOn(total: number, date: string): string {
  const count = total === 0 ? "No flights" : `${total} ${total === 1 ? "flight" : "flights"}`;
  return `${count} on ${formatLongDay(date)}`;
}

function explanation(step: ResultList["step"], returnDate?: string): string {
  if (step === "outbound") {
    return `Prices are the round trip's total with the cheapest return on ${
      formatLongDay(returnDate!)
    } that connects; choose the return next.`;
  }
  return "Prices are the round trip's total with your outbound flight.";
}

// A round trip's step with nothing because no way back connects: the ways out exist.
function noneBack(step: ResultList["step"], date: string): string {
  return step === "outbound"
    ? `No outbound flight on ${formatLongDay(date)} has a return that connects.`
    : `No return flight on ${formatLongDay(date)} connects with your outbound flight.`;
}

/**
 * A list of results under its heading: the count and day (for a round trip, the step and an
 * explanation of its prices), the results or what to do when there are none, and the pages.
 */
export function ResultsSection(p: ResultsSectionProps) {
  const { list } = p;
  const start = (list.page - 1) * p.pageSize;
  const id = list.step === "one_way" ? "results-title" : `${list.step}-title`;
  return (
    <section aria-labelledby={id}>
      {list.step === "one_way" ? <h2 id={id}>{countOn(list.total, list.date)}</h2> : (
        <>
          <h2 id={id}>{STEP_TITLES[list.step]}</h2>
          <p class="lead">
            {list.total === 0 && p.empty?.back
              ? noneBack(list.step, list.date)
              : `${countOn(list.total, list.date)}. ${explanation(list.step, p.returnDate)}`}
          </p>
        </>
      )}
      {list.total === 0 && p.empty && (list.step !== "return" || p.empty.back)
        ? <EmptyExplanation {...p.empty} />
        : list.total === 0
        ? (
          <p class="empty">
            {list.step === "return"
              ? "No return flight connects with this outbound flight. Choose another one."
              : "Nothing matches this search. Try another date above, allow a stop, or widen the filters."}
          </p>
        )
        : list.items.length === 0
        ? (
          <p class="empty">
            There are fewer results than that. <a href={list.pageHref(1)}>Back to the first page</a>
          </p>
        )
        : (
          <ItineraryList
            items={list.items}
            flightQuery={p.flightQuery}
            passengers={p.passengers}
            start={start}
            idPrefix={list.step === "one_way" ? undefined : list.step}
          />
        )}
      <Pager page={list.page} pages={list.pages} href={list.pageHref} />
    </section>
  );
}
