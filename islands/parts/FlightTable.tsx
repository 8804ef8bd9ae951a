import { departureSections } from "../../domain/departure_board.ts";
import { formatPrice } from "../../domain/text_format.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { statusText } from "../../domain/flight_status.ts";

// One day formatter serves every row (making one per cell cost the home page ~0.5 s of hydration).
let days: Intl.DateTimeFormat | undefined;

/** Formats minor units as a price (domain/text_format.ts), e.g. 15900 USD → "$159". */
export { formatPrice };

/** "2026-11-23T07:40" → "Mon 23 Nov, 07:40" (already local; no zone conversion). */
export function formatLocal(local: string): string {
  days ??= new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  return `${days.format(new Date(`${local}:00Z`))}, ${local.slice(11, 16)}`;
}

function duration(minutes: number): string {
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

function lowestFare(f: FlightSummary): number | undefined {
  const fares = Object.values(f.baseFares).filter((v): v is number => typeof v === "number");
  return fares.length ? Math.min(...fares) : undefined;
}

function FlightRow({ f, zone }: { f: FlightSummary; zone?: string }) {
  const fare = lowestFare(f);
  return (
    <tr>
      <td>
        <strong>{f.carrier} {f.flightNumber}</strong>
      </td>
      <td>
        <abbr title={f.destination.city}>{f.destination.iata}</abbr> {f.destination.city}
      </td>
      <td>
        <time dateTime={f.departureAt}>{formatLocal(f.departureLocal)}</time>
        {zone && <span class="muted">{` ${zone}`}</span>}
      </td>
      <td>
        <time dateTime={f.arrivalAt}>{formatLocal(f.arrivalLocal)}</time>
      </td>
      <td>{duration(f.durationMinutes)}</td>
      <td>{f.aircraftName}</td>
      <td>
        <span class={`status status-${f.status}`}>{statusText(f, f.origin.tz)}</span>
      </td>
      <td>{fare === undefined ? "—" : formatPrice(fare, f.currency)}</td>
    </tr>
  );
}

/**
 * The departures, one section per departure airport (its local times read in order there),
 * each airport's flights in departure order, the airports by their next departure.
 */
export function FlightTable({ flights }: { flights: FlightSummary[] }) {
  if (flights.length === 0) {
    return <p class="empty">No upcoming flights match.</p>;
  }
  return (
    <table class="flights">
      <caption class="visually-hidden">
        Upcoming flights by departure airport, in local times
      </caption>
      <thead>
        <tr>
          <th scope="col">Flight</th>
          <th scope="col">To</th>
          <th scope="col">Departs (local)</th>
          <th scope="col">Arrives (local)</th>
          <th scope="col">Duration</th>
          <th scope="col">Aircraft</th>
          <th scope="col">Status</th>
          <th scope="col">From price</th>
        </tr>
      </thead>
      {departureSections(flights).map((s) => (
        <tbody key={s.airport.iata} data-airport={s.airport.iata}>
          <tr class="board-airport">
            <th scope="rowgroup" colSpan={8}>
              From {s.airport.city} ({s.airport.iata}){" "}
              <span class="muted">local time {s.zone}</span>
            </th>
          </tr>
          {s.flights.map(({ flight, zone }) => (
            <FlightRow
              key={flight.id}
              f={flight}
              zone={zone}
            />
          ))}
        </tbody>
      ))}
    </table>
  );
}
