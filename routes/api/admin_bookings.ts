import { z } from "zod";
import {
  staffCancel,
  staffChangeSeats,
  staffCheckIn,
} from "../../services/bookings/staff_booking.ts";
import { SeatsBody } from "../../services/bookings/booking_input.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { BookingIdParam } from "../schemas.ts";
import { Booking, CancelledBooking, CheckIn } from "../responses.ts";

/** Why an agent changes a passenger's booking: kept in the audit log, told to the passenger. */
const reason = z.string().trim().min(3).max(300).meta({
  description: "Why (audited and told to the passenger).",
});

const staff = { tags: ["Admin bookings"], roles: STAFF };

const cancel = declare({
  ...staff,
  method: "post",
  path: "/api/admin/bookings/{id}/cancel",
  summary: "Cancel a passenger's booking (full refund, audited, passenger told)",
  request: { params: BookingIdParam, body: jsonBody(z.object({ reason })) },
  responses: { 200: jsonResponse("The booking and the amount refunded", CancelledBooking) },
});

const checkIn = declare({
  ...staff,
  method: "post",
  path: "/api/admin/bookings/{id}/check-in",
  summary: "Check a passenger in (audited, passenger told)",
  request: {
    params: BookingIdParam,
    body: jsonBody(z.object({ reason, flightId: z.uuid().optional() })),
  },
  responses: { 200: jsonResponse("The coupons checked in", CheckIn) },
});

const seats = declare({
  ...staff,
  method: "post",
  path: "/api/admin/bookings/{id}/seats",
  summary: "Move a held booking's seats (audited, passenger told)",
  request: { params: BookingIdParam, body: jsonBody(SeatsBody.extend({ reason })) },
  responses: { 200: jsonResponse("The booking with its new seats", Booking) },
});

/** Staff changes to passengers' bookings; the passenger endpoints refuse staff. */
export function adminBookingRoutes(deps: AppDeps) {
  const staffDeps = { ...deps, sql: deps.db.sql };
  return router()
    .openapi(cancel, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await staffCancel(staffDeps, actorOf(c), { bookingId: id, ...c.req.valid("json") }),
      );
    })
    .openapi(checkIn, async (c) => {
      const { id } = c.req.valid("param");
      const done = await staffCheckIn(staffDeps, actorOf(c), {
        bookingId: id,
        ...c.req.valid("json"),
        now: deps.clock.now(),
      });
      return c.json({ bookingId: id, flightIds: done.flightIds, tickets: done.coupons });
    })
    .openapi(seats, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await staffChangeSeats(staffDeps, actorOf(c), { bookingId: id, ...c.req.valid("json") }),
      );
    });
}
