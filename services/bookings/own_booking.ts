import { notFound } from "../../domain/app_error.ts";
import type { BookedLeg, BookingView } from "../../domain/views/booking.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { bookingLegs, getBooking } from "../../db/bookings_repo.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/**
 * A booking of the signed-in user. Anyone else's, like one that does not exist, is a 404:
 * the pages never confirm that a booking id exists.
 */
export async function ownBooking(sql: Sql, userId: string, id: string): Promise<BookingView> {
  const booking = await getBooking(sql, id);
  if (!booking || booking.userId !== userId) throw notFound("Booking");
  return booking;
}

/** True while a held booking's seats are still held at `now`. */
export function holdAlive(booking: BookingView, now: Date): boolean {
  return booking.status === "held" && booking.expiresAt !== null &&
    Date.parse(booking.expiresAt) > now.getTime();
}

/** A booking of the signed-in user with its flight (404 like ownBooking). */
export async function ownBookingWithFlight(
  sql: Sql,
  userId: string,
  id: string,
): Promise<{ booking: BookingView; flight: FlightSummary }> {
  const booking = await ownBooking(sql, userId, id);
  return { booking, flight: (await getFlight(sql, booking.flightId))! };
}

/** A booking of the signed-in user with its flights in travel order (404 like ownBooking). */
export async function ownBookingWithLegs(
  sql: Sql,
  userId: string,
  id: string,
): Promise<{ booking: BookingView; legs: BookedLeg[] }> {
  const booking = await ownBooking(sql, userId, id);
  return { booking, legs: await bookingLegs(sql, booking) };
}
