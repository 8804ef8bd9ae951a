/**
 * Operational notices about a flight: delay, gate change, cancellation, boarding, and a
 * passenger rebooked onto another flight. They go to the passengers of bookings that are
 * held or confirmed on the flight at the moment of the change (a cancelled or refunded
 * booking hears nothing more), and to assigned crew who have an account.
 */
import { type FlightStatus, kindForStatusChange } from "../domain/notification_kinds.ts";
import { getBooking } from "../db/bookings_repo.ts";
import { type FlightSummary, getFlight } from "../db/flights_repo.ts";
import {
  listFlightBookings,
  listFlightCrewUsers,
  listOnwardFlights,
  LIVE_BOOKING_STATES as ACTIVE,
} from "../db/flight_audience_repo.ts";
import type { EmailPayload } from "./email_templates.ts";
import {
  emailFlight,
  localTime,
  type NotifierDeps,
  type NotifyResult,
  notifyUser,
} from "./notifier.ts";

/** A flight status change as the operations side reports it. */
export interface FlightStatusChange {
  status: FlightStatus;
  reason?: string;
  /** New times (ISO instants or Dates) for a delay. */
  estimatedDepartureAt?: string | Date;
  estimatedArrivalAt?: string | Date;
  gate?: string;
  /**
   * Tells apart two identical changes that are both real (delayed to 10:00, to 11:00, back
   * to 10:00), e.g. the flight's version. Defaults to a digest of the change, so calling
   * twice with the same change notifies once.
   */
  changeId?: string | number;
}

/** Who was told about a status change, and as which kind (none when passengers need none). */
export interface StatusChangeReport {
  kind: string | null;
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

function statusCopy(f: FlightSummary, change: FlightStatusChange, kind: string) {
  const name = `${f.carrier} ${f.flightNumber} ${f.origin.iata}→${f.destination.iata}`;
  const why = change.reason ? ` Reason: ${change.reason}.` : "";
  const gate = change.gate ? ` Gate ${change.gate}.` : "";
  const newTime = change.estimatedDepartureAt
    ? localTime(change.estimatedDepartureAt, f.origin.tz)
    : undefined;
  switch (kind) {
    case "flight_cancelled":
      return {
        title: `${f.carrier} ${f.flightNumber} is cancelled`,
        body: `${name} on ${f.departureLocal.replace("T", " ")} is cancelled.${why} ` +
          `We will rebook you on the next available flight and tell you here.`,
      };
    case "flight_delayed":
      return {
        title: `${f.carrier} ${f.flightNumber} is delayed`,
        body: `${name} now departs ${newTime ? `at ${newTime} local time` : "later than planned"}` +
          ` (planned ${f.departureLocal.slice(11)}).${gate}${why}`,
      };
    case "flight_gate_changed":
      return {
        title: `${f.carrier} ${f.flightNumber}: new gate ${change.gate}`,
        body: `${name} now departs from gate ${change.gate}.${why}`,
      };
    default:
      return {
        title: `${f.carrier} ${f.flightNumber} is boarding`,
        body: `${name} is boarding.${gate}`,
      };
  }
}

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

/**
 * Tells everyone on a flight about a status change (see FlightStatusChange). Returns who
 * was told; `kind` null means the change needs no notice (departed, arrived, or back to
 * scheduled without a gate). Calling it again for the same change notifies nobody twice.
 */
export async function notifyFlightStatusChange(
  deps: NotifierDeps,
  flightId: string,
  change: FlightStatusChange,
): Promise<StatusChangeReport> {
  const kind = kindForStatusChange(change);
  const flight = await getFlight(deps.sql, flightId);
  if (!kind || !flight) return { kind: kind ?? null, passengers: 0, crew: 0 };
  const changeId = change.changeId !== undefined ? String(change.changeId) : await digest(change);
  const { title, body } = statusCopy(flight, change, kind);
  const data = {
    flightId,
    status: change.status,
    ...(change.gate ? { gate: change.gate } : {}),
    ...(change.estimatedDepartureAt
      ? { estimatedDepartureAt: new Date(change.estimatedDepartureAt).toISOString() }
      : {}),
    ...(change.estimatedArrivalAt
      ? { estimatedArrivalAt: new Date(change.estimatedArrivalAt).toISOString() }
      : {}),
  };
  const payload: Omit<EmailPayload, "name" | "title" | "body"> = {
    flight: emailFlight(flight),
    reason: change.reason,
    gate: change.gate,
    estimatedDepartureAt: change.estimatedDepartureAt
      ? `${localTime(change.estimatedDepartureAt, flight.origin.tz)} local time`
      : undefined,
  };
  const bookings = await listFlightBookings(deps.sql, flightId);
  // A later arrival can break a journey's connection: those passengers hear which one.
  const landing = change.estimatedArrivalAt
    ? new Date(change.estimatedArrivalAt).getTime()
    : undefined;
  const atRisk = new Map(
    landing === undefined ? [] : (await listOnwardFlights(deps.sql, flightId))
      .map((o) => [o.bookingId, { o, minutes: connectionAtRisk(landing, o) }] as const)
      .filter(([, x]) => x.minutes !== undefined),
  );
  for (const b of bookings) {
    const risk = atRisk.get(b.id);
    const note = risk
      ? ` Your connection ${risk.o.carrier} ${risk.o.flightNumber} to ${risk.o.destination} ` +
        `leaves ${risk.o.origin} at ${localTime(risk.o.departureAt, risk.o.originTz)} local ` +
        `time: ${risk.minutes} min after the new arrival, under the ${risk.o.minConnectionMinutes} ` +
        "min needed there, so we are moving you to a later connection and will tell you which."
      : "";
    await notifyUser(deps, {
      userId: b.userId,
      kind,
      title,
      body: body + note,
      data: {
        ...data,
        bookingId: b.id,
        pnr: b.pnr,
        ...(risk ? { connectionAtRisk: { flightId: risk.o.flightId, minutes: risk.minutes } } : {}),
      },
      dedupeKey: `${kind}:${flightId}:${changeId}:${b.id}`,
      // Checked again when the email goes out: a booking cancelled meanwhile gets nothing.
      email: { payload: { ...payload, pnr: b.pnr }, bookingId: b.id, requiresStatus: ACTIVE },
    });
  }
  const crew = await listFlightCrewUsers(deps.sql, flightId);
  for (const userId of crew) {
    await notifyUser(deps, {
      userId,
      kind,
      title,
      body,
      data: { ...data, crew: true },
      dedupeKey: `${kind}:${flightId}:${changeId}:crew:${userId}`,
      email: { payload },
    });
  }
  return { kind, passengers: bookings.length, crew: crew.length };
}

/**
 * Tells a passenger their booking was moved to another flight, or two with a connection
 * (involuntary reaccommodation). Nothing happens unless the booking is held or confirmed.
 */
export async function notifyFlightRebooked(
  deps: NotifierDeps,
  rebooking: {
    bookingId: string;
    fromFlightId: string;
    toFlightId: string;
    connectionFlightId?: string;
    seats?: string[];
  },
): Promise<NotifyResult | undefined> {
  const booking = await getBooking(deps.sql, rebooking.bookingId);
  const [from, to, next] = await Promise.all([
    getFlight(deps.sql, rebooking.fromFlightId),
    getFlight(deps.sql, rebooking.toFlightId),
    rebooking.connectionFlightId ? getFlight(deps.sql, rebooking.connectionFlightId) : undefined,
  ]);
  if (!booking?.userId || !ACTIVE.includes(booking.status) || !from || !to) return undefined;
  const seats = rebooking.seats ?? booking.seats;
  const leg = (f: FlightSummary) =>
    `${f.carrier} ${f.flightNumber} ${f.origin.iata}→${f.destination.iata}, departing ` +
    `${f.departureLocal.replace("T", " ")} local time`;
  return await notifyUser(deps, {
    userId: booking.userId,
    kind: "flight_rebooked",
    title: `Rebooked onto ${to.carrier} ${to.flightNumber}`,
    body: `Instead of ${from.carrier} ${from.flightNumber}, you now fly ${leg(to)}` +
      (next ? `, connecting to ${leg(next)}` : "") + "." +
      (seats.length ? ` Seats: ${seats.join(", ")}.` : ""),
    data: {
      bookingId: booking.id,
      pnr: booking.pnr,
      fromFlightId: from.id,
      toFlightId: to.id,
      ...(next ? { connectionFlightId: next.id } : {}),
    },
    dedupeKey: `flight_rebooked:${booking.id}:${to.id}`,
    email: {
      payload: { pnr: booking.pnr, flight: emailFlight(from), newFlight: emailFlight(to), seats },
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
