import { z } from "zod";
import { Layout } from "../../components/Layout.tsx";
import DepartureBoard from "../../islands/DepartureBoard.tsx";
import { SearchForm } from "../../components/search/SearchForm.tsx";
import { addDays } from "../../domain/time.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { upcomingDepartures } from "../../services/flights/flight_lists.ts";
import { ANYONE, definePage } from "../define_page.ts";
import { renderPublicPage } from "../render.tsx";
import { iataCode } from "../schemas.ts";

// A page answers a bad filter by ignoring it, not with an error page.
const iata = iataCode.optional().catch(undefined);
const HomeQuery = z.object({ from: iata, to: iata });

interface HomeData {
  flights: FlightSummary[];
  from?: string;
  to?: string;
  /** Today at the server ("YYYY-MM-DD", UTC). */
  today: string;
}

function HomePage({ data }: { data: HomeData }) {
  return (
    <Layout title="Search flights" styles={["passenger.css"]}>
      <h1>Find a flight</h1>
      <SearchForm values={{ date: data.today }} minDate={addDays(data.today, -1)} />
      <h2>Upcoming departures</h2>
      <form class="filter" method="get" action="/" aria-label="Filter departures">
        <label>
          From <input name="from" value={data.from ?? ""} maxLength={3} placeholder="LHR" />
        </label>
        <label>
          To <input name="to" value={data.to ?? ""} maxLength={3} placeholder="JFK" />
        </label>
        <button type="submit">Show flights</button>
      </form>
      <DepartureBoard flights={data.flights} />
    </Layout>
  );
}

/** `GET /`: the flight search, and the next departures filterable by airport codes. */
export const page = definePage({
  path: "/",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: async (c) => {
      const q = HomeQuery.parse(c.req.query());
      const flights = await upcomingDepartures(deps.db.sql, {
        now: deps.clock.now(),
        from: q.from,
        to: q.to,
        limit: 50,
      });
      const today = deps.clock.now().toISOString().slice(0, 10);
      return renderPublicPage(c, <HomePage data={{ flights, from: q.from, to: q.to, today }} />);
    },
  }),
});
