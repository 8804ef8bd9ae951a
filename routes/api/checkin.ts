import { Hono } from "hono";
import { bookingIcs } from "../../domain/ics.ts";
import { getFlight } from "../../db/flights_repo.ts";
import { boardingPasses, checkInBooking } from "../../services/check_in/check_in.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { BookingIdParam } from "../schemas.ts";
import { loadOwnBooking } from "./bookings.ts";

/** Check-in, boarding passes (IATA BCBP with PDF417 barcodes) and the .ics itinerary. */
export function checkInRoutes(deps: AppDeps) {
  const context = async (who: Parameters<typeof loadOwnBooking>[1], id: string) => {
    const booking = await loadOwnBooking(deps, who, id);
    const flight = (await getFlight(deps.db.sql, booking.flightId))!;
    return { booking, flight };
  };
  return new Hono<AppEnv>()
    .post("/:id/check-in", validate("param", BookingIdParam), async (c) => {
      const { booking, flight } = await context(c.get("principal"), c.req.valid("param").id);
      const tickets = await checkInBooking(deps.db.sql, {
        booking,
        flight,
        now: deps.clock.now(),
      });
      return c.json({ bookingId: booking.id, tickets });
    })
    .get("/:id/boarding-passes", validate("param", BookingIdParam), async (c) => {
      const { booking, flight } = await context(c.get("principal"), c.req.valid("param").id);
      const passes = await boardingPasses(deps.db.sql, booking, flight);
      return c.json({
        bookingId: booking.id,
        pnr: booking.pnr,
        passes,
        ics: bookingIcs(flight, booking.pnr, booking.seats, deps.clock.now()),
      });
    })
    .get("/:id/itinerary.ics", validate("param", BookingIdParam), async (c) => {
      const { booking, flight } = await context(c.get("principal"), c.req.valid("param").id);
      c.header("Content-Disposition", `attachment; filename="contrail-${booking.pnr}.ics"`);
      return c.body(bookingIcs(flight, booking.pnr, booking.seats, deps.clock.now()), 200, {
        "Content-Type": "text/calendar; charset=utf-8",
      });
    });
}
