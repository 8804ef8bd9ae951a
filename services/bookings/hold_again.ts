/** Holding an expired booking's seats again: the same flights, seats and passengers. */
import { AppError } from "../../domain/app_error.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";
import { holdAlive, ownBooking } from "./own_booking.ts";
import { holdBooking, type HoldBookingDeps } from "./hold_booking.ts";
import { feeFreeSeats } from "../../db/seat_fees_repo.ts";

/** What holding again gave: the booking to go on with, or which seats are gone and where. */
export type HoldAgainOutcome =
  | { ok: true; bookingId: string }
  | {
    ok: false;
    status: number;
    message: string;
    /** The flight whose seats could not be held, to choose others on its map. */
    flightId?: string;
  };

function seatWords(seats: string[]): string {
  const [last, ...rest] = [...seats].reverse();
  return rest.length ? `Seats ${rest.reverse().join(", ")} and ${last} are` : `Seat ${last} is`;
}

/**
 * Makes a new hold of booking `bookingId`'s seats on every one of its flights for the same
 * passengers, if the hold ran out (a booking still held goes on as it is; a paid or cancelled
 * one cannot be held again: 409). All or nothing, like any hold; a refusal says which seats
 * are gone on which flight. Only the owner's booking (404 for anyone else's).
 */
export async function holdAgain(
  deps: HoldBookingDeps,
  user: { id: string; email?: string },
  bookingId: string,
): Promise<HoldAgainOutcome> {
  const booking = await ownBooking(deps.sql, user.id, bookingId);
  if (holdAlive(booking, deps.clock.now())) return { ok: true, bookingId: booking.id };
  if (booking.status !== "held" && booking.status !== "expired") {
    throw new AppError(409, "not_expired", {
      detail: `This booking is ${booking.status}; only an expired hold can be held again.`,
    });
  }
  // Every flight of the hold, whichever of them the projection has marked ended so far: an
  // unpaid booking's segments are exactly its journey.
  const segments = booking.segments;
  // Seats the airline chose stay free of seat fees when the same party holds them again.
  const free = await Promise.all(
    segments.map((g) => feeFreeSeats(deps.sql, booking.id, g.flightId)),
  );
  try {
    const held = await holdBooking(deps, {
      userId: user.id,
      email: user.email,
      segments: segments.map((g, i) => ({
        flightId: g.flightId,
        cabin: g.cabin as CabinCode,
        seats: g.seats,
        feeFreeSeats: free[i],
      })),
      passengers: booking.passengers.map((p) => ({
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth ?? undefined,
        email: p.email ?? undefined,
      })),
    });
    return { ok: true, bookingId: held.id };
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const at = typeof err.extensions?.segment === "number" ? err.extensions.segment : 0;
    const flightId = segments[at]?.flightId;
    const seats = err.errors?.filter((e) => /(^|\.)seats$/.test(e.path)).map((e) => e.message);
    const where = segments.length > 1 ? ` on flight ${at + 1} of your journey` : "";
    const message = seats?.length && (err.code === "seat_taken" || err.code === "seat_blocked")
      ? `${seatWords(seats)} no longer free${where}. Choose other seats on the seat map.`
      : (err.detail ?? err.title);
    return { ok: false, status: err.status, message, flightId };
  }
}
