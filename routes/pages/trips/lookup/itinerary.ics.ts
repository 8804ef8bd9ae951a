import { bookingIcs } from "../../../../domain/ics.ts";
import { grantedBookingWithLegs } from "../../../../services/trips/guest_trip.ts";
import { ANYONE, definePage } from "../../../define_page.ts";
import { withGrant } from "./_grant.ts";

/** `GET /trips/lookup/itinerary.ics`: the guest's trip as an iCalendar download. */
export const page = definePage({
  path: "/trips/lookup/itinerary.ics",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: (c) =>
      withGrant(c, deps, async (id) => {
        const { booking, legs } = await grantedBookingWithLegs(deps.db.sql, id);
        c.header("Content-Disposition", `attachment; filename="contrail-${booking.pnr}.ics"`);
        return c.body(bookingIcs(legs, booking.pnr, deps.clock.now()), 200, {
          "Content-Type": "text/calendar; charset=utf-8",
        });
      }),
  }),
});
