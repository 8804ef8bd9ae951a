/** What booking takes, as the bookings API and the booking pages validate it. */
import { z } from "zod";
import { CABIN_CODES } from "../../domain/seat_layout.ts";

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
