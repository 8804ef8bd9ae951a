/** What booking takes, as the bookings API and the booking pages validate it. */
import { z } from "zod";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { MAX_SEGMENTS } from "../../domain/journey.ts";

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
/** One flight of a booking request: its cabin, and the seats when chosen. */
const Segment = z.object({
  flightId: z.uuid(),
  cabin: z.enum(CABIN_CODES),
  seats: z.array(seatId).min(1).max(9).optional(),
});
/** A flight to book, as given in a request. */
export type SegmentInput = z.infer<typeof Segment>;

/**
 * Body of `POST /api/bookings`: `segments` (1-4 flights in travel order, one journey), or one
 * flight as `flightId`, `cabin` and `seats` (a one-segment booking).
 */
export const CreateBooking = z.object({
  segments: z.array(Segment).min(1).max(MAX_SEGMENTS).optional().meta({
    description: `The journey's flights in travel order (1-${MAX_SEGMENTS}); ` +
      "or give flightId, cabin and seats for one flight.",
  }),
  flightId: z.uuid().optional(),
  cabin: z.enum(CABIN_CODES).optional(),
  seats: z.array(seatId).min(1).max(9).optional(),
  passengers: z.array(Passenger).min(1).max(9),
}).superRefine((b, ctx) => {
  if (b.segments && (b.flightId || b.cabin || b.seats)) {
    ctx.addIssue({
      code: "custom",
      path: ["segments"],
      message: "give segments, or flightId and cabin, not both",
    });
    return;
  }
  if (!b.segments && (!b.flightId || !b.cabin)) {
    ctx.addIssue({
      code: "custom",
      path: [b.flightId ? "cabin" : "flightId"],
      message: "required (or give segments)",
    });
    return;
  }
  for (const [i, g] of bookingSegments(b).entries()) {
    if (g.seats && g.seats.length !== b.passengers.length) {
      ctx.addIssue({
        code: "custom",
        path: b.segments ? ["segments", i, "seats"] : ["seats"],
        message: "choose one seat per passenger, or none",
      });
    }
  }
});

/** The flights a booking request names, in the order given. */
export function bookingSegments(
  b: {
    segments?: SegmentInput[];
    flightId?: string;
    cabin?: SegmentInput["cabin"];
    seats?: string[];
  },
): SegmentInput[] {
  return b.segments ??
    [{ flightId: b.flightId!, cabin: b.cabin!, ...(b.seats ? { seats: b.seats } : {}) }];
}
/** Body of `PATCH /api/bookings/:id/seats`. */
export const SeatsBody = z.object({
  seats: z.array(seatId).min(1).max(9),
  flightId: z.uuid().optional().meta({
    description: "Which of the booking's flights (default: its first).",
  }),
});
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
