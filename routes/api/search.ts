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
  description: "An empty answer says why in `empty` (for a round trip: why there is no way " +
    "out); a date already past at the origin airport is refused (422 `date_in_past`).",
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

/** Why `q` found nothing; a past date is refused rather than explained. */
async function whyEmpty(deps: AppDeps, q: Parameters<typeof explainEmptySearch>[1]) {
  const empty = await explainEmptySearch(deps, q);
  if (empty.kind === "past_date") {
    throw new AppError(422, "date_in_past", {
      detail: empty.message,
      errors: [{ path: "date", message: empty.message }],
    });
  }
  return empty;
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
          empty: trip.outbound.length ? undefined : await whyEmpty(deps, q),
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
