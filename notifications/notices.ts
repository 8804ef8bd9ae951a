/**
 * Every notice Contrail sends, as an outbox entry: use cases and the projector enqueue one
 * after (or with) the change it announces, and the notice worker produces it later, outside
 * any request and any lock. Each topic names the producer that turns it into notifications.
 */
import type { SeatMove } from "../domain/inventory/commands.ts";
import type { Sql } from "../db/postgres.ts";
import { enqueueNotices, type OutboxNotice } from "../db/notice_outbox_repo.ts";
import {
  notifyBookingCancelled,
  notifyBookingConfirmed,
  notifyHoldExpired,
  notifyHoldExpiring,
} from "./booking_notices.ts";
import {
  type FlightStatusChange,
  notifyFlightRebooked,
  notifyFlightStatusChange,
  notifyRefundOffered,
} from "./flight_notices.ts";
import { type FlightNotice, notifyFlightAudience, notifySeatChanges } from "./flight_broadcast.ts";
import { type NotifierDeps, notifyUser, type UserNotice } from "./notifier.ts";

/** A passenger moved off a cancelled flight or a broken connection (one or two legs). */
export interface Rebooking {
  bookingId: string;
  fromFlightId: string;
  toFlightId: string;
  connectionFlightId?: string;
  /** Other flights of the journey given up with `fromFlightId` (a broken connection). */
  replaced?: string[];
}

/** What can be told, and about what: every payload is plain JSON. */
export type Notice =
  | { topic: "booking_confirmed"; bookingId: string }
  | { topic: "booking_cancelled"; bookingId: string; refunded: number }
  | { topic: "hold_expiring"; bookingId: string }
  | { topic: "hold_expired"; bookingId: string }
  | { topic: "flight_status"; flightId: string; change: FlightStatusChange }
  | { topic: "flight_audience"; flightId: string; notice: FlightNotice }
  | { topic: "seat_changes"; flightId: string; moves: SeatMove[]; changeId: number }
  | { topic: "flight_rebooked"; rebooking: Rebooking }
  | { topic: "refund_offered"; bookingId: string }
  /** A notice to one user already written out (waitlist offers, crew assignments). */
  | { topic: "user"; notice: UserNotice };

/** The outbox key of a notice: the same notice enqueued twice goes out once. */
export function noticeKey(n: Notice): string {
  switch (n.topic) {
    case "booking_confirmed":
    case "booking_cancelled":
    case "hold_expiring":
    case "hold_expired":
    case "refund_offered":
      return `${n.topic}:${n.bookingId}`;
    case "flight_status":
      // A cancellation's passengers are a row of their own, due later (db/flight_status_repo.ts).
      return `flight_status:${n.flightId}:${n.change.changeId}` +
        (n.change.audience === "passengers" ? ":passengers" : "");
    case "flight_audience":
      return `flight_audience:${n.notice.dedupeBase}`;
    case "seat_changes":
      return `seat_changes:${n.flightId}:${n.changeId}`;
    case "flight_rebooked":
      return `flight_rebooked:${n.rebooking.bookingId}:${n.rebooking.toFlightId}`;
    case "user":
      return `user:${n.notice.dedupeKey}`;
  }
}

/** The outbox row of a notice. */
export function outboxNotice(n: Notice): OutboxNotice {
  const { topic, ...payload } = n;
  return { key: noticeKey(n), topic, payload };
}

/**
 * Queues notices to go out after `at` (default now). Pass a transaction's handle to commit
 * them with the change they announce.
 */
export async function enqueue(sql: Sql, notices: Notice[], at = new Date()): Promise<void> {
  await enqueueNotices(sql, notices.map(outboxNotice), at);
}

/** Produces one notice from its outbox row: runs its producer (each is idempotent). */
export async function produceNotice(deps: NotifierDeps, row: OutboxNotice): Promise<void> {
  const n = { topic: row.topic, ...row.payload } as Notice;
  switch (n.topic) {
    case "booking_confirmed":
      await notifyBookingConfirmed(deps, n.bookingId);
      return;
    case "booking_cancelled":
      await notifyBookingCancelled(deps, n.bookingId, n.refunded);
      return;
    case "hold_expiring":
      await notifyHoldExpiring(deps, n.bookingId);
      return;
    case "hold_expired":
      await notifyHoldExpired(deps, n.bookingId);
      return;
    case "flight_status":
      await notifyFlightStatusChange(deps, n.flightId, n.change);
      return;
    case "flight_audience":
      await notifyFlightAudience(deps, n.flightId, n.notice);
      return;
    case "seat_changes":
      await notifySeatChanges(deps, n.flightId, n.moves, n.changeId);
      return;
    case "flight_rebooked":
      await notifyFlightRebooked(deps, n.rebooking);
      return;
    case "refund_offered":
      await notifyRefundOffered(deps, n.bookingId);
      return;
    case "user":
      await notifyUser(deps, n.notice);
      return;
    default:
      throw new Error(`unknown notice topic ${(n as { topic: string }).topic}`);
  }
}
