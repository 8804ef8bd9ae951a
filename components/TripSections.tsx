import type { FlightSummary } from "../domain/views/flight.ts";
import type { Reaccommodation } from "../domain/views/trip.ts";
import type { CheckInWindow } from "../domain/check_in.ts";
import { CsrfField } from "./Layout.tsx";
import { LocalTime } from "./LocalTime.tsx";
import { formatInZone } from "../islands/client/time_format.ts";
import type { PassView } from "../domain/views/trip.ts";
import type { TripData } from "../services/trips/trip_view.ts";
import FlightStatusLive from "../islands/FlightStatusLive.tsx";
import { JourneyFlights, statusHeading } from "./JourneyParts.tsx";
import { FlightCard, PassengerTable } from "./TripParts.tsx";

/** When a flight leaves, in its origin's local time and zone. */
function Departs({ flight }: { flight: FlightSummary }) {
  return <LocalTime local={flight.departureLocal} at={flight.departureAt} tz={flight.origin.tz} />;
}

/** A booking's passengers by position, as check-in offers them: checked in on `flightId` or not. */
export function checkInPeople(
  booking: Pick<TripData["booking"], "passengers" | "tickets">,
  flightId: string,
): CheckInPerson[] {
  return booking.passengers.map((p, i) => ({
    name: `${p.firstName} ${p.lastName}`,
    checkedIn: booking.tickets.some((t) =>
      t.passenger === i &&
      t.coupons.some((k) => k.flightId === flightId && k.status === "checked_in")
    ),
  }));
}

/** A passenger check-in offers to tick. */
export interface CheckInPerson {
  name: string;
  checkedIn: boolean;
}

/**
 * Check-in: while the window is open, a box per passenger not yet checked in (all ticked) and
 * the button; else when it opens or that it closed.
 */
export function CheckInSection(
  { bookingId, flight, window, opensAt, pending, people, action = `/trips/${bookingId}/check-in` }:
    {
      bookingId: string;
      /** The flight check-in is about: the next one with open coupons. */
      flight: FlightSummary;
      /** Where the button posts (a guest's trip posts elsewhere). */
      action?: string;
      window: CheckInWindow;
      opensAt: string;
      /** True while some passenger on the booking is not checked in yet. */
      pending: boolean;
      /** The passengers to choose from, by position (checkInPeople). */
      people: CheckInPerson[];
    },
) {
  const tz = flight.origin.tz;
  const name = `${flight.carrier} ${flight.flightNumber}`;
  if (flight.status === "cancelled") {
    return (
      <section class="card" aria-labelledby="checkin-title">
        <h2 id="checkin-title">Check-in</h2>
        <p>{name} is cancelled: there is no check-in for it.</p>
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="checkin-title">
      <h2 id="checkin-title">Check-in</h2>
      <p>
        For {name}, {flight.origin.iata} to {flight.destination.iata}, departing{" "}
        <Departs flight={flight} />.
      </p>
      {window === "not_open" && (
        <p>Online check-in opens 24 hours before departure, at {formatInZone(opensAt, tz)}.</p>
      )}
      {window === "closed" && <p>Online check-in closed 45 minutes before departure.</p>}
      {window === "open" && pending && (
        <form method="post" action={action}>
          <CsrfField />
          <fieldset class="check-in-people">
            <legend>Check-in is open. Who is checking in?</legend>
            {people.map((p, i) => (
              <label key={i}>
                <input
                  type="checkbox"
                  name="passenger"
                  value={String(i)}
                  checked={!p.checkedIn}
                  disabled={p.checkedIn}
                />{" "}
                {p.name}
                {p.checkedIn && " (checked in)"}
              </label>
            ))}
          </fieldset>
          <button type="submit">Check in</button>
        </form>
      )}
      {window === "open" && !pending && <p>Everyone on this booking is checked in.</p>}
    </section>
  );
}

/**
 * The boarding passes: one PDF417 barcode each, with its BCBP string as the text alternative;
 * `href` links the full passes page (gate, boarding time, group, print layout).
 */
export function BoardingPasses({ passes, href }: { passes: PassView[]; href?: string }) {
  if (passes.length === 0) return null;
  return (
    <section class="card" id="boarding-passes" aria-labelledby="passes-title">
      <h2 id="passes-title">Boarding passes</h2>
      {href && (
        <p>
          <a href={href}>Open the boarding passes to print or show at the airport</a>
        </p>
      )}
      <ul class="passes">
        {passes.map((p) => (
          <li key={p.ticket} class="pass">
            <p>
              <strong>{p.passenger}</strong>, seat {p.seat}, boarding sequence {p.sequence}
            </p>
            <img
              src={p.barcodeUri}
              alt={`PDF417 boarding pass barcode for ${p.passenger}: ${p.bcbp}`}
            />
            <p class="mono bcbp">{p.bcbp}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the airline did after cancelling the booked flight: rebooked, or a refund offered. */
export function AfterDisruption(
  { reaccommodation, from, to, bookingId }: {
    reaccommodation: Reaccommodation;
    from?: FlightSummary;
    to: FlightSummary[];
    bookingId: string;
  },
) {
  const original = from ? `${from.carrier} ${from.flightNumber}` : "Your original flight";
  return (
    <section class="card disruption" aria-labelledby="disruption-title">
      <h2 id="disruption-title">Your flight was cancelled</h2>
      {reaccommodation.status === "rebooked" && (
        <>
          <p>
            {original}
            {from && (
              <>
                {" on "}
                <Departs flight={from} />
              </>
            )} was cancelled. We moved you, at no cost, to:
          </p>
          <ul>
            {to.map((f) => (
              <li key={f.id}>
                {f.carrier} {f.flightNumber}, {f.origin.iata} to {f.destination.iata}, departing
                {" "}
                <Departs flight={f} />
              </li>
            ))}
          </ul>
          <p>If the new flights do not suit you, cancelling now refunds you in full.</p>
        </>
      )}
      {reaccommodation.status === "refund_offered" && (
        <p>
          {original} was cancelled and no other flight had seats.{" "}
          <a href={`/trips/${bookingId}/cancel`}>
            Cancel this booking
          </a>{" "}
          for a full refund.
        </p>
      )}
      {reaccommodation.status === "refunded" && (
        <p>{original} was cancelled; you were refunded in full.</p>
      )}
    </section>
  );
}

/** The trip at a glance: its flights, the first flight's live status, passengers and tickets. */
export function TripOverview({ data }: { data: TripData }) {
  const { booking, flight } = data;
  return (
    <>
      <div class="trip-grid">
        {data.legs.length > 1
          ? <JourneyFlights legs={data.legs} />
          : <FlightCard flight={flight} />}
        <FlightStatusLive
          flightId={flight.id}
          status={data.status}
          originTz={flight.origin.tz}
          destinationTz={flight.destination.tz}
          heading={statusHeading(data.legs)}
        />
      </div>
      <section class="card" aria-labelledby="pax-title">
        <h2 id="pax-title">Passengers and e-tickets</h2>
        <PassengerTable booking={booking} />
      </section>
    </>
  );
}
