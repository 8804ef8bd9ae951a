import { isUuid } from "../domain/ids.ts";
import type {
  FlightStatus,
  FlightStatusChanged,
  FlightStatusState,
} from "../domain/flight_status.ts";
import type { Sql } from "./postgres.ts";

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** A flight's current status as the rules see it, or undefined when there is no such flight. */
export async function getFlightStatusState(
  sql: Sql,
  flightId: string,
): Promise<FlightStatusState | undefined> {
  if (!isUuid(flightId)) return undefined;
  const [r] = await sql`
    SELECT id, version, status, status_reason, departure_at, arrival_at,
           estimated_departure_at, estimated_arrival_at, gate
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
  };
}

/**
 * Stores a decided change: the flights row (only if it is still at the version the change
 * was decided on) and its history row, in one transaction. False when someone else changed
 * the flight first: decide again on the fresh state.
 */
export async function saveStatusChange(
  sql: Sql,
  next: FlightStatusState,
  event: FlightStatusChanged,
  actorId: string | undefined,
): Promise<boolean> {
  const at = (t: number | null) => (t === null ? null : new Date(t));
  return await sql.begin(async (tx) => {
    const updated = await tx`
      UPDATE flights SET status = ${next.status}, status_reason = ${next.reason},
        estimated_departure_at = ${at(next.estimatedDepartureAt)},
        estimated_arrival_at = ${at(next.estimatedArrivalAt)},
        gate = ${next.gate}, version = ${next.version}, updated_at = ${event.at}
      WHERE id = ${next.flightId} AND version = ${next.version - 1}`;
    if (updated.count === 0) return false;
    await tx`
      INSERT INTO flight_status_events (flight_id, version, kind, status, previous_status, reason,
        estimated_departure_at, estimated_arrival_at, gate, actor_id, created_at)
      VALUES (${next.flightId}, ${next.version}, ${event.kind}, ${event.status},
        ${event.previousStatus}, ${event.reason}, ${event.estimatedDepartureAt},
        ${event.estimatedArrivalAt}, ${event.gate}, ${actorId ?? null}, ${event.at})`;
    return true;
  });
}

/** A flight's status history, oldest first. */
export async function listStatusHistory(sql: Sql, flightId: string) {
  if (!isUuid(flightId)) return [];
  return await sql`
    SELECT version, kind, status, previous_status, reason, estimated_departure_at,
           estimated_arrival_at, gate, actor_id, created_at
    FROM flight_status_events WHERE flight_id = ${flightId} ORDER BY version`;
}
