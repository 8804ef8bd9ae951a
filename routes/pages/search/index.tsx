import { type ResultsData, ResultsPage } from "../../../components/search/ResultsPage.tsx";
import { addDays } from "../../../domain/time.ts";
import type { SearchValues } from "../../../domain/views/search.ts";
import {
  nearbyFares,
  rememberSearch,
  searchItineraries,
} from "../../../services/search/flight_search.ts";
import { roundTripChoice } from "../../../services/search/round_trip.ts";
import { explainEmptySearch } from "../../../services/search/empty_search.ts";
import type { AppDeps } from "../../context.ts";
import { ANYONE, definePage } from "../../define_page.ts";
import { renderPage, renderPublicPage } from "../../render.tsx";
import { monthHref, parseSearchPage, searchHref } from "../_search_query.ts";
import { ids, lister, PAGE_SIZE, placeNames, type Query } from "./_results.ts";

type Found = Pick<
  ResultsData,
  | "values"
  | "list"
  | "currency"
  | "places"
  | "chosen"
  | "outGone"
  | "nearby"
  | "empty"
  | "inboundEmpty"
>;

/** A one-way search: direct flights go to their seat map, connections to the journey form. */
async function oneWay(deps: AppDeps, q: Query, values: SearchValues, today: string) {
  const list = lister(q, values);
  const search = { ...q, maxPrice: q.maxPrice && q.maxPrice * 100 };
  const [ranked, nearby] = await Promise.all([
    searchItineraries(deps, search),
    nearbyFares(deps, q),
  ]);
  return {
    empty: ranked.length ? undefined : await explainEmptySearch(deps, search),
    values,
    list: list.page(ranked, "one_way", (r) => ({
      result: r,
      price: "one_way",
      action: r.stops === 0
        ? { kind: "seats", href: `/flights/${r.legs[0].id}?${list.flightQuery}` }
        : list.book(r.legs),
    })),
    currency: ranked[0]?.price.currency ?? "USD",
    places: await placeNames(deps, ranked[0], q),
    nearby: nearby.map((d) => ({
      ...d,
      href: d.date >= addDays(today, -1)
        ? searchHref(values, { date: d.date, page: "" })
        : undefined,
    })),
  } satisfies Found;
}

/** A round trip: the ways out to select, then with one chosen (`out`) the ways back to book. */
async function roundTrip(deps: AppDeps, q: Query & { returnDate: string }, values: SearchValues) {
  const search = { ...q, maxPrice: q.maxPrice && q.maxPrice * 100 };
  const trip = await roundTripChoice(deps, search);
  const { chosen } = trip;
  // A way out that is not on offer is forgotten: the links and forms go back to step 1.
  const shown = chosen ? values : { ...values, out: undefined };
  const list = lister(q, shown);
  return {
    values: shown,
    list: chosen
      ? list.page(trip.inbound, "return", (r) => ({
        result: r,
        price: { roundTrip: r.roundTripTotal, from: false },
        action: list.book([...chosen.legs, ...r.legs]),
      }))
      : list.page(trip.outbound, "outbound", (o) => ({
        result: o,
        price: { roundTrip: o.roundTripTotal, from: true },
        action: {
          kind: "select",
          href: searchHref(shown, { out: ids(o.legs).join(","), page: "" }),
        },
      })),
    chosen: chosen && {
      item: { result: chosen, price: "none" },
      changeHref: searchHref(shown, { out: "", page: "" }),
    },
    outGone: q.out !== undefined && !chosen,
    empty: trip.outbound.length || trip.inboundEmpty
      ? undefined
      : await explainEmptySearch(deps, search),
    inboundEmpty: trip.inboundEmpty,
    currency: (chosen ?? trip.outbound[0])?.price.currency ?? "USD",
    places: await placeNames(deps, chosen ?? trip.outbound[0], q),
    nearby: [],
  } satisfies Found;
}

/**
 * `GET /search`: the API's search and calendar logic rendered as a page; bad input inline.
 * With a return date, a round trip in two steps: choose a way out (`out`), then a way back.
 */
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
        passengers: 1,
        flightQuery: "",
        nearby: [],
        currency: "USD",
        places: {},
        pageSize: PAGE_SIZE,
      };
      if (!parsed.ok) return renderPage(c, <ResultsPage data={data} />, 400);
      const q = parsed.query;
      rememberSearch(deps.db.sql, c.get("log"), { userId: c.get("principal").userId, ...q });
      const values = { ...parsed.values, from: q.from, to: q.to };
      const found: Found = q.returnDate
        ? await roundTrip(deps, { ...q, returnDate: q.returnDate }, values)
        : await oneWay(deps, q, values, today);
      const { flightQuery } = lister(q, values);
      const page = {
        ...data,
        ...found,
        passengers: q.passengers,
        flightQuery,
        href: (change: SearchValues) => searchHref(found.values, change),
        monthHref: monthHref(q, q.date.slice(0, 7)),
        returnMonthHref: q.returnDate &&
          monthHref({ ...q, from: q.to, to: q.from }, q.returnDate.slice(0, 7)),
      };
      // A date already past at the origin is refused, as any other bad input is.
      if (found.empty?.kind === "past_date") {
        const errors = { date: found.empty.message };
        return renderPage(c, <ResultsPage data={{ ...data, errors }} />, 400);
      }
      if (found.inboundEmpty?.kind === "past_date") {
        const errors = { returnDate: found.inboundEmpty.message };
        return renderPage(c, <ResultsPage data={{ ...data, errors }} />, 400);
      }
      return renderPublicPage(c, <ResultsPage data={page} />);
    },
  }),
});
