import { z } from "zod";
import { invalidInput } from "../../../../domain/app_error.ts";
import { grantedBookingWithLegs } from "../../../../services/trips/guest_trip.ts";
import { checkInBooking } from "../../../../services/check_in/check_in.ts";
import { ANYONE, definePage } from "../../../define_page.ts";
import { countRequest } from "../../../middleware/limits.ts";
import { GUEST_TRIP_PATH } from "../../../trip_access.ts";
import { withGrant } from "./_grant.ts";

/** The form: a flight (optional) and the passengers ticked, by position. */
const CheckInForm = z.object({
  flightId: z.uuid().optional(),
  passenger: z.array(z.coerce.number().int().min(0).max(8)).min(1, "choose who checks in"),
});

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
        const form = await c.req.parseBody({ all: true });
        const ticked = form.passenger === undefined ? [] : [form.passenger].flat();
        const input = CheckInForm.safeParse({
          flightId: form.flightId || undefined,
          passenger: ticked,
        });
        if (!input.success) {
          throw invalidInput(
            input.error.issues.map((i) => ({ path: String(i.path[0]), message: i.message })),
          );
        }
        const { booking, legs } = await grantedBookingWithLegs(deps.db.sql, id);
        await checkInBooking(deps.db.sql, {
          booking,
          legs,
          flightId: input.data.flightId,
          passengers: input.data.passenger,
          now: deps.clock.now(),
        });
        return c.redirect(`${GUEST_TRIP_PATH}/trip?checkedin#boarding-passes`, 303);
      }),
  }),
});
