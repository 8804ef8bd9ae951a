/**
 * A guest's access to one trip: a PNR and a passenger's surname, checked once, become a
 * short-lived token for that booking only (never the account that booked it). With it a guest
 * sees the trip, checks in, gets boarding passes and cancels, by the same rules as the owner.
 */
import { signTripToken, TRIP_TTL_SECONDS } from "../../adapters/tokens.ts";
import { notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import type { BookedLeg, BookingView } from "../../domain/views/booking.ts";
import { bookingLegs, findBookingByPnr, getBooking } from "../../db/bookings_repo.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import type { Sql } from "../../db/postgres.ts";

/** What granting trip access needs. */
export interface GuestTripDeps {
  sql: Sql;
  clock: Clock;
  jwtSecret: string;
}

/** A guest's access to one booking: the token and when it lapses. */
export interface TripGrant {
  bookingId: string;
  pnr: string;
  token: string;
  expiresAt: string;
}

/** The one answer for a wrong PNR and a wrong surname alike, so neither can be probed apart. */
const NO_MATCH = "No booking matches this PNR and last name.";

/** Checks a PNR and surname and grants their booking for 30 minutes; otherwise a 404. */
export async function grantTrip(
  deps: GuestTripDeps,
  query: { pnr: string; lastName: string },
): Promise<TripGrant> {
  const id = await findBookingByPnr(deps.sql, query.pnr, query.lastName);
  if (!id) throw notFound("Booking", NO_MATCH);
  const now = deps.clock.now();
  return {
    bookingId: id,
    pnr: query.pnr,
    token: await signTripToken(id, deps.jwtSecret, now),
    expiresAt: new Date(now.getTime() + TRIP_TTL_SECONDS * 1000).toISOString(),
  };
}

/** The booking a trip grant names (404 when it is gone, e.g. its account was erased). */
export async function grantedBooking(sql: Sql, bookingId: string): Promise<BookingView> {
  const booking = await getBooking(sql, bookingId);
  if (!booking) throw notFound("Booking", NO_MATCH);
  return booking;
}

/** The granted booking with its flights in travel order. */
export async function grantedBookingWithLegs(
  sql: Sql,
  bookingId: string,
): Promise<{ booking: BookingView; legs: BookedLeg[] }> {
  const booking = await grantedBooking(sql, bookingId);
  return { booking, legs: await bookingLegs(sql, booking) };
}

/** The granted booking with its first flight. */
export async function grantedBookingWithFlight(
  sql: Sql,
  bookingId: string,
): Promise<{ booking: BookingView; flight: FlightSummary }> {
  const booking = await grantedBooking(sql, bookingId);
  return { booking, flight: (await getFlight(sql, booking.flightId))! };
}
