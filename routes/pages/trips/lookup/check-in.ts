import { grantedBookingWithLegs } from "../../../../services/trips/guest_trip.ts";
import { checkInBooking } from "../../../../services/check_in/check_in.ts";
import { ANYONE, definePage } from "../../../define_page.ts";
import { countRequest } from "../../../middleware/limits.ts";
import { GUEST_TRIP_PATH } from "../../../trip_access.ts";
import { readCheckInForm } from "../_check_in_form.ts";
import { withGrant } from "./_grant.ts";

/**
 * `POST /trips/lookup/check-in`: a guest checks in the passengers they tick on the trip they
 * opened, on the next flight with open coupons (or `flightId`) and its connections, within
 * the check-in window.
 */
export const page = definePage({
  path: "/trips/lookup/check-in",
  roles: ANYONE,
  handlers: (deps) => ({
    POST: (c) =>
      withGrant(c, deps, async (id) => {
        await countRequest(c, deps, "checkin");
        const choice = await readCheckInForm(c);
        const { booking, legs } = await grantedBookingWithLegs(deps.db.sql, id);
        await checkInBooking(deps.db.sql, {
          booking,
          legs,
          ...choice,
          now: deps.clock.now(),
        });
        return c.redirect(`${GUEST_TRIP_PATH}/trip?checkedin#boarding-passes`, 303);
      }),
  }),
});
