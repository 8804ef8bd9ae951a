import { CancelBookingPage } from "../../../../components/CancelBookingPage.tsx";
import { cancelOnRequest, refundQuote } from "../../../../services/bookings/cancel_booking.ts";
import { definePage, SIGNED_IN } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { ownBooking, ownBookingWithFlight } from "../../../../services/bookings/own_booking.ts";

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
        return renderPage(
          c,
          <CancelBookingPage
            data={{ booking, flight, quote }}
            action={`/trips/${booking.id}/cancel`}
            back={`/trips/${booking.id}`}
          />,
          status,
        );
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
