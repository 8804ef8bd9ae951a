import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../domain/app_error.ts";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import { flightOr404 } from "./flights.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { FlightIdParam } from "../schemas.ts";
import { CreateBooking } from "./bookings.ts";

/** Body of `POST /api/flights/:id/waitlist`. */
export const JoinWaitlist = z.object({
  cabin: z.enum(CABIN_CODES),
  passengers: CreateBooking.shape.passengers,
});

/** `POST /api/flights/:id/waitlist`: wait for seats in a full cabin. */
export function waitlistRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    "/:id/waitlist",
    validate("param", FlightIdParam),
    validate("json", JoinWaitlist),
    async (c) => {
      const flight = await flightOr404(deps, c.req.valid("param").id);
      const body = c.req.valid("json");
      const inv = await deps.registry.inventory(flight.id);
      const offer = cabinOffers(inv, deps.clock.now().getTime()).find((o) => o.code === body.cabin);
      if (!offer) {
        throw new AppError(422, "unknown_cabin", {
          detail: `This flight has no cabin ${body.cabin}.`,
        });
      }
      if (offer.seatsLeft >= body.passengers.length) {
        throw new AppError(409, "seats_available", {
          detail: "Seats are available: book them instead.",
        });
      }
      const userId = c.get("principal").userId!;
      const rows = await deps.db.sql`
      INSERT INTO waitlist (flight_id, cabin, user_id, passengers, seat_count)
      VALUES (${flight.id}, ${body.cabin}, ${userId}, ${
        deps.db.sql.json(body.passengers)
      }, ${body.passengers.length})
      ON CONFLICT DO NOTHING RETURNING id, created_at`;
      if (!rows.length) {
        throw new AppError(409, "already_waiting", {
          detail: "You are already on this waitlist.",
        });
      }
      const [{ position }] = await deps.db.sql`
      SELECT count(*)::int AS position FROM waitlist
      WHERE flight_id = ${flight.id} AND cabin = ${body.cabin} AND status = 'waiting'
        AND created_at <= (SELECT created_at FROM waitlist WHERE id = ${rows[0].id})`;
      return c.json({
        id: rows[0].id,
        flightId: flight.id,
        cabin: body.cabin,
        position,
        status: "waiting",
      }, 201);
    },
  );
}
