/**
 * Notices an operator's change sends to everyone on a flight: a message (gate announcement),
 * a schedule change, and new seats after an aircraft change. Each notice has a dedupe key per
 * recipient, so running a producer again never tells anyone twice.
 */
import type { NotificationKind } from "../domain/notification_kinds.ts";
import type { SeatMove } from "../domain/inventory/commands.ts";
import { getFlight } from "../db/flights_repo.ts";
import {
  getLiveBooking,
  listFlightBookings,
  listFlightCrewUsers,
  LIVE_BOOKING_STATES,
} from "../db/flight_audience_repo.ts";
import { byAccount, emailFlight, type NotifierDeps, notifyUser } from "./notifier.ts";
import { listWords } from "../domain/flight_notice.ts";
import { formatInZone, localToUtc } from "../domain/time.ts";

/** Who hears a flight notice. */
export type Audience = "passengers" | "crew" | "all";

/** One notice to everyone on a flight. */
export interface FlightNotice {
  kind: NotificationKind;
  title: string;
  body: string;
  audience: Audience;
  /** Unique per notice (a message id, a schedule version); recipients are appended. */
  dedupeBase: string;
  data?: Record<string, unknown>;
}

/** How many people a notice went to. */
export interface AudienceReport {
  passengers: number;
  crew: number;
}

/**
 * Tells the passengers of live bookings (once per account, naming its bookings when several)
 * and/or the assigned crew of a flight.
 */
export async function notifyFlightAudience(
  deps: NotifierDeps,
  flightId: string,
  n: FlightNotice,
): Promise<AudienceReport> {
  const flight = await getFlight(deps.sql, flightId);
  if (!flight) return { passengers: 0, crew: 0 };
  const payload = { flight: emailFlight(flight) };
  const data = { ...n.data, flightId };
  const bookings = n.audience === "crew" ? [] : await listFlightBookings(deps.sql, flightId);
  const accounts = byAccount(bookings);
  for (const mine of accounts) {
    const [first] = mine;
    const pnrs = mine.map((b) => b.pnr);
    await notifyUser(deps, {
      userId: first.userId,
      kind: n.kind,
      title: n.title,
      body: n.body +
        (pnrs.length > 1 ? ` Your bookings ${listWords(pnrs)} are on this flight.` : ""),
      data: {
        ...data,
        bookingId: first.id,
        pnr: first.pnr,
        bookings: mine.map((b) => ({ id: b.id, pnr: b.pnr })),
      },
      dedupeKey: `${n.dedupeBase}:user:${first.userId}`,
      email: {
        payload: { ...payload, pnr: pnrs.join(", ") },
        // With several bookings the send-time check would follow only one: the email goes.
        ...(mine.length === 1 ? { bookingId: first.id, requiresStatus: LIVE_BOOKING_STATES } : {}),
      },
    });
  }
  const crew = n.audience === "passengers" ? [] : await listFlightCrewUsers(deps.sql, flightId);
  for (const userId of crew) {
    await notifyUser(deps, {
      userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      data: { ...data, crew: true },
      dedupeKey: `${n.dedupeBase}:crew:${userId}`,
      email: { payload },
    });
  }
  return { passengers: accounts.length, crew: crew.length };
}

/**
 * Tells each passenger whose seats an aircraft change moved where they sit now. `changeId`
 * (the event's seq) keeps two aircraft changes of one flight apart.
 */
export async function notifySeatChanges(
  deps: NotifierDeps,
  flightId: string,
  moves: SeatMove[],
  changeId: number,
): Promise<number> {
  const flight = await getFlight(deps.sql, flightId);
  if (!flight) return 0;
  let told = 0;
  for (const m of moves) {
    if (m.kind !== "sale" || m.to.every((to, i) => to === m.from[i])) continue;
    const booking = await getLiveBooking(deps.sql, m.ref);
    if (!booking) continue;
    const seats = m.to.map((to) => to ?? "assigned at check-in");
    const pairs = m.from.map((from, i) => `${from} → ${seats[i]}`).join(", ");
    await notifyUser(deps, {
      userId: booking.userId,
      kind: "seat_changed",
      title: `New seats on ${flight.carrier} ${flight.flightNumber}`,
      body: `${flight.carrier} ${flight.flightNumber} ${flight.origin.iata}→` +
        `${flight.destination.iata} now flies a ${flight.aircraftName}. Your seats: ${pairs}.`,
      data: { flightId, bookingId: booking.id, pnr: booking.pnr, from: m.from, to: m.to },
      dedupeKey: `seat_changed:${flightId}:${changeId}:${booking.id}`,
      email: {
        payload: { flight: emailFlight(flight), pnr: booking.pnr, seats },
        bookingId: booking.id,
        requiresStatus: LIVE_BOOKING_STATES,
      },
    });
    told++;
  }
  return told;
}

/** The copy of a schedule change notice: old and new local departure times. */
export function scheduleChangeCopy(
  f: { carrier: string; flightNumber: string; origin: { iata: string; tz: string } },
  destination: string,
  before: string,
  after: Date,
) {
  const now = formatInZone(after, f.origin.tz);
  const was = formatInZone(localToUtc(before.slice(0, 16), f.origin.tz), f.origin.tz);
  return {
    title: `${f.carrier} ${f.flightNumber} has a new schedule`,
    body: `${f.carrier} ${f.flightNumber} ${f.origin.iata}→${destination} now departs ` +
      `${now} (was ${was}).`,
  };
}
