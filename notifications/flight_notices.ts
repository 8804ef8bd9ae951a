/**
 * Operational notices about a flight: delay, gate change, cancellation, boarding, and a
 * passenger rebooked onto another flight. They go to the passengers of bookings that are
 * held or confirmed on the flight at the moment of the change (a cancelled or refunded
 * booking hears nothing more), and to assigned crew who have an account.
 */
import { type FlightStatus, kindForStatusChange } from "../domain/notification_kinds.ts";
import {
  bookingsBody,
  type BookingsMessage,
  type RebookedLeg,
  rebookingNotice,
  statusNotice,
} from "../domain/flight_notice.ts";
import { formatInZone } from "../domain/time.ts";
import type { BookingView } from "../domain/views/booking.ts";
import { getBooking } from "../db/bookings_repo.ts";
import { type FlightSummary, getFlight } from "../db/flights_repo.ts";
import {
  listFlightBookings,
  listFlightCrewUsers,
  listOnwardFlights,
  LIVE_BOOKING_STATES as ACTIVE,
  type OnwardConnection,
} from "../db/flight_audience_repo.ts";
import { listReaccommodated } from "../db/reaccommodation_repo.ts";
import type { EmailPayload } from "./email_templates.ts";
import {
  bookingsEmail,
  byAccount,
  emailFlight,
  noticeFlight,
  type NotifierDeps,
  type NotifyResult,
  notifyUser,
} from "./notifier.ts";

/** A flight status change as the operations side reports it. */
export interface FlightStatusChange {
  status: FlightStatus;
  /** What the operator did (the published change's kind: delayed, gate_changed, boarding...). */
  event?: string;
  reason?: string;
  /** New times (ISO instants or Dates) for a delay. */
  estimatedDepartureAt?: string | Date;
  estimatedArrivalAt?: string | Date;
  /** Only a new gate: boarding at the gate already announced is no gate change. */
  gate?: string;
  /**
   * Tells apart two identical changes that are both real (delayed to 10:00, to 11:00, back
   * to 10:00), e.g. the flight's version. Defaults to a digest of the change, so calling
   * twice with the same change notifies once.
   */
  changeId?: string | number;
  /**
   * Whom to tell (default both). A cancellation tells crew at once and passengers later, and
   * only those whose reaccommodation has no outcome: a rebooking or refund offer tells them.
   */
  audience?: "crew" | "passengers";
}

/** Who was told about a status change, and as which kind (none when passengers need none). */
export interface StatusChangeReport {
  kind: string | null;
  /** Passengers told: one per account, however many of its bookings are on the flight. */
  passengers: number;
  crew: number;
}

async function digest(change: FlightStatusChange): Promise<string> {
  const canonical = JSON.stringify([
    change.status,
    change.reason ?? null,
    change.estimatedDepartureAt ? new Date(change.estimatedDepartureAt).toISOString() : null,
    change.estimatedArrivalAt ? new Date(change.estimatedArrivalAt).toISOString() : null,
    change.gate ?? null,
  ]);
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return [...new Uint8Array(hash).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
}

const iso = (t: string | Date | undefined) => (t ? new Date(t).toISOString() : undefined);

/**
 * The minutes left to make a connection after landing at `landing` (epoch ms), when fewer than
 * the connecting airport needs (negative: it leaves before the flight lands); undefined when
 * the connection still works.
 */
export function connectionAtRisk(
  landing: number,
  onward: { departureAt: Date; minConnectionMinutes: number },
): number | undefined {
  const minutes = Math.floor((onward.departureAt.getTime() - landing) / 60_000);
  return minutes < onward.minConnectionMinutes ? minutes : undefined;
}

/** What a booking whose connection a later arrival breaks is told about it. */
function connectionNote(o: OnwardConnection, minutes: number): string {
  return `Your connection ${o.carrier} ${o.flightNumber} to ${o.destination} leaves ` +
    `${o.origin} at ${formatInZone(o.departureAt, o.originTz)}: ${minutes} min after the ` +
    `new arrival, under the ${o.minConnectionMinutes} min needed there, so we are moving ` +
    "you to a later connection and will tell you which.";
}

/** The bookings on a flight whose connections land too late for `landing`, with the minutes. */
async function connectionsAtRisk(deps: NotifierDeps, flightId: string, landing?: number) {
  if (landing === undefined) return new Map<string, { o: OnwardConnection; minutes: number }>();
  return new Map(
    (await listOnwardFlights(deps.sql, flightId))
      .map((o) => [o.bookingId, { o, minutes: connectionAtRisk(landing, o) }] as const)
      .filter((x): x is [string, { o: OnwardConnection; minutes: number }] =>
        x[1].minutes !== undefined
      ),
  );
}

/**
 * Tells everyone on a flight about a status change (see FlightStatusChange): one notice per
 * account and change, titled by what changed, naming the account's bookings when it has
 * several. Returns who was told; `kind` null means the change needs no notice (departed,
 * arrived, or back to scheduled without a gate). Calling it again notifies nobody twice.
 */
export async function notifyFlightStatusChange(
  deps: NotifierDeps,
  flightId: string,
  change: FlightStatusChange,
): Promise<StatusChangeReport> {
  const kind = kindForStatusChange(change);
  const flight = kind && await getFlight(deps.sql, flightId);
  if (!kind || !flight) return { kind: kind ?? null, passengers: 0, crew: 0 };
  const words = { ...change, estimatedDepartureAt: iso(change.estimatedDepartureAt) };
  const f = noticeFlight(flight);
  const changeId = change.changeId !== undefined ? String(change.changeId) : await digest(change);
  const data = {
    flightId,
    status: change.status,
    ...(change.gate ? { gate: change.gate } : {}),
    ...(change.estimatedDepartureAt
      ? { estimatedDepartureAt: iso(change.estimatedDepartureAt) }
      : {}),
    ...(change.estimatedArrivalAt ? { estimatedArrivalAt: iso(change.estimatedArrivalAt) } : {}),
  };
  const payload: Omit<EmailPayload, "name" | "title" | "body"> = {
    flight: emailFlight(flight),
    reason: change.reason,
    gate: change.gate,
    estimatedDepartureAt: words.estimatedDepartureAt &&
      formatInZone(words.estimatedDepartureAt, flight.origin.tz),
  };
  let passengers = 0;
  if (change.audience !== "crew") {
    let bookings = await listFlightBookings(deps.sql, flightId);
    if (kind === "flight_cancelled") {
      // Whoever was rebooked or offered a refund heard of the cancellation in that message.
      const settled = await listReaccommodated(deps.sql, flightId);
      bookings = bookings.filter((b) => !settled.has(b.id));
    }
    // A later arrival can break a journey's connection: those passengers hear which one, with
    // the delay (a later gate change on the delayed flight carries the same times again).
    const landing = change.estimatedArrivalAt && kind === "flight_delayed"
      ? new Date(change.estimatedArrivalAt).getTime()
      : undefined;
    const atRisk = await connectionsAtRisk(deps, flightId, landing);
    const risky = (id: string) => {
      const risk = atRisk.get(id);
      return risk && connectionNote(risk.o, risk.minutes);
    };
    const text = statusNotice(f, words)!;
    for (const mine of byAccount(bookings)) {
      const risks = mine.flatMap((b) => atRisk.get(b.id) ?? []);
      const [first] = mine;
      const group: BookingsMessage = {
        lead: text.body,
        named: true,
        bookings: mine.map((b) => ({ id: b.id, pnr: b.pnr, text: risky(b.id) })),
      };
      await notifyUser(deps, {
        userId: first.userId,
        kind,
        title: text.title,
        body: bookingsBody(group),
        data: {
          ...data,
          bookingId: first.id,
          pnr: first.pnr,
          bookings: mine.map((b) => ({ id: b.id, pnr: b.pnr })),
          ...(risks.length
            ? { connectionAtRisk: { flightId: risks[0].o.flightId, minutes: risks[0].minutes } }
            : {}),
        },
        dedupeKey: `${kind}:${flightId}:${changeId}:user:${first.userId}`,
        email: bookingsEmail(group, { ...payload, subject: text.subject }),
      });
      passengers++;
    }
  }
  let crew = 0;
  if (change.audience !== "passengers") {
    const text = statusNotice(f, words, { crew: true })!;
    for (const userId of await listFlightCrewUsers(deps.sql, flightId)) {
      await notifyUser(deps, {
        userId,
        kind,
        title: text.title,
        body: text.body,
        data: { ...data, crew: true },
        dedupeKey: `${kind}:${flightId}:${changeId}:crew:${userId}`,
        email: { payload: { ...payload, subject: text.subject } },
      });
      crew++;
    }
  }
  return { kind, passengers, crew };
}

/** Each passenger's seat on one flight of a booking: from the tickets, else the segment. */
function legSeats(b: BookingView, flightId: string): RebookedLeg["seats"] {
  const name = (i: number) => `${b.passengers[i]?.firstName} ${b.passengers[i]?.lastName}`;
  const ticketed = b.tickets.flatMap((t) =>
    t.coupons.filter((c) => c.flightId === flightId)
      .map((c) => ({ passenger: name(t.passenger), seat: c.seat }))
  );
  if (ticketed.length) return ticketed;
  const seats = b.segments.find((g) => g.flightId === flightId)?.seats ?? [];
  return b.passengers.map((_, i) => ({ passenger: name(i), seat: seats[i] ?? null }));
}

/**
 * Tells a passenger their booking was moved to another flight, or two with a connection
 * (involuntary reaccommodation): one message per rebooking, leg by leg, old flight to new,
 * with each passenger's seat; for a cancellation it also tells the cancellation. Nothing
 * happens unless the booking is held or confirmed.
 */
export async function notifyFlightRebooked(
  deps: NotifierDeps,
  rebooking: {
    bookingId: string;
    fromFlightId: string;
    toFlightId: string;
    connectionFlightId?: string;
    /** Other flights of the journey given up with the first (a broken connection). */
    replaced?: string[];
  },
): Promise<NotifyResult | undefined> {
  const booking = await getBooking(deps.sql, rebooking.bookingId);
  const load = (ids: (string | undefined)[]) =>
    Promise.all(ids.flatMap((id) => id ? [getFlight(deps.sql, id)] : []));
  const [old, to] = await Promise.all([
    load([rebooking.fromFlightId, ...rebooking.replaced ?? []]),
    load([rebooking.toFlightId, rebooking.connectionFlightId]),
  ]);
  if (!booking?.userId || !ACTIVE.includes(booking.status)) return undefined;
  const from = old.filter((f): f is FlightSummary => !!f);
  const legs = to.filter((f): f is FlightSummary => !!f);
  if (from.length !== old.length || legs.length !== to.length) return undefined;
  const seats = legs.map((f) => legSeats(booking, f.id));
  const text = rebookingNotice({
    pnr: booking.pnr,
    cause: from[0].status === "cancelled" ? "cancelled" : "connection",
    from: from.map(noticeFlight),
    to: legs.map((f, i) => ({ flight: noticeFlight(f), seats: seats[i] })),
  });
  return await notifyUser(deps, {
    userId: booking.userId,
    kind: "flight_rebooked",
    title: text.title,
    body: text.body,
    data: {
      bookingId: booking.id,
      pnr: booking.pnr,
      fromFlightId: from[0].id,
      toFlightId: legs[0].id,
      ...(legs[1] ? { connectionFlightId: legs[1].id } : {}),
    },
    dedupeKey: `flight_rebooked:${booking.id}:${legs[0].id}`,
    email: {
      payload: {
        subject: text.subject,
        pnr: booking.pnr,
        flight: emailFlight(from[0]),
        newFlight: emailFlight(legs[0]),
        replaced: from.map(emailFlight),
        legs: legs.map((f, i) => ({
          flight: emailFlight(f),
          seats: seats[i].map((x) => `${x.passenger} ${x.seat ?? "(at check-in)"}`),
        })),
      },
      bookingId: booking.id,
      requiresStatus: ACTIVE,
    },
  });
}

/**
 * Tells a passenger no flight had seats for them after a cancellation: cancelling the
 * booking refunds it in full.
 */
export async function notifyRefundOffered(
  deps: NotifierDeps,
  bookingId: string,
): Promise<NotifyResult | undefined> {
  const booking = await getBooking(deps.sql, bookingId);
  const flight = booking && await getFlight(deps.sql, booking.flightId);
  if (!booking?.userId || booking.status !== "confirmed" || !flight) return undefined;
  return await notifyUser(deps, {
    userId: booking.userId,
    kind: "flight_refund_offered",
    title: `${flight.carrier} ${flight.flightNumber} is cancelled: full refund available`,
    body: `We could not find you a seat on another flight from ${flight.origin.iata} to ` +
      `${flight.destination.iata} within three days. Cancel booking ${booking.pnr} for a full ` +
      "refund of what you paid.",
    data: { bookingId: booking.id, pnr: booking.pnr, flightId: flight.id },
    dedupeKey: `flight_refund_offered:${booking.id}`,
    email: {
      payload: { pnr: booking.pnr, flight: emailFlight(flight) },
      bookingId: booking.id,
      requiresStatus: ["confirmed"],
    },
  });
}
