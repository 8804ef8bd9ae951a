import type { Sql } from "./postgres.ts";

/** A live booking on a flight: whom to tell about it. */
export interface FlightBooking {
  id: string;
  pnr: string;
  userId: string;
  cabin: string;
  createdAt: Date;
}

/** Booking states whose passengers still travel and hear about their flight. */
export const LIVE_BOOKING_STATES = ["held", "confirmed"];

/**
 * The held or confirmed bookings with an account and a live segment on a flight (any leg of a
 * journey or of a rebooked trip), oldest first.
 */
export async function listFlightBookings(sql: Sql, flightId: string): Promise<FlightBooking[]> {
  const rows = await sql`
    SELECT b.id, b.pnr, b.user_id, g.cabin, b.created_at
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
    WHERE g.flight_id = ${flightId} AND g.status IN ('held', 'confirmed')
      AND b.status IN ${sql(LIVE_BOOKING_STATES)} AND b.user_id IS NOT NULL
    ORDER BY b.created_at, b.id`;
  return rows.map((r) => ({
    id: r.id,
    pnr: r.pnr,
    userId: r.user_id,
    cabin: r.cabin,
    createdAt: r.created_at,
  }));
}

/** A live booking with an account by its id as text (a seat move's `ref`), or undefined. */
export async function getLiveBooking(
  sql: Sql,
  ref: string,
): Promise<{ id: string; pnr: string; userId: string } | undefined> {
  // Compared as text: a ref that is not a uuid finds nothing instead of failing the cast.
  const [row] = await sql`
    SELECT id, pnr, user_id FROM bookings
    WHERE id::text = ${ref} AND status IN ${sql(LIVE_BOOKING_STATES)}
      AND user_id IS NOT NULL`;
  return row && { id: row.id, pnr: row.pnr, userId: row.user_id };
}

/** The accounts of active crew assigned to a flight. */
export async function listFlightCrewUsers(sql: Sql, flightId: string): Promise<string[]> {
  const rows = await sql`
    SELECT DISTINCT m.user_id FROM crew_assignments a JOIN crew_members m ON m.id = a.crew_id
    WHERE a.flight_id = ${flightId} AND m.user_id IS NOT NULL AND m.active`;
  return rows.map((r) => r.user_id as string);
}

/** How many passengers (live bookings) and crew members a flight notice would reach. */
export async function countFlightAudience(
  sql: Sql,
  flightId: string,
  audience: "passengers" | "crew" | "all",
): Promise<{ passengers: number; crew: number }> {
  const passengers = audience === "crew" ? 0 : (await listFlightBookings(sql, flightId)).length;
  const crew = audience === "passengers" ? 0 : (await listFlightCrewUsers(sql, flightId)).length;
  return { passengers, crew };
}
