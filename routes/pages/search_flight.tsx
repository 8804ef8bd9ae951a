import { Hono } from "hono";
import { Layout } from "../../components/Layout.tsx";
import { formatLocal } from "../../islands/parts/FlightTable.tsx";
import { dayShift, formatDuration } from "../../components/search/format.ts";
import SeatMap from "../../islands/SeatMap.tsx";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { getFlight } from "../../db/flights_repo.ts";
import { notFound } from "../../domain/app_error.ts";
import { SALES_CLOSE_BEFORE_DEPARTURE_MS } from "../../domain/inventory/decide.ts";
import { type SeatMapView, seatMapView } from "../../domain/inventory/view.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { renderPage } from "../render.tsx";
import { searchHref } from "./search_query.ts";

interface FlightData {
  flight: FlightSummary;
  snapshot: SeatMapView;
  /** Why this flight cannot be booked now, if it cannot. */
  closed?: string;
}

function Place({ at, local, time }: { at: FlightSummary["origin"]; local: string; time: string }) {
  return (
    <>
      <time dateTime={time}>{formatLocal(local)}</time> local time, {at.city}{" "}
      <abbr title={at.city}>{at.iata}</abbr>
    </>
  );
}

function FlightPage({ data }: { data: FlightData }) {
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
          <span class={`status status-${f.status}`}>{f.status}</span>
        </dd>
      </dl>
      {data.closed && <p class="notice closed">{data.closed}</p>}
      <h2>Seats and fares</h2>
      <SeatMap flightId={f.id} snapshot={data.snapshot} currency={f.currency} />
    </Layout>
  );
}

function closedReason(f: FlightSummary, now: number): string | undefined {
  if (["cancelled", "departed", "arrived"].includes(f.status)) {
    return `This flight is ${f.status}: it can no longer be booked.`;
  }
  if (now >= Date.parse(f.departureAt) - SALES_CLOSE_BEFORE_DEPARTURE_MS) {
    return "Sales for this flight have closed.";
  }
  return undefined;
}

/** `GET /flights/:id`: the flight, its live fares and its live seat map (404 page if none). */
export function flightPage(deps: AppDeps) {
  return new Hono<AppEnv>().get("/flights/:id", async (c) => {
    const flight = await getFlight(deps.db.sql, c.req.param("id"));
    if (!flight) throw notFound("Flight", "There is no such flight. It may have been removed.");
    const now = deps.clock.now().getTime();
    const snapshot = seatMapView(await deps.registry.inventory(flight.id), now);
    const data = { flight, snapshot, closed: closedReason(flight, now) };
    return renderPage(c, <FlightPage data={data} />);
  });
}
