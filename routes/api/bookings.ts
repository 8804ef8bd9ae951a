import { Hono } from "hono";
import { z } from "zod";
import { AppError, notFound } from "../../domain/app_error.ts";
import { exitRowEligible } from "../../domain/booking.ts";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { getFlight } from "../../db/flights_repo.ts";
import {
  type BookingView,
  findBookingByPnr,
  getBooking,
  listBookingIds,
  updateBookingSeats,
} from "../../db/bookings_repo.ts";
import { holdBooking } from "../../services/bookings/hold_booking.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import type { Principal } from "../middleware/auth.ts";
import { rateLimit } from "../middleware/rate_limit.ts";
import { validate } from "../problem.ts";
import { BookingIdParam } from "../schemas.ts";
import { withIdempotency } from "../idempotency.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";

const name = z.string().trim().min(1).max(50).regex(
  /^[\p{L}][\p{L} '.-]*$/u,
  "letters, spaces, ' . - only",
);
const seatId = z.string().regex(/^[1-9][0-9]{0,2}[A-HJ-K]$/, "expected a seat like 12A");
const Passenger = z.object({
  firstName: name,
  lastName: name,
  dateOfBirth: z.iso.date().optional(),
  email: z.email().max(254).optional(),
});
/** Body of `POST /api/bookings`. */
export const CreateBooking = z.object({
  flightId: z.uuid(),
  cabin: z.enum(CABIN_CODES),
  seats: z.array(seatId).min(1).max(9).optional(),
  passengers: z.array(Passenger).min(1).max(9),
}).refine((b) => !b.seats || b.seats.length === b.passengers.length, {
  message: "choose one seat per passenger, or none",
  path: ["seats"],
});
/** Body of `PATCH /api/bookings/:id/seats`. */
export const SeatsBody = z.object({ seats: z.array(seatId).min(1).max(9) });
/** Query of `GET /api/bookings`. */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
/** Query of `GET /api/bookings/lookup`. */
export const LookupQuery = z.object({
  pnr: z.string().trim().toUpperCase().regex(/^[A-HJ-NP-Z2-9]{6}$/, "expected a 6-character PNR"),
  lastName: name,
});

/** A booking the caller may see: their own, or any for staff; otherwise 404 (not 403). */
export async function loadOwnBooking(
  deps: AppDeps,
  who: Principal,
  id: string,
): Promise<BookingView> {
  const booking = await getBooking(deps.db.sql, id);
  const staff = who.role === "operator" || who.role === "admin";
  if (!booking || (!staff && booking.userId !== who.userId)) throw notFound("Booking");
  return booking;
}

/** `/api/bookings`: hold seats into a booking, read, look up, change seats. */
export function bookingRoutes(deps: AppDeps) {
  const limited = rateLimit({ store: deps.store, name: "booking", limit: 60, windowMs: 60_000 });
  return new Hono<AppEnv>()
    .post("/", limited, validate("json", CreateBooking), (c) => {
      const body = c.req.valid("json");
      return withIdempotency(c, deps.store, "booking", body, async () => {
        const principal = c.get("principal");
        const booking = await holdBooking({ ...deps, sql: deps.db.sql }, {
          ...body,
          userId: principal.userId!,
          email: principal.email,
        });
        return c.json(booking, 201);
      });
    })
    .get("/", validate("query", ListQuery), async (c) => {
      const { limit, page } = c.req.valid("query");
      const ids = await listBookingIds(
        deps.db.sql,
        c.get("principal").userId!,
        limit,
        (page - 1) * limit,
      );
      const data = await Promise.all(ids.map((id) => getBooking(deps.db.sql, id)));
      return c.json({ data, page, limit });
    })
    .get(
      "/lookup",
      rateLimit({ store: deps.store, name: "lookup", limit: 30, windowMs: 60_000 }),
      validate("query", LookupQuery),
      async (c) => {
        const { pnr, lastName } = c.req.valid("query");
        const id = await findBookingByPnr(deps.db.sql, pnr, lastName);
        const booking = id && await getBooking(deps.db.sql, id);
        if (!booking) throw notFound("Booking", "No booking matches this PNR and last name.");
        // A PNR and a surname show the trip, not contact details or payments.
        const { payments: _p, userId: _u, holdId: _h, ...trip } = booking;
        return c.json({
          ...trip,
          passengers: trip.passengers.map((p) => ({
            firstName: p.firstName,
            lastName: p.lastName,
          })),
        });
      },
    )
    .get("/:id", validate("param", BookingIdParam), async (c) => {
      return c.json(await loadOwnBooking(deps, c.get("principal"), c.req.valid("param").id));
    })
    .patch(
      "/:id/seats",
      limited,
      validate("param", BookingIdParam),
      validate("json", SeatsBody),
      async (c) => {
        const booking = await loadOwnBooking(deps, c.get("principal"), c.req.valid("param").id);
        if (booking.status !== "held") {
          throw new AppError(409, "not_held", {
            detail: "Seats can be changed only while the booking is held.",
          });
        }
        const flight = (await getFlight(deps.db.sql, booking.flightId))!;
        const result = await deps.registry.send(flight.id, {
          type: "ChangeSeats",
          holdId: booking.holdId!,
          owner: booking.userId!,
          seats: c.req.valid("json").seats,
          exitRowEligible: exitRowEligible(booking.passengers, new Date(flight.departureAt)),
        });
        if (!result.ok) throw rejectionError(result);
        await updateBookingSeats(deps.db.sql, booking.id, result.hold!.seats);
        return c.json((await getBooking(deps.db.sql, booking.id))!);
      },
    );
}
