import type { SearchResult } from "../../services/search/flight_search.ts";
import { formatPrice } from "../../islands/parts/FlightTable.tsx";
import { dayShift, formatDuration } from "./format.ts";
import { LocalTime } from "../LocalTime.tsx";

/** One listed itinerary: the search result, how its price reads and its next step. */
export interface ListedItinerary {
  result: SearchResult;
  /**
   * How the price reads: one way; one side of a round trip, with the party's total for the
   * round trip (`from` for a way out: the cheapest return it pairs with); or none (a way out
   * already chosen).
   */
  price: "one_way" | "none" | { roundTrip: number; from: boolean };
  /** The next step: the flight's seat map, choosing this way out, or booking. */
  action?: { kind: "seats" | "select" | "book"; href: string };
}

/** Props of ItineraryList. */
export interface ItineraryListProps {
  items: ListedItinerary[];
  /** Query string that a flight page link carries (cabin and passengers). */
  flightQuery: string;
  passengers: number;
  /** Position of the first result in the whole list (for numbering across pages). */
  start: number;
  /** Makes the results' heading ids unique where a page has two lists. */
  idPrefix?: string;
}

const ACTIONS = { seats: "Choose seats", select: "Select", book: "Book" } as const;

const BADGES: Record<string, string> = { best: "Best", cheapest: "Cheapest", fastest: "Fastest" };
const LOW_SEATS = 5;

function Times({ r }: { r: SearchResult }) {
  const first = r.legs[0];
  const last = r.legs[r.legs.length - 1];
  const shift = dayShift(first.departureLocal, last.arrivalLocal);
  return (
    <>
      <LocalTime clock local={first.departureLocal} at={first.departureAt} tz={first.origin.tz} />
      {" "}
      {first.origin.iata} <span aria-hidden="true">→</span>
      <span class="visually-hidden">to</span>{" "}
      <LocalTime clock local={last.arrivalLocal} at={last.arrivalAt} tz={last.destination.tz} />
      {" "}
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

function flightNames(r: SearchResult): string {
  return r.legs.map((l) => `${l.carrier} ${l.flightNumber}`).join(" and ");
}

function Price(
  { r, price, passengers }: {
    r: SearchResult;
    price: ListedItinerary["price"];
    passengers: number;
  },
) {
  const { currency } = r.price;
  if (price === "none") return null;
  if (price !== "one_way") {
    return (
      <p class="price">
        {price.from && "from "}
        <strong>{formatPrice(price.roundTrip, currency)}</strong> round trip
        {passengers > 1 ? `, total for ${passengers} passengers` : ""}
      </p>
    );
  }
  return (
    <p class="price">
      <strong>{formatPrice(r.price.total, currency)}</strong>
      {passengers > 1
        ? ` total, ${formatPrice(r.price.perPassenger, currency)} per passenger`
        : " per passenger"}
    </p>
  );
}

function Itinerary(
  { item, n, props }: { item: ListedItinerary; n: number; props: ItineraryListProps },
) {
  const r = item.result;
  const titleId = `${props.idPrefix ?? "itinerary"}-${n}`;
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
              {leg.origin.iata}{" "}
              <LocalTime clock local={leg.departureLocal} at={leg.departureAt} tz={leg.origin.tz} />
              {" – "}
              {leg.destination.iata}{" "}
              <LocalTime
                clock
                local={leg.arrivalLocal}
                at={leg.arrivalAt}
                tz={leg.destination.tz}
              />
              {" · "}
              {leg.aircraftName}
            </li>
          ))}
        </ul>
        <div class="offer">
          <Price r={r} price={item.price} passengers={props.passengers} />
          <p class={r.seatsLeft < LOW_SEATS ? "seats-left low" : "seats-left"}>
            {r.seatsLeft} {r.seatsLeft === 1 ? "seat" : "seats"} left
          </p>
          {item.action && (
            <a class="button" href={item.action.href}>
              {ACTIONS[item.action.kind]}
              <span class="visually-hidden">
                {`${item.action.kind === "seats" ? " on" : ""} ${flightNames(r)}`}
              </span>
            </a>
          )}
        </div>
      </article>
    </li>
  );
}

/**
 * Search results: local times with their airports' zones, duration, stops with layovers, legs,
 * badges, live price (one way, or a round trip's total), seats left and the next step.
 */
export function ItineraryList(props: ItineraryListProps) {
  return (
    <ol class="itineraries" start={props.start + 1}>
      {props.items.map((item, i) => (
        <Itinerary key={item.result.id} item={item} n={props.start + i + 1} props={props} />
      ))}
    </ol>
  );
}
