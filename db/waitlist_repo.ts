import type { PassengerInput } from "./bookings_repo.ts";
import type { Sql } from "./postgres.ts";

/** A new place on a flight's waitlist, or undefined when the user already waits there. */
export async function insertWaitlistEntry(
  sql: Sql,
  entry: { flightId: string; cabin: string; userId: string; passengers: PassengerInput[] },
): Promise<{ id: string; position: number } | undefined> {
  const rows = await sql`
    INSERT INTO waitlist (flight_id, cabin, user_id, passengers, seat_count)
    VALUES (${entry.flightId}, ${entry.cabin}, ${entry.userId},
      ${sql.json(entry.passengers as never)}, ${entry.passengers.length})
    ON CONFLICT DO NOTHING RETURNING id`;
  if (!rows.length) return undefined;
  const [{ position }] = await sql`
    SELECT count(*)::int AS position FROM waitlist
    WHERE flight_id = ${entry.flightId} AND cabin = ${entry.cabin} AND status = 'waiting'
      AND created_at <= (SELECT created_at FROM waitlist WHERE id = ${rows[0].id})`;
  return { id: rows[0].id, position };
}
