import type { ComponentChildren } from "preact";
import {
  type BookingView,
  type SegmentView,
  shownSegments,
  type TicketView,
} from "../domain/views/booking.ts";
import type { FlightSummary } from "../domain/views/flight.ts";
import { formatPrice } from "../islands/parts/FlightTable.tsx";
import { LocalTime } from "./LocalTime.tsx";
import { formatDuration } from "../islands/client/time_format.ts";
import { PassengersHead } from "../islands/parts/PassengersHead.tsx";

const CABINS: Record<string, string> = {
  F: "First",
  J: "Business",
  W: "Premium economy",
  Y: "Economy",
};

/** A cabin code's name ("Y" → "Economy"). */
export function cabinName(code: string): string {
  return CABINS[code.trim()] ?? code;
}

/** A field's message under a form control, referenced by its aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <span class="field-error" id={id}>{message}</span> : null;
}

/** A problem summary at the top of a form: announced at once, each field linked. */
export function ErrorSummary(
  { title, errors }: { title: string; errors: { field?: string; message: string }[] },
) {
  if (errors.length === 0) return null;
  return (
    <div class="form-error" role="alert" id="form-errors">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            {e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The flight of a booking: number, route, local times with their zones, aircraft. */
export function FlightCard(
  { flight, heading = "Flight", children }: {
    flight: FlightSummary;
    heading?: string;
    children?: ComponentChildren;
  },
) {
  return (
    <section class="card flight-card" aria-label={heading}>
      <h2>
        {heading}: {flight.carrier} {flight.flightNumber}
      </h2>
      <p class="route">
        <span>
          <abbr title={flight.origin.city}>{flight.origin.iata}</abbr> {flight.origin.city}
        </span>
        <span aria-hidden="true">→</span>
        <span class="visually-hidden">to</span>
        <span>
          <abbr title={flight.destination.city}>{flight.destination.iata}</abbr>{" "}
          {flight.destination.city}
        </span>
      </p>
      <dl class="facts">
        <div>
          <dt>Departs (local)</dt>
          <dd>
            <LocalTime
              local={flight.departureLocal}
              at={flight.departureAt}
              tz={flight.origin.tz}
            />
          </dd>
        </div>
        <div>
          <dt>Arrives (local)</dt>
          <dd>
            <LocalTime
              local={flight.arrivalLocal}
              at={flight.arrivalAt}
              tz={flight.destination.tz}
            />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(flight.durationMinutes)}</dd>
        </div>
        <div>
          <dt>Aircraft</dt>
          <dd>{flight.aircraftName}</dd>
        </div>
      </dl>
      {children}
    </section>
  );
}

/** What the passengers table needs of a booking (a guest's lookup has no more). */
export interface PassengerTableBooking {
  passengers: Pick<BookingView["passengers"][number], "firstName" | "lastName">[];
  tickets: TicketView[];
  segments: Pick<SegmentView, "flightId" | "seats" | "status">[];
}

/** Passenger `i`'s seat on each flight shown, in travel order: the ticket's, else the hold's. */
function seatsOf(booking: PassengerTableBooking, i: number): string[] {
  const coupons = booking.tickets.find((t) => t.passenger === i)?.coupons ?? [];
  return shownSegments(booking.segments).map((g) =>
    coupons.find((c) => c.flightId === g.flightId)?.seat ?? g.seats[i] ?? "—"
  );
}

/**
 * The passengers of a booking with their seats (one per flight, in travel order) and, once
 * paid, their e-ticket numbers and whether they are checked in (on any flight).
 */
export function PassengerTable({ booking }: { booking: PassengerTableBooking }) {
  const paid = booking.tickets.length > 0;
  const journey = shownSegments(booking.segments).length > 1;
  return (
    <table class="trip-table">
      <PassengersHead journey={journey} paid={paid} />
      <tbody>
        {booking.passengers.map((p, i) => {
          const tickets = booking.tickets.filter((t) => t.passenger === i);
          const checkedIn = tickets.some((t) => t.coupons.some((c) => c.status === "checked_in"));
          return (
            <tr key={i}>
              <th scope="row">{p.firstName} {p.lastName}</th>
              <td>{seatsOf(booking, i).join(" · ")}</td>
              {paid && <td class="mono">{tickets.map((t) => t.number).join(", ")}</td>}
              {paid && <td>{checkedIn ? "Checked in" : "Not yet"}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const STATUS_TEXT: Record<string, string> = {
  held: "Held, waiting for payment",
  confirmed: "Confirmed",
  expired: "Expired: the hold ran out",
  cancelled: "Cancelled",
  refunded: "Cancelled and refunded",
};

/** A booking's status in words. */
export function bookingStatusText(status: string): string {
  return STATUS_TEXT[status] ?? status;
}

/** A booking's money: total, and every charge and refund with the card's last digits. */
export function PaymentList({ booking }: { booking: BookingView }) {
  if (booking.payments.length === 0) return <p>No payments yet.</p>;
  return (
    <ul class="payments">
      {booking.payments.map((p) => (
        <li key={p.id}>
          {p.kind === "refund" ? "Refund" : "Charge"} of {formatPrice(p.amount, p.currency)}
          {p.cardLast4 && ` (${p.cardBrand ?? "card"} ending ${p.cardLast4})`}: {p.status}
        </li>
      ))}
    </ul>
  );
}
