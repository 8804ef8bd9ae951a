import { ownBookingWithLegs } from "../../../../../services/bookings/own_booking.ts";
import { definePage, SIGNED_IN } from "../../../../define_page.ts";
import { renderPasses } from "../../_passes.tsx";

/** `GET /trips/:bookingId/boarding-passes/:ticket`: one passenger's passes, by e-ticket. */
export const page = definePage({
  path: "/trips/:bookingId/boarding-passes/:ticket",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c, user) => {
      const id = c.req.param("bookingId");
      const trip = await ownBookingWithLegs(deps.db.sql, user.id, id);
      const back = `/trips/${trip.booking.id}`;
      const at = `${back}/boarding-passes`;
      return await renderPasses(c, deps, { ...trip, back, at, ticket: c.req.param("ticket") });
    },
  }),
});
