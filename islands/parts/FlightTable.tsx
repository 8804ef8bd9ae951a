import type { FlightSummary } from "../../domain/views/flight.ts";
import { statusText } from "../../domain/flight_status.ts";

// Making an Intl formatter costs far more than using one (a table of 50 flights made 150 while
// it hydrated): one per currency, made on first use, serves every row.
const prices = new Map<string, Intl.NumberFormat>();
let days: Intl.DateTimeFormat | undefined;

/** Formats minor units as a price, e.g. 15900 USD → "$159". */
export function formatPrice(minor: number, currency: string): string {
  let format = prices.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      maximumFractionDigits: 0,
    });
    prices.set(currency, format);
  }
  return format.format(minor / 100);
}

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

/** A table of flights; times are local to each airport. */
export function FlightTable({ flights }: { flights: FlightSummary[] }) {
  if (flights.length === 0) {
    return <p class="empty">No upcoming flights match.</p>;
  }
  return (
    <table class="flights">
      <caption class="visually-hidden">Upcoming flights, local times</caption>
      <thead>
        <tr>
          <th scope="col">Flight</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Departs (local)</th>
          <th scope="col">Arrives (local)</th>
          <th scope="col">Duration</th>
          <th scope="col">Aircraft</th>
          <th scope="col">Status</th>
          <th scope="col">From price</th>
        </tr>
      </thead>
      <tbody>
        {flights.map((f) => {
          const fare = lowestFare(f);
          return (
            <tr key={f.id}>
              <td>
                <strong>{f.carrier} {f.flightNumber}</strong>
              </td>
              <td>
                <abbr title={f.origin.city}>{f.origin.iata}</abbr> {f.origin.city}
              </td>
              <td>
                <abbr title={f.destination.city}>{f.destination.iata}</abbr> {f.destination.city}
              </td>
              <td>
                <time dateTime={f.departureAt}>{formatLocal(f.departureLocal)}</time>
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
        })}
      </tbody>
    </table>
  );
}
