import { CsrfField, Layout } from "../../../../components/Layout.tsx";
import { formatPrice } from "../../../../islands/parts/FlightTable.tsx";
import { FlightCard } from "../../../../components/TripParts.tsx";
import type { BookingView } from "../../../../domain/views/booking.ts";
import type { FlightSummary } from "../../../../domain/views/flight.ts";
import { cancelOnRequest, refundQuote } from "../../../../services/bookings/cancel_booking.ts";
import { definePage, SIGNED_IN } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { ownBooking, ownBookingWithFlight } from "../../../../services/bookings/own_booking.ts";

interface CancelData {
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

function CancelPage({ data }: { data: CancelData }) {
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
            <form method="post" action={`/trips/${booking.id}/cancel`} class="actions">
              <CsrfField />
              <button type="submit" class="danger">Cancel booking</button>
              <a href={`/trips/${booking.id}`}>Keep my booking</a>
            </form>
          </section>
        )
        : (
          <p class="form-error" role="alert">
            This booking is {booking.status}; there is nothing left to cancel.{" "}
            <a href={`/trips/${booking.id}`}>Back to the trip</a>
          </p>
        )}
    </Layout>
  );
}

/** `/trips/:bookingId/cancel`: a confirmation showing the refund, then the cancellation. */
export const page = definePage({
  path: "/trips/:bookingId/cancel",
  roles: SIGNED_IN,
  handlers: (deps) => {
    const cancelDeps = { ...deps, sql: deps.db.sql };
    return {
      GET: async (c, user) => {
        const { booking, flight } = await ownBookingWithFlight(
          deps.db.sql,
          user.id,
          c.req.param("bookingId"),
        );
        const quote = await refundQuote(cancelDeps, booking);
        const status = booking.status === "held" || booking.status === "confirmed" ? 200 : 409;
        return renderPage(c, <CancelPage data={{ booking, flight, quote }} />, status);
      },
      POST: async (c, user) => {
        const booking = await ownBooking(deps.db.sql, user.id, c.req.param("bookingId"));
        // A second press of the button finds the booking already cancelled: show the outcome.
        if (booking.status === "cancelled" || booking.status === "refunded") {
          return c.redirect(`/trips/${booking.id}?cancelled`, 303);
        }
        await cancelOnRequest(cancelDeps, booking);
        return c.redirect(`/trips/${booking.id}?cancelled`, 303);
      },
    };
  },
});
