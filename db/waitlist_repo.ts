/**
 * The waitlist of full flights: entries wait (`waiting`), are claimed while their seats are
 * held (`offering`), then get a held booking (`offered`) or are dropped with the flight
 * (`cancelled`).
 */
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

/** An entry claimed for an offer. */
export interface ClaimedWaitlistEntry {
  id: string;
  cabin: string;
  userId: string;
  passengers: PassengerInput[];
  seatCount: number;
}

/**
 * Claims the flight's oldest waiting entry (status `offering`), or undefined when none waits.
 * One statement with SKIP LOCKED, so two processes never claim the same entry.
 */
export async function claimNextWaitlistEntry(
  sql: Sql,
  flightId: string,
): Promise<ClaimedWaitlistEntry | undefined> {
  const [row] = await sql`
    UPDATE waitlist SET status = 'offering'
    WHERE id = (SELECT id FROM waitlist WHERE flight_id = ${flightId} AND status = 'waiting'
                ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, cabin, user_id, passengers, seat_count`;
  return row && {
    id: row.id,
    cabin: row.cabin,
    userId: row.user_id,
    passengers: row.passengers,
    seatCount: row.seat_count,
  };
}

/** Puts a claimed entry back in line; it keeps its place (its created_at). */
export async function requeueWaitlistEntry(sql: Sql, id: string): Promise<void> {
  await sql`UPDATE waitlist SET status = 'waiting' WHERE id = ${id}`;
}

/** Marks a claimed entry offered, with the held booking made for it. */
export async function markWaitlistOffered(sql: Sql, id: string, bookingId: string): Promise<void> {
  await sql`
    UPDATE waitlist SET status = 'offered', booking_id = ${bookingId}, offered_at = now()
    WHERE id = ${id}`;
}

/** Drops every entry of a flight still waiting or being offered (the flight was cancelled). */
export async function cancelOpenWaitlist(sql: Sql, flightId: string): Promise<void> {
  await sql`
    UPDATE waitlist SET status = 'cancelled'
    WHERE flight_id = ${flightId} AND status IN ('waiting', 'offering')`;
}
