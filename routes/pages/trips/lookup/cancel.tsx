import { CancelBookingPage } from "../../../../components/CancelBookingPage.tsx";
import { cancelOnRequest, refundQuote } from "../../../../services/bookings/cancel_booking.ts";
import { grantedBooking, grantedBookingWithFlight } from "../../../../services/trips/guest_trip.ts";
import { ANYONE, definePage } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { clearTripCookie, GUEST_TRIP_PATH } from "../../../trip_access.ts";
import { withGrant } from "./_grant.ts";

/**
 * `/trips/lookup/cancel`: a guest cancels the trip they opened, after seeing the refund; the
 * same fare rule and refund as for the account that booked it. Cancelling ends every grant of
 * the trip, this browser's too: back to the form, which says so.
 */
export const page = definePage({
  path: "/trips/lookup/cancel",
  roles: ANYONE,
  handlers: (deps) => {
    const cancelDeps = { ...deps, sql: deps.db.sql };
    const trip = `${GUEST_TRIP_PATH}/trip`;
    return {
      GET: (c) =>
        withGrant(c, deps, async (id) => {
          const { booking, flight } = await grantedBookingWithFlight(deps.db.sql, id);
          const quote = await refundQuote(cancelDeps, booking);
          const status = booking.status === "held" || booking.status === "confirmed" ? 200 : 409;
          return renderPage(
            c,
            <CancelBookingPage
              data={{ booking, flight, quote }}
              action={`${GUEST_TRIP_PATH}/cancel`}
              back={trip}
            />,
            status,
          );
        }),
      POST: (c) =>
        withGrant(c, deps, async (id) => {
          const booking = await grantedBooking(deps.db.sql, id);
          // A second press finds it already cancelled: show the outcome, cancel nothing twice.
          if (booking.status !== "cancelled" && booking.status !== "refunded") {
            await cancelOnRequest(cancelDeps, booking);
          }
          clearTripCookie(c);
          return c.redirect(`${GUEST_TRIP_PATH}?cancelled`, 303);
        }),
    };
  },
});
