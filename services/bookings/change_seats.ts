import { AppError } from "../../domain/app_error.ts";
import { exitRowEligible } from "../../domain/booking.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import { type BookingView, getBooking, updateBookingSeats } from "../../db/bookings_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { Actor } from "../actor.ts";
import { bookingWithFlight } from "./my_bookings.ts";

/** What changing seats needs. */
export interface ChangeSeatsDeps {
  sql: Sql;
  registry: ActorRegistry;
}

/**
 * Moves a held booking's passengers to other seats through the flight's actor (409 unless
 * held; the actor's refusals as their problems) and returns the booking as it is now.
 */
export async function changeSeats(
  deps: ChangeSeatsDeps,
  actor: Actor,
  input: { bookingId: string; seats: string[] },
): Promise<BookingView> {
  const { booking, flight } = await bookingWithFlight(deps.sql, actor, input.bookingId);
  if (booking.status !== "held") {
    throw new AppError(409, "not_held", {
      detail: "Seats can be changed only while the booking is held.",
    });
  }
  const result = await deps.registry.send(flight.id, {
    type: "ChangeSeats",
    holdId: booking.holdId!,
    owner: booking.userId!,
    seats: input.seats,
    exitRowEligible: exitRowEligible(booking.passengers, new Date(flight.departureAt)),
  });
  if (!result.ok) throw rejectionError(result);
  await updateBookingSeats(deps.sql, booking.id, result.hold!.seats);
  return (await getBooking(deps.sql, booking.id))!;
}
