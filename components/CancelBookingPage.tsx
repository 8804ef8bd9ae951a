import { CsrfField, Layout } from "./Layout.tsx";
import { formatPrice } from "../islands/parts/FlightTable.tsx";
import { FlightCard } from "./TripParts.tsx";
import type { BookingView } from "../domain/views/booking.ts";
import type { FlightSummary } from "../domain/views/flight.ts";
import type { refundQuote } from "../services/bookings/cancel_booking.ts";

/** What the cancellation step shows. */
export interface CancelData {
  booking: BookingView;
  flight: FlightSummary;
  quote: Awaited<ReturnType<typeof refundQuote>>;
}

function refundText({ booking, quote }: CancelData): string {
  const money = (n: number) => formatPrice(n, booking.currency);
  if (booking.status === "held") {
    return "Nothing has been paid: the held seats go back on sale and nothing is charged.";
  }
  if (quote.involuntary) {
    return `The airline cancelled or changed your flight, so you get a full refund of ${
      money(quote.refund)
    }.`;
  }
  const rule = "90% a week or more before departure, 50% a day or more before, nothing later";
  return quote.refund > 0
    ? `You paid ${money(quote.paid)}. Cancelling now refunds ${money(quote.refund)} (${
      Math.round(quote.share * 100)
    }% by the fare rule: ${rule}).`
    : `You paid ${money(quote.paid)}. Cancelling now refunds nothing (fare rule: ${rule}).`;
}

/**
 * The cancellation step: the refund the fare rule gives now, then the button that posts to
 * `action` (with `_csrf`); `back` is the trip page.
 */
export function CancelBookingPage(
  { data, action, back }: { data: CancelData; action: string; back: string },
) {
  const { booking } = data;
  const cancellable = booking.status === "held" || booking.status === "confirmed";
  return (
    <Layout title={`Cancel ${booking.pnr}`} styles={["booking.css"]}>
      <h1>
        Cancel booking <span class="mono">{booking.pnr}</span>?
      </h1>
      <FlightCard flight={data.flight} />
      {cancellable
        ? (
          <section class="card" aria-labelledby="refund-title">
            <h2 id="refund-title">Refund</h2>
            <p>{refundText(data)}</p>
            <p>Cancelling cannot be undone: the seats are released at once.</p>
            <form method="post" action={action} class="actions">
              <CsrfField />
              <button type="submit" class="danger">Cancel booking</button>
              <a href={back}>Keep my booking</a>
            </form>
          </section>
        )
        : (
          <p class="form-error" role="alert">
            This booking is {booking.status}; there is nothing left to cancel.{" "}
            <a href={back}>Back to the trip</a>
          </p>
        )}
    </Layout>
  );
}
