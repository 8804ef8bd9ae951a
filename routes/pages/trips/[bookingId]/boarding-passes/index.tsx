import { ownBookingWithLegs } from "../../../../../services/bookings/own_booking.ts";
import { definePage, SIGNED_IN } from "../../../../define_page.ts";
import { renderPasses } from "../../_passes.tsx";

/** `GET /trips/:bookingId/boarding-passes`: every pass of my trip, one printed page each. */
export const page = definePage({
  path: "/trips/:bookingId/boarding-passes",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c, user) => {
      const id = c.req.param("bookingId");
      const trip = await ownBookingWithLegs(deps.db.sql, user.id, id);
      const back = `/trips/${trip.booking.id}`;
      return await renderPasses(c, deps, { ...trip, back, at: `${back}/boarding-passes` });
    },
  }),
});
