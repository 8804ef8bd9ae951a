import { Hono } from "hono";
import bwipjs from "bwip-js";
import { AppError } from "../../domain/app_error.ts";
import { encodeBcbp } from "../../domain/bcbp.ts";
import { bookingIcs } from "../../domain/ics.ts";
import { checkInTickets, listTravelTickets } from "../../db/bookings_repo.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { BookingIdParam } from "../schemas.ts";
import { loadOwnBooking } from "./bookings.ts";

/** Online check-in opens this long before departure... */
export const CHECKIN_OPENS_MS = 24 * 3600_000;
/** ...and closes this long before it. */
export const CHECKIN_CLOSES_MS = 45 * 60_000;

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
      if (booking.status !== "confirmed") {
        throw new AppError(409, "not_confirmed", { detail: "Only a paid booking can check in." });
      }
      const now = deps.clock.now();
      const until = Date.parse(flight.departureAt) - now.getTime();
      if (until > CHECKIN_OPENS_MS) {
        throw new AppError(409, "checkin_not_open", {
          detail: `Check-in opens 24 hours before departure, at ${
            new Date(Date.parse(flight.departureAt) - CHECKIN_OPENS_MS).toISOString()
          }.`,
        });
      }
      if (until < CHECKIN_CLOSES_MS) {
        throw new AppError(409, "checkin_closed", {
          detail: "Check-in closed 45 minutes before departure.",
        });
      }
      const tickets = await checkInTickets(deps.db.sql, booking.id, flight.id, now);
      return c.json({ bookingId: booking.id, tickets });
    })
    .get("/:id/boarding-passes", validate("param", BookingIdParam), async (c) => {
      const { booking, flight } = await context(c.get("principal"), c.req.valid("param").id);
      // Reading passes never checks anyone in: only checked-in tickets with seats get one.
      const tickets = (await listTravelTickets(deps.db.sql, booking.id, flight.id))
        .filter((t) => t.status === "checked_in" && t.seat && t.checkin_sequence);
      const unopened = booking.status === "confirmed" && tickets.length === 0;
      if (booking.status !== "confirmed" || unopened) {
        throw new AppError(409, "not_checked_in", {
          detail: "Check in first to get boarding passes.",
        });
      }
      const passes = tickets.map((t) => {
        const bcbp = encodeBcbp({
          lastName: t.last_name,
          firstName: t.first_name,
          pnr: booking.pnr,
          from: flight.origin.iata,
          to: flight.destination.iata,
          carrier: flight.carrier,
          flightNumber: flight.flightNumber,
          date: flight.departureLocal.slice(0, 10),
          compartment: booking.cabin,
          seat: t.seat!,
          checkInSequence: t.checkin_sequence!,
        });
        const svg = bwipjs.toSVG({ bcid: "pdf417", text: bcbp, scale: 2, height: 12 });
        return {
          ticket: t.number,
          passenger: `${t.first_name} ${t.last_name}`,
          seat: t.seat,
          sequence: t.checkin_sequence,
          bcbp,
          barcode: { format: "pdf417", svg },
        };
      });
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
