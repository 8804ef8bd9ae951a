import { Layout } from "../../../components/Layout.tsx";
import { formatLocal } from "../../../islands/parts/FlightTable.tsx";
import { dayShift, formatDuration } from "../../../components/search/format.ts";
import SeatMap from "../../../islands/SeatMap.tsx";
import { compactSeatMap } from "../../../islands/seat_map/compact.ts";
import type { FlightSummary } from "../../../domain/views/flight.ts";
import { type FlightOffer, flightOffer } from "../../../services/search/flight_offer.ts";
import { ANYONE, definePage } from "../../define_page.ts";
import { renderPublicPage } from "../../render.tsx";
import { searchHref } from "../_search_query.ts";
import { statusText } from "../../../domain/flight_status.ts";

function Place({ at, local, time }: { at: FlightSummary["origin"]; local: string; time: string }) {
  return (
    <>
      <time dateTime={time}>{formatLocal(local)}</time> local time, {at.city}{" "}
      <abbr title={at.city}>{at.iata}</abbr>
    </>
  );
}

function FlightPage({ data }: { data: FlightOffer }) {
  const f = data.flight;
  const shift = dayShift(f.departureLocal, f.arrivalLocal);
  const title = `${f.carrier} ${f.flightNumber} ${f.origin.city} to ${f.destination.city}`;
  const back = searchHref({
    from: f.origin.iata,
    to: f.destination.iata,
    date: f.departureLocal.slice(0, 10),
  });
  return (
    <Layout title={title} styles={["passenger.css"]}>
      <p class="breadcrumb">
        <a href={back}>{`All flights ${f.origin.iata} to ${f.destination.iata} that day`}</a>
      </p>
      <h1>{title}</h1>
      <dl class="flight-facts">
        <dt>Departs</dt>
        <dd>
          <Place at={f.origin} local={f.departureLocal} time={f.departureAt} />
        </dd>
        <dt>Arrives</dt>
        <dd>
          <Place at={f.destination} local={f.arrivalLocal} time={f.arrivalAt} />
          {shift > 0 && ` (${shift === 1 ? "next day" : `${shift} days later`})`}
        </dd>
        <dt>Duration</dt>
        <dd>{formatDuration(f.durationMinutes)}</dd>
        <dt>Aircraft</dt>
        <dd>{f.aircraftName}</dd>
        <dt>Status</dt>
        <dd>
          <span class={`status status-${f.status}`}>
            {statusText(f, f.origin.tz)}
          </span>
        </dd>
      </dl>
      {data.closed && <p class="notice closed">{data.closed}</p>}
      <h2>Seats and fares</h2>
      <SeatMap
        flightId={f.id}
        seats={compactSeatMap(data.snapshot, data.fees)}
        currency={f.currency}
      />
    </Layout>
  );
}

/** `GET /flights/:id`: the flight, its live fares and its live seat map (404 page if none). */
export const page = definePage({
  path: "/flights/:id",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: async (c) => {
      const data = await flightOffer({ ...deps, sql: deps.db.sql }, c.req.param("id"));
      return renderPublicPage(c, <FlightPage data={data} />);
    },
  }),
});
