import { bookingIcs } from "../../domain/ics.ts";
import { boardingPasses, checkInBooking } from "../../services/check_in/check_in.ts";
import { bookingWithFlight } from "../../services/bookings/my_bookings.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonResponse, router, SIGNED_IN, textResponse } from "../declare.ts";
import { BookingIdParam } from "../schemas.ts";
import { BoardingPasses, CheckIn } from "../responses.ts";

const mine = { tags: ["Bookings"], roles: SIGNED_IN, request: { params: BookingIdParam } };

const checkIn = declare({
  ...mine,
  method: "post",
  path: "/api/bookings/{id}/check-in",
  summary: "Check in (24 h to 45 min before)",
  responses: {
    200: jsonResponse("The booking's tickets with seats and sequence numbers", CheckIn),
  },
});

const passes = declare({
  ...mine,
  method: "get",
  path: "/api/bookings/{id}/boarding-passes",
  summary: "IATA BCBP boarding passes with PDF417",
  responses: {
    200: jsonResponse("One pass per checked-in passenger, and the .ics text", BoardingPasses),
  },
});

const itinerary = declare({
  ...mine,
  method: "get",
  path: "/api/bookings/{id}/itinerary.ics",
  summary: "The itinerary as iCalendar",
  responses: { 200: textResponse("An iCalendar attachment", "text/calendar") },
});

/** Check-in, boarding passes (IATA BCBP with PDF417 barcodes) and the .ics itinerary. */
export function checkInRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(checkIn, async (c) => {
      const { booking, flight } = await bookingWithFlight(sql, actorOf(c), c.req.valid("param").id);
      const tickets = await checkInBooking(sql, { booking, flight, now: deps.clock.now() });
      return c.json({ bookingId: booking.id, tickets });
    })
    .openapi(passes, async (c) => {
      const { booking, flight } = await bookingWithFlight(sql, actorOf(c), c.req.valid("param").id);
      return c.json({
        bookingId: booking.id,
        pnr: booking.pnr,
        passes: await boardingPasses(sql, booking, flight),
        ics: bookingIcs(flight, booking.pnr, booking.seats, deps.clock.now()),
      });
    })
    .openapi(itinerary, async (c) => {
      const { booking, flight } = await bookingWithFlight(sql, actorOf(c), c.req.valid("param").id);
      c.header("Content-Disposition", `attachment; filename="contrail-${booking.pnr}.ics"`);
      return c.body(bookingIcs(flight, booking.pnr, booking.seats, deps.clock.now()), 200, {
        "Content-Type": "text/calendar; charset=utf-8",
      });
    });
}
