import type { Sql } from "./postgres.ts";
import type { FlightSummary } from "./flights_repo.ts";
import { listFlightsByIds } from "./flights_repo.ts";
import { DEFAULT_MIN_CONNECTION_MINUTES, MAX_LAYOVER_MINUTES } from "../domain/journey.ts";

/**
 * Flight `b` connects with flight `a` at airport `hub` (a's arrival airport, joined as `hub`):
 * at least the hub's minimum connection time and at most the maximum layover apart.
 */
export function connects(sql: Sql) {
  return sql`b.departure_at >= a.arrival_at + make_interval(mins =>
      COALESCE(hub.min_connection_minutes, ${DEFAULT_MIN_CONNECTION_MINUTES}))
    AND b.departure_at <= a.arrival_at + make_interval(mins => ${MAX_LAYOVER_MINUTES})`;
}

/** At most this many one-stop candidates per search (a day) or calendar (a month). */
const MAX_CONNECTIONS = { day: 300, month: 3000 };

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
      JOIN airports hub ON hub.iata = a.destination
      JOIN flights b ON b.origin = a.destination
      WHERE a.origin = ${q.from} AND b.destination = ${q.to} AND a.departure_date = ${q.date}
        AND a.destination <> ${q.to} AND b.destination <> a.origin
        AND ${connects(sql)}
        AND a.status <> 'cancelled' AND b.status <> 'cancelled'
      ORDER BY a.departure_at, b.departure_at
      LIMIT ${MAX_CONNECTIONS.day}`;
    for (const r of connections) out.push([r.first, r.second]);
  }
  return out;
}

/**
 * Direct and one-stop itineraries by the first flight's local departure day, over a month,
 * for the fare calendar and the price strip (a day with only connections has a fare too).
 */
export async function monthItineraries(
  sql: Sql,
  from: string,
  to: string,
  month: string,
): Promise<{ ids: string[]; day: string }[]> {
  const direct = await sql`
    SELECT id, departure_date::text AS day FROM flights
    WHERE origin = ${from} AND destination = ${to} AND status <> 'cancelled'
      AND departure_date >= ${month + "-01"}::date
      AND departure_date < (${month + "-01"}::date + interval '1 month')
    ORDER BY departure_date`;
  const connections = await sql`
    SELECT a.id AS first, b.id AS second, a.departure_date::text AS day
    FROM flights a
    JOIN airports hub ON hub.iata = a.destination
    JOIN flights b ON b.origin = a.destination
    WHERE a.origin = ${from} AND b.destination = ${to}
      AND a.departure_date >= ${month + "-01"}::date
      AND a.departure_date < (${month + "-01"}::date + interval '1 month')
      AND a.destination <> ${to} AND b.destination <> a.origin
      AND ${connects(sql)}
      AND a.status <> 'cancelled' AND b.status <> 'cancelled'
    ORDER BY a.departure_at, b.departure_at
    LIMIT ${MAX_CONNECTIONS.month}`;
  return [
    ...direct.map((r) => ({ ids: [r.id as string], day: r.day as string })),
    ...connections.map((r) => ({ ids: [r.first as string, r.second as string], day: r.day })),
  ];
}

/**
 * For an empty search's explanation: the last local date anything is scheduled (a flight's
 * date, among the latest two days of departures) and whether a direct flight on the route
 * leaves after `now`.
 */
export async function routeSchedule(
  sql: Sql,
  q: { from: string; to: string; now: Date },
): Promise<{ openUntil?: string; served: boolean }> {
  const [row] = await sql`
    SELECT (SELECT max(departure_date)::text FROM flights
             WHERE departure_at > (SELECT max(departure_at) FROM flights) - interval '2 days')
             AS open_until,
           EXISTS (SELECT 1 FROM flights
                    WHERE origin = ${q.from} AND destination = ${q.to}
                      AND departure_at > ${q.now} AND status <> 'cancelled') AS served`;
  return { openUntil: row.open_until ?? undefined, served: row.served };
}

/**
 * The first local date on or after `date` on which a one-stop connection from `from` to `to`
 * leaves, else the first after `now` (an earlier date of the schedule).
 */
export async function nextConnectionDate(
  sql: Sql,
  q: { from: string; to: string; date: string; now: Date },
): Promise<string | undefined> {
  const [row] = await sql`
    SELECT a.departure_date::text AS day
    FROM flights a
    JOIN airports hub ON hub.iata = a.destination
    JOIN flights b ON b.origin = a.destination
    WHERE a.origin = ${q.from} AND b.destination = ${q.to} AND a.departure_at > ${q.now}
      AND a.destination <> ${q.to} AND b.destination <> a.origin
      AND ${connects(sql)}
      AND a.status <> 'cancelled' AND b.status <> 'cancelled'
    ORDER BY a.departure_date < ${q.date}::date, a.departure_at
    LIMIT 1`;
  return row?.day;
}

/** Every airport's own minimum connection time (airports without one are left out). */
export async function connectionMinimums(sql: Sql): Promise<Map<string, number>> {
  const rows = await sql`
    SELECT iata, min_connection_minutes FROM airports WHERE min_connection_minutes IS NOT NULL`;
  return new Map(rows.map((r) => [r.iata as string, Number(r.min_connection_minutes)]));
}

export type { FlightSummary };
export { listFlightsByIds };
