import { bookingIcs } from "../../domain/ics.ts";
import { checkInBooking } from "../../services/check_in/check_in.ts";
import { passDetails } from "../../services/check_in/pass_cards.ts";
import { z } from "zod";
import { bookingWithLegs, ownBookingWithLegs } from "../../services/bookings/my_bookings.ts";
import { actorOf } from "../actor.ts";
import { countRequest } from "../middleware/limits.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonResponse, router, SIGNED_IN, textResponse } from "../declare.ts";
import { BookingIdParam } from "../schemas.ts";
import { BoardingPasses, CheckIn } from "../responses.ts";
import type { BookedLeg, BookingView } from "../../domain/views/booking.ts";

const mine = { tags: ["Bookings"], roles: SIGNED_IN, request: { params: BookingIdParam } };

/** Query of a check-in: which flight, and which passengers (by position, default all). */
export const CheckInQuery = z.object({
  flightId: z.uuid().optional().meta({
    description: "One of the booking's flights (default: the next with open coupons).",
  }),
  passengers: z.string().regex(/^[0-8](,[0-8]){0,8}$/, "expected positions like 0,2")
    .transform((v) => [...new Set(v.split(",").map(Number))]).optional().meta({
      description: "Only these passengers, by position from 0 (default: everyone).",
    }),
});

const checkIn = declare({
  ...mine,
  method: "post",
  path: "/api/bookings/{id}/check-in",
  summary: "Check in (24 h to 45 min before; connections within 24 h too)",
  request: { params: BookingIdParam, query: CheckInQuery },
  responses: {
    200: jsonResponse("The coupons checked in, with seats and sequence numbers", CheckIn),
  },
});

/** Query of the boarding passes: one flight's, or multi-leg. */
export const PassesQuery = z.object({
  flightId: z.uuid().optional().meta({ description: "Only this flight's passes." }),
  multiLeg: z.enum(["true", "false"]).optional().meta({
    description: "One BCBP per passenger with a leg per checked-in flight.",
  }),
});

/** The check-in answer: checks in who `q` names on the trip and lists the coupons it did. */
export async function checkInAnswer(
  deps: Pick<AppDeps, "db" | "clock">,
  trip: { booking: BookingView; legs: BookedLeg[] },
  q: z.infer<typeof CheckInQuery>,
) {
  const { booking, legs } = trip;
  const done = await checkInBooking(deps.db.sql, { booking, legs, ...q, now: deps.clock.now() });
  return { bookingId: booking.id, flightIds: done.flightIds, tickets: done.coupons };
}

/**
 * The boarding passes answer: the passes asked for, with everything the printed pass shows
 * (passDetails, as the pages), and the itinerary as iCalendar.
 */
export async function passesAnswer(
  deps: Pick<AppDeps, "db" | "clock">,
  trip: { booking: BookingView; legs: BookedLeg[] },
  q: z.infer<typeof PassesQuery>,
) {
  const { booking, legs } = trip;
  return {
    bookingId: booking.id,
    pnr: booking.pnr,
    passes: await passDetails(deps.db.sql, trip, {
      flightId: q.flightId,
      multiLeg: q.multiLeg === "true",
    }),
    ics: bookingIcs(legs, booking.pnr, deps.clock.now()),
  };
}

const passes = declare({
  ...mine,
  method: "get",
  path: "/api/bookings/{id}/boarding-passes",
  summary: "IATA BCBP boarding passes with PDF417",
  request: {
    params: BookingIdParam,
    query: PassesQuery,
  },
  responses: {
    200: jsonResponse(
      "One pass per checked-in passenger per flight, and the .ics text",
      BoardingPasses,
    ),
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
      await countRequest(c, deps, "checkin");
      const trip = await ownBookingWithLegs(sql, actorOf(c), c.req.valid("param").id);
      return c.json(await checkInAnswer(deps, trip, c.req.valid("query")));
    })
    .openapi(passes, async (c) => {
      const trip = await bookingWithLegs(sql, actorOf(c), c.req.valid("param").id);
      return c.json(await passesAnswer(deps, trip, c.req.valid("query")));
    })
    .openapi(itinerary, async (c) => {
      const { booking, legs } = await bookingWithLegs(sql, actorOf(c), c.req.valid("param").id);
      c.header("Content-Disposition", `attachment; filename="contrail-${booking.pnr}.ics"`);
      return c.body(bookingIcs(legs, booking.pnr, deps.clock.now()), 200, {
        "Content-Type": "text/calendar; charset=utf-8",
      });
    });
}
