import { z } from "zod";
import { invalidInput } from "../../../../domain/app_error.ts";
import { grantedBookingWithLegs } from "../../../../services/trips/guest_trip.ts";
import { checkInBooking } from "../../../../services/check_in/check_in.ts";
import { ANYONE, definePage } from "../../../define_page.ts";
import { countRequest } from "../../../middleware/limits.ts";
import { GUEST_TRIP_PATH } from "../../../trip_access.ts";
import { withGrant } from "./_grant.ts";

const FlightField = z.uuid().optional();

/**
 * `POST /trips/lookup/check-in`: a guest checks in everyone on the trip they opened, on the
 * next flight with open coupons (or `flightId`) and its connections, within the window.
 */
export const page = definePage({
  path: "/trips/lookup/check-in",
  roles: ANYONE,
  handlers: (deps) => ({
    POST: (c) =>
      withGrant(c, deps, async (id) => {
        await countRequest(c, deps, "checkin");
        const form = await c.req.parseBody();
        const flightId = FlightField.safeParse(form.flightId || undefined);
        if (!flightId.success) throw invalidInput([{ path: "flightId", message: "not a flight" }]);
        const { booking, legs } = await grantedBookingWithLegs(deps.db.sql, id);
        await checkInBooking(deps.db.sql, {
          booking,
          legs,
          flightId: flightId.data,
          now: deps.clock.now(),
        });
        return c.redirect(`${GUEST_TRIP_PATH}/trip?checkedin#boarding-passes`, 303);
      }),
  }),
});
