/**
 * Producers for a booking's own life: confirmed, cancelled or refunded, its hold about to
 * expire, its hold expired. Each loads what it tells from Postgres, so callers pass ids.
 */
import { bookingIcs } from "../domain/ics.ts";
import { getBooking } from "../db/bookings_repo.ts";
import { type FlightSummary, getFlight } from "../db/flights_repo.ts";
import { money } from "./email_templates.ts";
import { emailFlight, type NotifierDeps, type NotifyResult, notifyUser } from "./notifier.ts";

const utc = (iso: string | Date) =>
  new Date(iso).toISOString().slice(0, 16).replace("T", " ") +
  " UTC";

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
  const flight = (await getFlight(deps.sql, booking.flightId))!;
  const tickets = booking.tickets.map((t) => {
    const p = booking.passengers[t.passenger];
    return { number: t.number, passenger: `${p?.firstName} ${p?.lastName}`, seat: t.seat };
  });
  const ics = bookingIcs(flight, booking.pnr, booking.seats, deps.clock.now());
  return await notifyUser(deps, {
    userId: booking.userId,
    kind: "booking_confirmed",
    title: `Booking ${booking.pnr} confirmed`,
    body: `${flightName(flight)} departs ${flight.departureLocal.replace("T", " ")} local time. ` +
      `E-tickets: ${tickets.map((t) => t.number).join(", ")}.`,
    data: {
      bookingId,
      pnr: booking.pnr,
      flightId: flight.id,
      tickets: tickets.map((t) => t.number),
    },
    dedupeKey: `booking_confirmed:${bookingId}`,
    email: {
      payload: { pnr: booking.pnr, flight: emailFlight(flight), tickets, seats: booking.seats },
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

type HeldRow = {
  id: string;
  pnr: string;
  user_id: string;
  flight_id: string;
  seats: string[];
  expires_at: Date;
};

async function eachWithFlight(
  deps: NotifierDeps,
  rows: HeldRow[],
  fn: (row: HeldRow, flight: FlightSummary) => Promise<unknown>,
): Promise<number> {
  const flights = new Map<string, FlightSummary | undefined>();
  let done = 0;
  for (const row of rows) {
    if (!flights.has(row.flight_id)) {
      flights.set(row.flight_id, await getFlight(deps.sql, row.flight_id));
    }
    const flight = flights.get(row.flight_id);
    if (!flight) continue;
    await fn(row, flight);
    done++;
  }
  return done;
}

/**
 * Tells owners of held bookings that expire within `withinMs` (default 5 min) to pay now.
 * Runs from the once-a-minute cron; the dedupe key makes it once per hold, and the email is
 * dropped at send time if the booking was paid or cancelled meanwhile.
 */
export async function notifyHoldsExpiringSoon(
  deps: NotifierDeps,
  withinMs = 5 * 60_000,
): Promise<number> {
  const now = deps.clock.now();
  const rows = await deps.sql<HeldRow[]>`
    SELECT b.id, b.pnr, b.user_id, b.flight_id, b.seats, b.expires_at FROM bookings b
    WHERE b.status = 'held' AND b.user_id IS NOT NULL
      AND b.expires_at > ${now} AND b.expires_at <= ${new Date(now.getTime() + withinMs)}
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'hold_expiring:' || b.id)
    ORDER BY b.expires_at LIMIT 500`;
  return await eachWithFlight(deps, rows, (b, flight) =>
    notifyUser(deps, {
      userId: b.user_id,
      kind: "hold_expiring",
      title: `Pay soon to keep your seats on ${flight.carrier} ${flight.flightNumber}`,
      body: `Seats ${b.seats.join(", ")} on ${flightName(flight)} are held until ${
        utc(b.expires_at)
      }. Pay before then or they go back on sale.`,
      data: { bookingId: b.id, pnr: b.pnr, flightId: b.flight_id, expiresAt: b.expires_at },
      dedupeKey: `hold_expiring:${b.id}`,
      email: {
        payload: {
          pnr: b.pnr,
          flight: emailFlight(flight),
          seats: b.seats,
          expiresAt: utc(b.expires_at),
        },
        bookingId: b.id,
        requiresStatus: ["held"],
      },
    }));
}

/**
 * Tells owners whose held booking expired (the projector marks a booking expired only when
 * its hold expired while it was still held). Scoped to one flight from the queue path, or
 * every flight from the cron sweep; a day's look-back keeps the scan small.
 */
export async function notifyExpiredHolds(deps: NotifierDeps, flightId?: string): Promise<number> {
  const since = new Date(deps.clock.now().getTime() - 24 * 3600_000);
  const rows = await deps.sql<HeldRow[]>`
    SELECT b.id, b.pnr, b.user_id, b.flight_id, b.seats, b.expires_at FROM bookings b
    WHERE b.status = 'expired' AND b.user_id IS NOT NULL AND b.expires_at > ${since}
      ${flightId ? deps.sql`AND b.flight_id = ${flightId}` : deps.sql``}
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'hold_expired:' || b.id)
    ORDER BY b.expires_at LIMIT 500`;
  return await eachWithFlight(deps, rows, (b, flight) =>
    notifyUser(deps, {
      userId: b.user_id,
      kind: "hold_expired",
      title: `Your hold on ${flight.carrier} ${flight.flightNumber} expired`,
      body: `Seats ${b.seats.join(", ")} on ${flightName(flight)} were released because ` +
        `the hold expired before payment. Search again to book.`,
      data: { bookingId: b.id, pnr: b.pnr, flightId: b.flight_id },
      dedupeKey: `hold_expired:${b.id}`,
      email: { payload: { pnr: b.pnr, flight: emailFlight(flight), seats: b.seats } },
    }));
}
