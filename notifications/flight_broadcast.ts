/**
 * Notices an operator's change sends to everyone on a flight: a message (gate announcement),
 * a schedule change, and new seats after an aircraft change. Each notice has a dedupe key per
 * recipient, so running a producer again never tells anyone twice.
 */
import type { NotificationKind } from "../domain/notification_kinds.ts";
import type { SeatMove } from "../domain/inventory/commands.ts";
import { getFlight } from "../db/flights_repo.ts";
import { getBooking } from "../db/bookings_repo.ts";
import {
  listFlightBookings,
  listFlightCrewUsers,
  LIVE_BOOKING_STATES,
} from "../db/flight_audience_repo.ts";
import {
  bookingsEmail,
  byAccount,
  emailFlight,
  noticeFlight,
  type NotifierDeps,
  notifyUser,
} from "./notifier.ts";
import {
  bookingsBody,
  type BookingsMessage,
  type MovedSeats,
  movedSeatsLine,
  seatChangeNotice,
} from "../domain/flight_notice.ts";
import { type BookingView, liveSegments } from "../domain/views/booking.ts";
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
    const group: BookingsMessage = {
      lead: n.body,
      named: true,
      bookings: mine.map((b) => ({ id: b.id, pnr: b.pnr })),
    };
    await notifyUser(deps, {
      userId: first.userId,
      kind: n.kind,
      title: n.title,
      body: bookingsBody(group),
      data: {
        ...data,
        bookingId: first.id,
        pnr: first.pnr,
        bookings: mine.map((b) => ({ id: b.id, pnr: b.pnr })),
      },
      dedupeKey: `${n.dedupeBase}:user:${first.userId}`,
      email: bookingsEmail(group, payload),
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

/** A sale's seats that changed, each with its passenger's name (see passengerOn). */
function movedSeats(b: BookingView, flightId: string, m: SeatMove): MovedSeats["seats"] {
  return m.from.flatMap((from, i) =>
    m.to[i] === from ? [] : [{ passenger: passengerOn(b, flightId, m.to[i], i), from, to: m.to[i] }]
  );
}

/**
 * Who sits in a moved seat: the ticket whose coupon on the flight has the new seat (the
 * projector already moved it), else the booking's passenger at the seat's position.
 */
function passengerOn(b: BookingView, flightId: string, seat: string | null, i: number): string {
  const ticket = seat === null
    ? undefined
    : b.tickets.find((t) => t.coupons.some((c) => c.flightId === flightId && c.seat === seat));
  const p = b.passengers[ticket?.passenger ?? i];
  return p ? `${p.firstName} ${p.lastName}` : `Passenger ${i + 1}`;
}

/**
 * Tells each account whose seats an aircraft change moved where its passengers sit now: one
 * notice per account and change, with a line per booking (old → new seat for each passenger,
 * and which of the booking's flights this is when it has several). `changeId` (the event's
 * seq) keeps two aircraft changes of one flight apart. Returns the accounts told.
 */
export async function notifySeatChanges(
  deps: NotifierDeps,
  flightId: string,
  moves: SeatMove[],
  changeId: number,
): Promise<number> {
  const flight = await getFlight(deps.sql, flightId);
  if (!flight) return 0;
  const moved: {
    userId: string;
    id: string;
    pnr: string;
    seats: MovedSeats["seats"];
    line: string;
    at: string;
  }[] = [];
  for (const m of moves) {
    if (m.kind !== "sale" || m.to.every((to, i) => to === m.from[i])) continue;
    const b = await getBooking(deps.sql, m.ref);
    if (!b?.userId || !LIVE_BOOKING_STATES.includes(b.status)) continue;
    const legs = liveSegments(b.segments);
    const index = legs.findIndex((g) => g.flightId === flightId);
    const leg = legs.length > 1 && index >= 0 ? { index: index + 1, of: legs.length } : undefined;
    const seats = movedSeats(b, flightId, m);
    const line = movedSeatsLine({ pnr: b.pnr, leg, seats });
    moved.push({ userId: b.userId, id: b.id, pnr: b.pnr, seats, line, at: b.createdAt });
  }
  const text = seatChangeNotice(noticeFlight(flight), flight.aircraftName);
  // Oldest booking first, as every other flight notice lists them.
  const accounts = byAccount(
    moved.sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id)),
  );
  for (const mine of accounts) {
    const [first] = mine;
    const group: BookingsMessage = {
      lead: text.lead,
      bookings: mine.map((b) => ({ id: b.id, pnr: b.pnr, text: b.line })),
    };
    await notifyUser(deps, {
      userId: first.userId,
      kind: "seat_changed",
      title: text.title,
      body: bookingsBody(group),
      data: {
        flightId,
        bookingId: first.id,
        pnr: first.pnr,
        bookings: mine.map((b) => ({ id: b.id, pnr: b.pnr, seats: b.seats })),
      },
      dedupeKey: `seat_changed:${flightId}:${changeId}:user:${first.userId}`,
      email: bookingsEmail(group, { subject: text.subject, flight: emailFlight(flight) }),
    });
  }
  return accounts.length;
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
