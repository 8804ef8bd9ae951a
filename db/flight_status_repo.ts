import { isUuid } from "../domain/ids.ts";
import type { FlightStatus, FlightStatusState } from "../domain/flight_status.ts";
import type { Sql, Tx } from "./postgres.ts";
import type { StatusChanged } from "../domain/inventory/commands.ts";
import { enqueueNotices } from "./notice_outbox_repo.ts";
import { CANCELLATION_NOTICE_DELAY_MS } from "../domain/reaccommodation.ts";

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** A flight's current status as the rules see it, or undefined when there is no such flight. */
export async function getFlightStatusState(
  sql: Sql,
  flightId: string,
): Promise<FlightStatusState | undefined> {
  if (!isUuid(flightId)) return undefined;
  const [r] = await sql`
    SELECT id, version, status, status_reason, departure_at, arrival_at,
           estimated_departure_at, estimated_arrival_at, gate, boarding_at
    FROM flights WHERE id = ${flightId}`;
  if (!r) return undefined;
  return {
    flightId: r.id,
    version: r.version,
    status: r.status as FlightStatus,
    reason: r.status_reason,
    departureAt: r.departure_at.getTime(),
    arrivalAt: r.arrival_at.getTime(),
    estimatedDepartureAt: ms(r.estimated_departure_at),
    estimatedArrivalAt: ms(r.estimated_arrival_at),
    gate: r.gate,
    boardingAt: ms(r.boarding_at),
  };
}

/**
 * Projects a status change from the flight's log: the flights row (only forward: a replay
 * of an older version changes nothing), its history row, and the notice to everyone on the
 * flight, queued in the same transaction (notifications/notices.ts names the same key).
 */
export async function projectStatusChange(tx: Tx, e: StatusChanged): Promise<void> {
  const at = new Date(e.at);
  // Events logged before boarding times existed lack the field.
  const boardingAt = e.boardingAt ?? null;
  await tx`
    UPDATE flights SET status = ${e.status}, status_reason = ${e.reason},
      estimated_departure_at = ${e.estimatedDepartureAt}, estimated_arrival_at = ${e.estimatedArrivalAt},
      gate = ${e.gate}, boarding_at = ${boardingAt}, version = ${e.version}, updated_at = ${at}
    WHERE id = ${e.flightId} AND version < ${e.version}`;
  await tx`
    INSERT INTO flight_status_events (flight_id, version, kind, status, previous_status, reason,
      estimated_departure_at, estimated_arrival_at, gate, boarding_at, actor_id, created_at)
    VALUES (${e.flightId}, ${e.version}, ${e.kind}, ${e.status}, ${e.previousStatus}, ${e.reason},
      ${e.estimatedDepartureAt}, ${e.estimatedArrivalAt}, ${e.gate}, ${boardingAt},
      (SELECT id FROM users WHERE id::text = ${e.by ?? ""}), ${at})
    ON CONFLICT (flight_id, version) DO NOTHING`;
  const change = {
    status: e.status,
    event: e.kind,
    reason: e.reason ?? undefined,
    estimatedDepartureAt: e.estimatedDepartureAt ?? undefined,
    estimatedArrivalAt: e.estimatedArrivalAt ?? undefined,
    // Only a new gate is news; boarding at the gate already announced is not a gate change.
    gate: e.gate !== e.previousGate ? e.gate ?? undefined : undefined,
    changeId: e.version,
  };
  const key = `flight_status:${e.flightId}:${e.version}`;
  if (e.status !== "cancelled") {
    await enqueueNotices(tx, [{
      key,
      topic: "flight_status",
      payload: { flightId: e.flightId, change },
    }], at);
    return;
  }
  // Crew hear of a cancellation at once; passengers from their rebooking or refund offer,
  // and from this later row only if reaccommodation gave them neither.
  await enqueueNotices(tx, [{
    key,
    topic: "flight_status",
    payload: { flightId: e.flightId, change: { ...change, audience: "crew" } },
  }], at);
  await enqueueNotices(tx, [{
    key: `${key}:passengers`,
    topic: "flight_status",
    payload: { flightId: e.flightId, change: { ...change, audience: "passengers" } },
  }], new Date(at.getTime() + CANCELLATION_NOTICE_DELAY_MS));
}

/**
 * Projects a retirement: the flight and what only it referenced (released or expired holds
 * and their bookings, its waitlist and status history) are deleted. Tickets and payments are
 * records that must stay; a flight that has any (the use case checks first, so only a race
 * gets here) is marked cancelled instead, so the projection never blocks on it.
 */
export async function projectRetirement(tx: Tx, flightId: string): Promise<void> {
  const [c] = await tx`
    SELECT EXISTS (SELECT 1 FROM ticket_coupons WHERE flight_id = ${flightId}) OR EXISTS (
      SELECT 1 FROM payments p JOIN booking_segments g ON g.booking_id = p.booking_id
      WHERE g.flight_id = ${flightId}) AS kept`;
  if (c.kept) {
    await tx`
      UPDATE flights SET status = 'cancelled', status_reason = COALESCE(status_reason, 'retired')
      WHERE id = ${flightId}`;
    return;
  }
  await tx`DELETE FROM waitlist WHERE flight_id = ${flightId}`;
  await tx`
    DELETE FROM bookings b USING booking_segments g
    WHERE g.booking_id = b.id AND g.flight_id = ${flightId}`;
  await tx`DELETE FROM flight_status_events WHERE flight_id = ${flightId}`;
  await tx`DELETE FROM flights WHERE id = ${flightId}`;
}

/** One published status change as stored. */
export interface StatusHistoryRow {
  version: number;
  kind: string;
  status: string;
  previous_status: string;
  reason: string | null;
  estimated_departure_at: Date | null;
  estimated_arrival_at: Date | null;
  gate: string | null;
  boarding_at: Date | null;
  actor_id: string | null;
  created_at: Date;
}

/** A flight's status history, oldest first. */
export async function listStatusHistory(sql: Sql, flightId: string): Promise<StatusHistoryRow[]> {
  if (!isUuid(flightId)) return [];
  return await sql<StatusHistoryRow[]>`
    SELECT version, kind, status, previous_status, reason, estimated_departure_at,
           estimated_arrival_at, gate, boarding_at, actor_id, created_at
    FROM flight_status_events WHERE flight_id = ${flightId} ORDER BY version`;
}
