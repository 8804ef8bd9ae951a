import type { SearchResult } from "../../services/search/flight_search.ts";
import { formatPrice } from "../../islands/parts/FlightTable.tsx";
import { dayShift, formatDuration } from "./format.ts";

/** Props of ItineraryList. */
export interface ItineraryListProps {
  results: SearchResult[];
  /** Query string that a flight page link carries (cabin and passengers). */
  flightQuery: string;
  passengers: number;
  /** Position of the first result in the whole list (for numbering across pages). */
  start: number;
}

const BADGES: Record<string, string> = { best: "Best", cheapest: "Cheapest", fastest: "Fastest" };
const LOW_SEATS = 5;

function Times({ r }: { r: SearchResult }) {
  const first = r.legs[0];
  const last = r.legs[r.legs.length - 1];
  const shift = dayShift(first.departureLocal, last.arrivalLocal);
  return (
    <>
      <time dateTime={first.departureAt}>{first.departureLocal.slice(11, 16)}</time>{" "}
      {first.origin.iata} <span aria-hidden="true">→</span>
      <span class="visually-hidden">to</span>{" "}
      <time dateTime={last.arrivalAt}>{last.arrivalLocal.slice(11, 16)}</time>{" "}
      {last.destination.iata}
      {shift > 0 && (
        <sup class="day-shift" title={`arrives ${shift} day(s) later`}>
          +{shift}
          <span class="visually-hidden">{` day${shift > 1 ? "s" : ""}`}</span>
        </sup>
      )}
    </>
  );
}

function Itinerary({ r, n, props }: { r: SearchResult; n: number; props: ItineraryListProps }) {
  const titleId = `itinerary-${n}`;
  const stops = r.stops === 0 ? "Direct" : `${r.stops} stop${r.stops > 1 ? "s" : ""}`;
  return (
    <li class="itinerary">
      <article aria-labelledby={titleId}>
        <header>
          <h3 id={titleId}>
            <Times r={r} />
          </h3>
          {r.badges.length > 0 && (
            <ul class="badges" aria-label="Highlights">
              {r.badges.map((b) => <li key={b} class={`badge badge-${b}`}>{BADGES[b]}</li>)}
            </ul>
          )}
        </header>
        <p class="meta">
          {formatDuration(r.durationMinutes)} · {stops}
        </p>
        {r.layovers.map((l, i) => (
          <p key={l.airport} class="layover">
            Change at {l.airport} ({r.legs[i + 1].origin.city}): {formatDuration(l.minutes)} layover
          </p>
        ))}
        <ul class="legs" aria-label="Flights">
          {r.legs.map((leg) => (
            <li key={leg.id}>
              <a href={`/flights/${leg.id}?${props.flightQuery}`}>
                {leg.carrier} {leg.flightNumber}
              </a>{" "}
              {leg.origin.iata} {leg.departureLocal.slice(11, 16)} – {leg.destination.iata}{" "}
              {leg.arrivalLocal.slice(11, 16)} · {leg.aircraftName}
            </li>
          ))}
        </ul>
        <div class="offer">
          <p class="price">
            <strong>{formatPrice(r.price.total, r.price.currency)}</strong>
            {props.passengers > 1
              ? ` total, ${formatPrice(r.price.perPassenger, r.price.currency)} per passenger`
              : " per passenger"}
          </p>
          <p class={r.seatsLeft < LOW_SEATS ? "seats-left low" : "seats-left"}>
            {r.seatsLeft} {r.seatsLeft === 1 ? "seat" : "seats"} left
          </p>
          {r.stops === 0 && (
            <a class="button" href={`/flights/${r.legs[0].id}?${props.flightQuery}`}>
              Choose seats<span class="visually-hidden">
                {` on ${r.legs[0].carrier} ${r.legs[0].flightNumber}`}
              </span>
            </a>
          )}
        </div>
      </article>
    </li>
  );
}

/** Search results: times, duration, stops with layovers, legs, badges, live price and seats. */
export function ItineraryList(props: ItineraryListProps) {
  return (
    <ol class="itineraries" start={props.start + 1}>
      {props.results.map((r, i) => (
        <Itinerary key={r.id} r={r} n={props.start + i + 1} props={props} />
      ))}
    </ol>
  );
}
