import type { ComponentChildren } from "preact";
import type { BookingView } from "../domain/views/booking.ts";
import type { FlightSummary } from "../domain/views/flight.ts";
import { formatLocal, formatPrice } from "../islands/parts/FlightTable.tsx";
import { formatDuration } from "../islands/client/time_format.ts";

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

/** The flight of a booking: number, route, local times, aircraft. */
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
            <time dateTime={flight.departureAt}>{formatLocal(flight.departureLocal)}</time>
          </dd>
        </div>
        <div>
          <dt>Arrives (local)</dt>
          <dd>
            <time dateTime={flight.arrivalAt}>{formatLocal(flight.arrivalLocal)}</time>
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

/** The passengers of a booking with their seats and, once paid, their e-ticket numbers. */
export function PassengerTable(
  { booking }: { booking: Pick<BookingView, "passengers" | "tickets" | "seats"> },
) {
  const paid = booking.tickets.length > 0;
  return (
    <table class="trip-table">
      <caption class="visually-hidden">Passengers</caption>
      <thead>
        <tr>
          <th scope="col">Passenger</th>
          <th scope="col">Seat</th>
          {paid && <th scope="col">E-ticket</th>}
          {paid && <th scope="col">Check-in</th>}
        </tr>
      </thead>
      <tbody>
        {booking.passengers.map((p, i) => {
          const tickets = booking.tickets.filter((t) => t.passenger === i);
          const seat = tickets[0]?.seat ?? booking.seats[i] ?? "—";
          return (
            <tr key={i}>
              <th scope="row">{p.firstName} {p.lastName}</th>
              <td>{seat}</td>
              {paid && <td class="mono">{tickets.map((t) => t.number).join(", ")}</td>}
              {paid && (
                <td>
                  {tickets.some((t) => t.status === "checked_in") ? "Checked in" : "Not yet"}
                </td>
              )}
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
