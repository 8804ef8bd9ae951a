/**
 * Producers for a booking's own life: confirmed, cancelled or refunded, its hold about to
 * expire, its hold expired. Each loads what it tells from Postgres, so callers pass ids.
 */
import { bookingIcs } from "../domain/ics.ts";
import { bookingLegs, getBooking } from "../db/bookings_repo.ts";
import { type FlightSummary, getFlight } from "../db/flights_repo.ts";
import { enqueueHoldExpiringNotices } from "../db/notice_outbox_repo.ts";
import { formatInZone } from "../domain/time.ts";
import { money } from "./email_templates.ts";
import { emailFlight, type NotifierDeps, type NotifyResult, notifyUser } from "./notifier.ts";

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

const flightName = (f: FlightSummary) =>
  `${f.carrier} ${f.flightNumber} ${f.origin.iata}→${f.destination.iata}`;

/**
 * Booking confirmed: e-ticket numbers and the itinerary, with the .ics attached to the
 * email. Does nothing unless the booking is confirmed.
 */
export async function notifyBookingConfirmed(
  deps: NotifierDeps,
  bookingId: string,
): Promise<NotifyResult | undefined> {
  const booking = await getBooking(deps.sql, bookingId);
  if (!booking?.userId || booking.status !== "confirmed") return undefined;
  const legs = await bookingLegs(deps.sql, booking);
  const flight = legs[0].flight;
  const tickets = booking.tickets.map((t) => {
    const p = booking.passengers[t.passenger];
    return { number: t.number, passenger: `${p?.firstName} ${p?.lastName}`, seat: t.seat };
  });
  const ics = bookingIcs(legs, booking.pnr, deps.clock.now());
  const connections = legs.slice(1).map((l) => `, then ${flightName(l.flight)}`).join("");
  return await notifyUser(deps, {
    userId: booking.userId,
    kind: "booking_confirmed",
    title: `Booking ${booking.pnr} confirmed`,
    body: `${flightName(flight)} departs ${formatInZone(flight.departureAt, flight.origin.tz)}` +
      `${connections}. ` +
      `E-tickets: ${tickets.map((t) => t.number).join(", ")}.`,
    data: {
      bookingId,
      pnr: booking.pnr,
      flightId: flight.id,
      tickets: tickets.map((t) => t.number),
    },
    dedupeKey: `booking_confirmed:${bookingId}`,
    email: {
      payload: {
        pnr: booking.pnr,
        flight: emailFlight(flight),
        legs: legs.map((l) => ({ flight: emailFlight(l.flight), seats: l.seats })),
        tickets,
        seats: booking.seats,
      },
      attachments: [{
        filename: `contrail-${booking.pnr}.ics`,
        contentType: "text/calendar; charset=utf-8",
        content: base64Utf8(ics),
      }],
    },
  });
}

/** Booking cancelled by its owner, with the refund when there was one. */
export async function notifyBookingCancelled(
  deps: NotifierDeps,
  bookingId: string,
  refunded: number,
): Promise<NotifyResult | undefined> {
  const booking = await getBooking(deps.sql, bookingId);
  if (!booking?.userId) return undefined;
  const flight = (await getFlight(deps.sql, booking.flightId))!;
  const refund = refunded > 0 ? { amount: refunded, currency: booking.currency } : undefined;
  return await notifyUser(deps, {
    userId: booking.userId,
    kind: refund ? "booking_refunded" : "booking_cancelled",
    title: refund ? `Booking ${booking.pnr} refunded` : `Booking ${booking.pnr} cancelled`,
    body: `Your booking on ${flightName(flight)} is cancelled and its seats released.` +
      (refund ? ` ${money(refund.amount, refund.currency)} is on its way back to your card.` : ""),
    data: { bookingId, pnr: booking.pnr, flightId: flight.id, refunded },
    dedupeKey: `booking_cancelled:${bookingId}`,
    email: { payload: { pnr: booking.pnr, flight: emailFlight(flight), refund } },
  });
}

/** A held or expired booking with what its notices need, or undefined without an owner. */
async function heldBooking(deps: NotifierDeps, bookingId: string, status: string) {
  const booking = await getBooking(deps.sql, bookingId);
  if (!booking?.userId || booking.status !== status) return undefined;
  const flight = await getFlight(deps.sql, booking.flightId);
  return flight && { booking, flight, userId: booking.userId };
}

/**
 * Tells the owner of a held booking that its hold ends soon: pay now. Nothing when it was
 * paid, cancelled or expired meanwhile; the email is dropped at send time if that happens
 * later.
 */
export async function notifyHoldExpiring(
  deps: NotifierDeps,
  bookingId: string,
): Promise<NotifyResult | undefined> {
  const held = await heldBooking(deps, bookingId, "held");
  if (!held) return undefined;
  const { booking: b, flight, userId } = held;
  return await notifyUser(deps, {
    userId,
    kind: "hold_expiring",
    title: `Pay soon to keep your seats on ${flight.carrier} ${flight.flightNumber}`,
    body: `Seats ${b.seats.join(", ")} on ${flightName(flight)} are held until ${
      formatInZone(b.expiresAt!, flight.origin.tz)
    }. Pay before then or they go back on sale.`,
    data: { bookingId: b.id, pnr: b.pnr, flightId: b.flightId, expiresAt: b.expiresAt },
    dedupeKey: `hold_expiring:${b.id}`,
    email: {
      payload: {
        pnr: b.pnr,
        flight: emailFlight(flight),
        seats: b.seats,
        expiresAt: formatInZone(b.expiresAt!, flight.origin.tz),
      },
      bookingId: b.id,
      requiresStatus: ["held"],
    },
  });
}

/**
 * Queues the "pay soon" notice for held bookings that expire within `withinMs` (default
 * 5 min) and were not told yet: one bounded INSERT from the once-a-minute cron, keyed by
 * what is not done (the notice's own key), so a sweep never re-reads finished work.
 */
export async function enqueueHoldsExpiringSoon(
  sql: NotifierDeps["sql"],
  now: Date,
  withinMs = 5 * 60_000,
  limit = 1000,
): Promise<number> {
  return await enqueueHoldExpiringNotices(sql, now, new Date(now.getTime() + withinMs), limit);
}

/**
 * Tells the owner that their held booking expired (the projector marks a booking expired,
 * and queues this notice with it, only when its hold expired while it was still held).
 */
export async function notifyHoldExpired(
  deps: NotifierDeps,
  bookingId: string,
): Promise<NotifyResult | undefined> {
  const held = await heldBooking(deps, bookingId, "expired");
  if (!held) return undefined;
  const { booking: b, flight, userId } = held;
  return await notifyUser(deps, {
    userId,
    kind: "hold_expired",
    title: `Your hold on ${flight.carrier} ${flight.flightNumber} expired`,
    body: `Seats ${b.seats.join(", ")} on ${flightName(flight)} were released because ` +
      `the hold expired before payment. Search again to book.`,
    data: { bookingId: b.id, pnr: b.pnr, flightId: b.flightId },
    dedupeKey: `hold_expired:${b.id}`,
    email: { payload: { pnr: b.pnr, flight: emailFlight(flight), seats: b.seats } },
  });
}
