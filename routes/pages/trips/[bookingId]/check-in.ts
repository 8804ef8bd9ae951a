import { ownBookingWithLegs } from "../../../../services/bookings/own_booking.ts";
import { checkInBooking } from "../../../../services/check_in/check_in.ts";
import { definePage, SIGNED_IN } from "../../../define_page.ts";
import { readCheckInForm } from "../_check_in_form.ts";

/**
 * `POST /trips/:bookingId/check-in`: the trip page's check-in, for the passengers ticked, on
 * the next flight with open coupons (or `flightId`) and its connections.
 */
export const page = definePage({
  path: "/trips/:bookingId/check-in",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    POST: async (c, user) => {
      const { booking, legs } = await ownBookingWithLegs(
        deps.db.sql,
        user.id,
        c.req.param("bookingId"),
      );
      const choice = await readCheckInForm(c);
      await checkInBooking(deps.db.sql, { booking, legs, ...choice, now: deps.clock.now() });
      return c.redirect(`/trips/${booking.id}?checkedin#boarding-passes`, 303);
    },
  }),
});
