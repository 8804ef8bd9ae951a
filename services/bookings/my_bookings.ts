import { AppError, notFound } from "../../domain/app_error.ts";
import {
  bookingLegs,
  type BookingView,
  findBookingByPnr,
  getBooking,
  listBookingIds,
} from "../../db/bookings_repo.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { type Actor, isStaff } from "../actor.ts";

/** A booking the actor may see: their own, or any for staff; otherwise 404 (not 403). */
export async function bookingFor(sql: Sql, actor: Actor, id: string): Promise<BookingView> {
  const booking = await getBooking(sql, id);
  if (!booking || (!isStaff(actor) && booking.userId !== actor.userId)) {
    throw notFound("Booking");
  }
  return booking;
}

/**
 * A booking the actor may change through the passenger endpoints: only their own. Staff get a
 * 403 pointing at the admin endpoints (which take a reason, apply the staff refund policy,
 * tell the passenger and are audited); anyone else a 404, as for a booking that is not there.
 */
export async function ownBookingToChange(sql: Sql, actor: Actor, id: string): Promise<BookingView> {
  const booking = await bookingFor(sql, actor, id);
  if (booking.userId === actor.userId) return booking;
  throw new AppError(403, "staff_use_admin", {
    detail: "Staff change a passenger's booking through /api/admin/bookings/{id}/…, with a reason.",
  });
}

/** A booking the actor may change (their own), with its flights in travel order. */
export async function ownBookingWithLegs(sql: Sql, actor: Actor, id: string) {
  const booking = await ownBookingToChange(sql, actor, id);
  return { booking, legs: await bookingLegs(sql, booking) };
}

/** A booking the actor may see, with its flights in travel order. */
export async function bookingWithLegs(sql: Sql, actor: Actor, id: string) {
  const booking = await bookingFor(sql, actor, id);
  return { booking, legs: await bookingLegs(sql, booking) };
}

/** A booking the actor may see, with the flight it is on. */
export async function bookingWithFlight(sql: Sql, actor: Actor, id: string) {
  const booking = await bookingFor(sql, actor, id);
  const flight = (await getFlight(sql, booking.flightId))!;
  return { booking, flight };
}

/** A page of the actor's own bookings, newest first. */
export async function listMyBookings(
  sql: Sql,
  actor: Actor,
  page: { limit: number; page: number },
) {
  const ids = await listBookingIds(sql, actor.userId!, page.limit, (page.page - 1) * page.limit);
  const bookings = await Promise.all(ids.map((id) => getBooking(sql, id)));
  return bookings.filter((b): b is BookingView => b !== undefined);
}

/** A booking as a guest may see it: no account, hold ids, contact details or payments. */
export function guestView(booking: BookingView) {
  const { payments: _p, userId: _u, holdId: _h, ...trip } = booking;
  return {
    ...trip,
    segments: trip.segments.map(({ holdId: _, ...g }) => g),
    passengers: trip.passengers.map((p) => ({ firstName: p.firstName, lastName: p.lastName })),
  };
}

/** The trip a PNR and surname find, without contact details or payments; else 404. */
export async function lookupTrip(sql: Sql, query: { pnr: string; lastName: string }) {
  const id = await findBookingByPnr(sql, query.pnr, query.lastName);
  const booking = id && await getBooking(sql, id);
  if (!booking) throw notFound("Booking", "No booking matches this PNR and last name.");
  return guestView(booking);
}

/** A booking as it is now (after a change the caller just made). */
export async function currentBooking(sql: Sql, id: string): Promise<BookingView | undefined> {
  return await getBooking(sql, id);
}
