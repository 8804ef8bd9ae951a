import { grantedBookingWithLegs } from "../../../../../services/trips/guest_trip.ts";
import { ANYONE, definePage } from "../../../../define_page.ts";
import { GUEST_TRIP_PATH } from "../../../../trip_access.ts";
import { renderPasses } from "../../_passes.tsx";
import { withGrant } from "../_grant.ts";

/** `GET /trips/lookup/boarding-passes`: the passes of the trip a guest opened. */
export const page = definePage({
  path: "/trips/lookup/boarding-passes",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: (c) =>
      withGrant(c, deps, async (id) => {
        const trip = await grantedBookingWithLegs(deps.db.sql, id);
        const [back, at] = [`${GUEST_TRIP_PATH}/trip`, `${GUEST_TRIP_PATH}/boarding-passes`];
        return await renderPasses(c, deps, { ...trip, back, at });
      }),
  }),
});
