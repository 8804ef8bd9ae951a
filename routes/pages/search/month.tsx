import { MonthPage } from "../../../components/search/MonthPage.tsx";
import { addMonths } from "../../../domain/calendar_month.ts";
import { addDays } from "../../../domain/time.ts";
import { airportPlaces } from "../../../services/search/airport_suggest.ts";
import { fareCalendar } from "../../../services/search/flight_search.ts";
import { CalendarQuery } from "../../../services/search/search_input.ts";
import { ANYONE, definePage } from "../../define_page.ts";
import { limitOf } from "../../middleware/limits.ts";
import { renderPage } from "../../render.tsx";
import { airportCode, monthHref, searchHref } from "../_search_query.ts";

// How far ahead the month view goes: a year of months from this one.
const MONTHS_AHEAD = 12;

const MESSAGES: Record<string, string> = {
  from: "Choose the airport you fly from: a code like LHR.",
  to: "Choose the airport you fly to, other than the one you fly from: a code like JFK.",
  month: "Choose a month like 2030-03.",
  cabin: "Choose a cabin.",
  passengers: "Choose from 1 to 9 passengers.",
};

/**
 * `GET /search/month?from&to&month&cabin&passengers`: the calendar API's cheapest journey of
 * each day of a month, each day linked to its search, with the months before and after.
 */
export const page = definePage({
  path: "/search/month",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: [limitOf(deps, "calendar"), async (c) => {
      const raw = c.req.query();
      const today = deps.clock.now().toISOString().slice(0, 10);
      const thisMonth = today.slice(0, 7);
      const parsed = CalendarQuery.safeParse({
        ...raw,
        from: airportCode(raw.from ?? ""),
        to: airportCode(raw.to ?? ""),
        month: raw.month || thisMonth,
        cabin: raw.cabin || undefined,
        passengers: raw.passengers || undefined,
      });
      const base = {
        places: { from: raw.from ?? "", to: raw.to ?? "" },
        cabin: "Y",
        passengers: 1,
        currency: "USD",
        days: [],
        minDate: addDays(today, -1),
        dayHref: () => "",
        errors: {} as Record<string, string>,
      };
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "from");
          base.errors[field] ??= MESSAGES[field] ?? issue.message;
        }
        return renderPage(c, <MonthPage data={base} />, 400);
      }
      const q = parsed.data;
      const [calendar, places] = await Promise.all([
        fareCalendar(deps, q),
        airportPlaces({ sql: deps.db.sql, store: deps.store }, q),
      ]);
      const values = { from: q.from, to: q.to, cabin: q.cabin, passengers: `${q.passengers}` };
      const [prev, next] = [addMonths(q.month, -1), addMonths(q.month, 1)];
      return renderPage(
        c,
        <MonthPage
          data={{
            ...base,
            ...calendar,
            places,
            cabin: q.cabin,
            passengers: q.passengers,
            dayHref: (date) => searchHref(values, { date }),
            prevHref: prev >= thisMonth ? monthHref(q, prev) : undefined,
            nextHref: next <= addMonths(thisMonth, MONTHS_AHEAD) ? monthHref(q, next) : undefined,
          }}
        />,
      );
    }],
  }),
});
