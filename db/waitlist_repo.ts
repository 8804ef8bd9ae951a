/**
 * The waitlist of full flights: entries wait (`waiting`), are claimed while their seats are
 * held (`offering`), then get a held booking (`offered`) or are dropped with the flight
 * (`cancelled`).
 */
import type { Sql } from "./postgres.ts";
import type { PassengerInput } from "./bookings_repo.ts";

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
