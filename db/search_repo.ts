import type { Sql } from "./postgres.ts";
import type { FlightSummary } from "./flights_repo.ts";
import { listFlightsByIds } from "./flights_repo.ts";

/** Minimum connection time and maximum layover for a 1-stop itinerary. */
export const MIN_CONNECTION_MINUTES = 60;
export const MAX_LAYOVER_MINUTES = 6 * 60;

/** Candidate itineraries as flight-id lists (direct: one id; 1-stop: two). */
export async function findItineraries(
  sql: Sql,
  q: { from: string; to: string; date: string; maxStops: 0 | 1 },
): Promise<string[][]> {
  const direct = await sql`
    SELECT id FROM flights
    WHERE origin = ${q.from} AND destination = ${q.to} AND departure_date = ${q.date}
      AND status <> 'cancelled'
    ORDER BY departure_at`;
  const out: string[][] = direct.map((r) => [r.id]);
  if (q.maxStops >= 1) {
    const connections = await sql`
      SELECT a.id AS first, b.id AS second
      FROM flights a
      JOIN flights b ON b.origin = a.destination
      WHERE a.origin = ${q.from} AND b.destination = ${q.to} AND a.departure_date = ${q.date}
        AND a.destination <> ${q.to} AND b.destination <> a.origin
        AND b.departure_at >= a.arrival_at + make_interval(mins => ${MIN_CONNECTION_MINUTES})
        AND b.departure_at <= a.arrival_at + make_interval(mins => ${MAX_LAYOVER_MINUTES})
        AND a.status <> 'cancelled' AND b.status <> 'cancelled'
      ORDER BY a.departure_at, b.departure_at
      LIMIT 300`;
    for (const r of connections) out.push([r.first, r.second]);
  }
  return out;
}

/** Direct flights per local departure day of a month, for the price calendar. */
export async function monthFlights(sql: Sql, from: string, to: string, month: string) {
  const rows = await sql`
    SELECT id, departure_date::text AS day FROM flights
    WHERE origin = ${from} AND destination = ${to} AND status <> 'cancelled'
      AND departure_date >= ${month + "-01"}::date
      AND departure_date < (${month + "-01"}::date + interval '1 month')
    ORDER BY departure_date`;
  return rows as unknown as { id: string; day: string }[];
}

export type { FlightSummary };
export { listFlightsByIds };
