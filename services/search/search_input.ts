/** A flight search as the search API and the search pages take it. */
import { z } from "zod";
import { iataCode as iata } from "../../domain/airport_code.ts";
import { CABIN_CODES } from "../../domain/seat_layout.ts";

const party = z.coerce.number().int().min(1).max(9).default(1);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");
/** Query of `GET /api/flights/search`. */
export const SearchQuery = z.object({
  from: iata,
  to: iata,
  date: z.iso.date(),
  /** A round trip's way back, on or after `date`. */
  returnDate: z.iso.date().optional(),
  cabin: z.enum(CABIN_CODES).default("Y"),
  passengers: party,
  sort: z.enum(["price", "duration", "departure", "best"]).default("best"),
  departAfter: clock.optional(),
  departBefore: clock.optional(),
  maxPrice: z.coerce.number().int().min(0).optional(),
  maxStops: z.coerce.number().int().min(0).max(1).default(1).transform((n) => n as 0 | 1),
  page: z.coerce.number().int().min(1).max(100).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(20),
}).refine((q) => q.from !== q.to, { message: "from and to must differ", path: ["to"] })
  .refine((q) => !q.returnDate || q.returnDate >= q.date, {
    message: "the return cannot be before the departure",
    path: ["returnDate"],
  });
/** Query of `GET /api/flights/calendar`. */
export const CalendarQuery = z.object({
  from: iata,
  to: iata,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM"),
  cabin: z.enum(CABIN_CODES).default("Y"),
  passengers: party,
}).refine((q) => q.from !== q.to, { message: "from and to must differ", path: ["to"] });
