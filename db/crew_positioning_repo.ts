/**
 * Crew positioning legs (crew_positioning): rides a member takes as a passenger, each on a
 * seat the flight's actor sold at no fare under the leg's booking reference.
 */
import type { Sql, Tx } from "./postgres.ts";

/** Scheduled departure instants (epoch ms) of flights, by id. */
export async function departureTimes(sql: Sql | Tx, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await sql`SELECT id, departure_at FROM flights WHERE id IN ${sql(ids)}`;
  return new Map(rows.map((r) => [r.id as string, (r.departure_at as Date).getTime()]));
}

/** Records a positioning leg with the seat the flight's actor gave it. */
export async function insertPositioning(
  tx: Tx,
  p: { flightId: string; crewId: string; bookingRef: string; seat: string; by?: string; at: Date },
): Promise<void> {
  await tx`
    INSERT INTO crew_positioning (flight_id, crew_id, booking_ref, seat, assigned_by, assigned_at)
    VALUES (${p.flightId}, ${p.crewId}, ${p.bookingRef}, ${p.seat}, ${p.by ?? null}, ${p.at})`;
}

/**
 * Seats a positioning crew member could take on each flight: seats less those sold, held or
 * blocked (as projected from the flights' actors).
 */
export async function freeSeats(sql: Sql | Tx, flightIds: string[]): Promise<Map<string, number>> {
  if (flightIds.length === 0) return new Map();
  const rows = await sql`
    SELECT f.id, t.seat_count
      - coalesce((SELECT sum(s.seat_count) FROM inventory_sales s WHERE s.flight_id = f.id), 0)
      - coalesce((SELECT sum(h.seat_count) FROM inventory_holds h
                  WHERE h.flight_id = f.id AND h.status = 'held'), 0)
      - coalesce((SELECT cardinality(p.blocked_seats) FROM inventory_projection p
                  WHERE p.flight_id = f.id), 0) AS free
    FROM flights f JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    WHERE f.id IN ${sql(flightIds)}`;
  return new Map(rows.map((r) => [r.id, Math.max(0, Number(r.free))]));
}
