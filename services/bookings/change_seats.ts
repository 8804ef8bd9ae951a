import { AppError } from "../../domain/app_error.ts";
import { exitRowEligible } from "../../domain/booking.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import { type BookingView, getBooking } from "../../db/bookings_repo.ts";
import { feeFreeSeats, updateSegmentSeats } from "../../db/seat_fees_repo.ts";
import { feesForSeats } from "./seat_fees.ts";
import type { Sql } from "../../db/postgres.ts";
import type { Actor } from "../actor.ts";
import { getFlight } from "../../db/flights_repo.ts";
import { bookingFor, ownBookingToChange } from "./my_bookings.ts";

/** What changing seats needs. */
export interface ChangeSeatsDeps {
  sql: Sql;
  registry: ActorRegistry;
}

/**
 * Moves a held booking's passengers to other seats on one of its flights (`flightId`, by
 * default its first) through that flight's actor (409 unless held, 422 for a flight not in the
 * booking; the actor's refusals as their problems) and returns the booking as it is now: its
 * total follows the new seats' fees (seats the airline chose at the hold stay free of fees).
 */
export async function changeSeats(
  deps: ChangeSeatsDeps,
  actor: Actor,
  input: { bookingId: string; seats: string[]; flightId?: string; staff?: boolean },
): Promise<BookingView> {
  const booking = input.staff
    ? await bookingFor(deps.sql, actor, input.bookingId)
    : await ownBookingToChange(deps.sql, actor, input.bookingId);
  if (booking.status !== "held") {
    throw new AppError(409, "not_held", {
      detail: "Seats can be changed only while the booking is held.",
    });
  }
  const segment = booking.segments.find((g) =>
    g.status === "held" && g.flightId === (input.flightId ?? booking.flightId)
  );
  if (!segment) {
    throw new AppError(422, "not_in_booking", {
      detail: "This flight is not part of the booking.",
      errors: [{ path: "flightId", message: "not a flight of this booking" }],
    });
  }
  const flight = (await getFlight(deps.sql, segment.flightId))!;
  const result = await deps.registry.send(flight.id, {
    type: "ChangeSeats",
    holdId: segment.holdId!,
    owner: booking.userId!,
    seats: input.seats,
    exitRowEligible: exitRowEligible(booking.passengers, new Date(flight.departureAt)),
  });
  if (!result.ok) throw rejectionError(result);
  const seats = result.hold!.seats;
  const free = new Set(await feeFreeSeats(deps.sql, booking.id, flight.id));
  const paying = seats.filter((s) => !free.has(s));
  await updateSegmentSeats(deps.sql, {
    bookingId: booking.id,
    flightId: flight.id,
    seats,
    fees: await feesForSeats(deps, flight.id, paying),
  });
  return (await getBooking(deps.sql, booking.id))!;
}
