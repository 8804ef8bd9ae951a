import { countRequest } from "../middleware/limits.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, jsonResponse, router } from "../declare.ts";
import {
  fareCalendar,
  rememberSearch,
  searchItineraries,
} from "../../services/search/flight_search.ts";
import { searchRoundTrip } from "../../services/search/round_trip.ts";
import { explainEmptySearch } from "../../services/search/empty_search.ts";
import { AppError } from "../../domain/app_error.ts";
import { CalendarQuery, SearchQuery } from "../../services/search/search_input.ts";
import { FareCalendar, ItineraryPage } from "../responses.ts";

const search = declare({
  method: "get",
  path: "/api/flights/search",
  tags: ["Search"],
  summary: "Direct and 1-stop itineraries with live prices, one way or round trip",
  description: "An empty answer says why in `empty`; for a round trip, `empty` says why " +
    "there is no way out at all and `inboundEmpty` why no way back connects with a way out " +
    "(`no_return_after_outbound`: they all leave before it lands). A date already past at " +
    "the origin airport is refused (422 `date_in_past`).",
  roles: ANYONE,
  request: { query: SearchQuery },
  responses: { 200: jsonResponse("A page of itineraries, ranked by `sort`", ItineraryPage) },
});

const calendar = declare({
  method: "get",
  path: "/api/flights/calendar",
  tags: ["Search"],
  summary: "Cheapest journey (direct or one stop) per day of a month, for a cabin and party",
  roles: ANYONE,
  request: { query: CalendarQuery },
  responses: { 200: jsonResponse("The cheapest journey of each day", FareCalendar) },
});

/** A past date is refused rather than explained. */
function refusePast<T extends { kind: string; message: string }>(empty: T, path: string) {
  if (empty.kind === "past_date") {
    throw new AppError(422, "date_in_past", {
      detail: empty.message,
      errors: [{ path, message: empty.message }],
    });
  }
  return empty as Exclude<T, { kind: "past_date" }>;
}

/** Why `q` found nothing. */
async function whyEmpty(deps: AppDeps, q: Parameters<typeof explainEmptySearch>[1]) {
  return refusePast(await explainEmptySearch(deps, q), "date");
}

/** `/api/flights/search` and `/api/flights/calendar` (logic in services/search/flight_search.ts). */
export function searchRoutes(deps: AppDeps) {
  return router()
    .openapi(search, async (c) => {
      await countRequest(c, deps, "search");
      const q = c.req.valid("query");
      rememberSearch(deps.db.sql, c.get("log"), { userId: c.get("principal").userId, ...q });
      const start = (q.page - 1) * q.limit;
      if (q.returnDate) {
        const trip = await searchRoundTrip(deps, { ...q, returnDate: q.returnDate });
        return c.json({
          data: trip.outbound.slice(start, start + q.limit),
          total: trip.outbound.length,
          page: q.page,
          limit: q.limit,
          inbound: trip.inbound,
          cheapestTotal: trip.cheapestTotal,
          empty: trip.outbound.length || trip.inboundEmpty ? undefined : await whyEmpty(deps, q),
          inboundEmpty: trip.inboundEmpty && refusePast(trip.inboundEmpty, "returnDate"),
        });
      }
      const ranked = await searchItineraries(deps, q);
      return c.json({
        data: ranked.slice(start, start + q.limit),
        total: ranked.length,
        page: q.page,
        limit: q.limit,
        empty: ranked.length ? undefined : await whyEmpty(deps, q),
      });
    })
    .openapi(calendar, async (c) => {
      await countRequest(c, deps, "calendar");
      return c.json(await fareCalendar(deps, c.req.valid("query")));
    });
}
