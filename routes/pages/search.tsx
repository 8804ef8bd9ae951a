import { Layout } from "../../components/Layout.tsx";
import { SearchForm } from "../../components/search/SearchForm.tsx";
import { FilterForm } from "../../components/search/FilterForm.tsx";
import { FareStrip } from "../../components/search/FareStrip.tsx";
import { ItineraryList } from "../../components/search/ItineraryList.tsx";
import { formatLongDay } from "../../components/search/format.ts";
import { ErrorSummary, Pager } from "../../components/search/ResultParts.tsx";
import { addDays } from "../../domain/time.ts";
import {
  nearbyFares,
  rememberSearch,
  searchItineraries,
  type SearchResult,
} from "../../services/search/flight_search.ts";
import { ANYONE, definePage } from "../define_page.ts";
import { renderPage } from "../render.tsx";
import type { SearchValues } from "../../domain/views/search.ts";
import { parseSearchPage, searchHref } from "./_search_query.ts";

const PAGE_SIZE = 20;

interface ResultsData {
  values: SearchValues;
  errors: Record<string, string>;
  today: string;
  results?: SearchResult[];
  total: number;
  page: number;
  passengers: number;
  nearby: { date: string; price?: number; href?: string }[];
  currency: string;
  /** How the airports are named in the heading: "London (LHR)" when known. */
  places: { from?: string; to?: string };
}

function ResultsPage({ data }: { data: ResultsData }) {
  const { values, errors, results } = data;
  const route = `${data.places.from} to ${data.places.to}`;
  const searchErrors = ["from", "to", "date", "cabin", "passengers"].some((f) => errors[f]);
  const flightQuery = new URLSearchParams({
    cabin: values.cabin ?? "Y",
    passengers: String(data.passengers),
  }).toString();
  return (
    <Layout title={results ? `Flights ${route}` : "Check your search"} styles={["passenger.css"]}>
      <h1>{results ? `Flights from ${route}` : "Search flights"}</h1>
      {Object.keys(errors).length > 0 && <ErrorSummary errors={errors} />}
      <SearchForm values={values} errors={errors} minDate={addDays(data.today, -1)} compact />
      {!searchErrors && data.nearby.length > 0 && (
        <FareStrip days={data.nearby} selected={values.date!} currency={data.currency} />
      )}
      {!searchErrors && <FilterForm values={values} errors={errors} currency={data.currency} />}
      {results && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">
            {data.total === 0
              ? `No flights on ${formatLongDay(values.date!)}`
              : `${data.total} ${data.total === 1 ? "flight" : "flights"} on ${
                formatLongDay(values.date!)
              }`}
          </h2>
          {data.total === 0
            ? (
              <p class="empty">
                Nothing matches this search. Try another date above, allow a stop, or widen the
                filters.
              </p>
            )
            : results.length === 0
            ? (
              <p class="empty">
                There are fewer results than that.{" "}
                <a href={searchHref(values, { page: "" })}>Back to the first page</a>
              </p>
            )
            : (
              <ItineraryList
                results={results}
                flightQuery={flightQuery}
                passengers={data.passengers}
                start={(data.page - 1) * PAGE_SIZE}
              />
            )}
          <Pager
            page={data.page}
            pages={Math.ceil(data.total / PAGE_SIZE)}
            href={(n) => searchHref(values, { page: n > 1 ? String(n) : "" })}
          />
        </section>
      )}
    </Layout>
  );
}

function placeNames(r: SearchResult | undefined, q: { from: string; to: string }) {
  const first = r?.legs[0].origin;
  const last = r?.legs[r.legs.length - 1].destination;
  return {
    from: first ? `${first.city} (${q.from})` : q.from,
    to: last ? `${last.city} (${q.to})` : q.to,
  };
}

/** `GET /search`: the API's search and calendar logic rendered as a page; bad input inline. */
export const page = definePage({
  path: "/search",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: async (c) => {
      const raw = c.req.query();
      if (!Object.values(raw).some((v) => v.trim())) return c.redirect("/", 302);
      const today = deps.clock.now().toISOString().slice(0, 10);
      const parsed = parseSearchPage(raw);
      const data: ResultsData = {
        values: parsed.values,
        errors: parsed.ok ? {} : parsed.errors,
        today,
        total: 0,
        page: 1,
        passengers: 1,
        nearby: [],
        currency: "USD",
        places: {},
      };
      if (!parsed.ok) return renderPage(c, <ResultsPage data={data} />, 400);
      const q = parsed.query;
      rememberSearch(deps.db.sql, c.get("log"), { userId: c.get("principal").userId, ...q });
      const [ranked, nearby] = await Promise.all([
        searchItineraries(deps, { ...q, maxPrice: q.maxPrice && q.maxPrice * 100 }),
        nearbyFares(deps, q),
      ]);
      const values = { ...parsed.values, from: q.from, to: q.to };
      const start = (q.page - 1) * PAGE_SIZE;
      Object.assign(data, {
        values,
        results: ranked.slice(start, start + PAGE_SIZE),
        total: ranked.length,
        page: q.page,
        passengers: q.passengers,
        currency: ranked[0]?.price.currency ?? "USD",
        places: placeNames(ranked[0], q),
        nearby: nearby.map((d) => ({
          ...d,
          href: d.date >= addDays(today, -1)
            ? searchHref(values, { date: d.date, page: "" })
            : undefined,
        })),
      });
      return renderPage(c, <ResultsPage data={data} />);
    },
  }),
});
