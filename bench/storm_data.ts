/**
 * The expiry storm's data: the flights it fills with holds, and what Postgres says afterwards
 * about each hold (when it expired, when its notice was stored, how many notices it got).
 */
import type { Sql } from "../db/postgres.ts";

/** A route and date the search probe asks for. */
export interface SearchRoute {
  from: string;
  to: string;
  date: string;
}

/** Up to `limit` routes and dates that have flights, for the search probe to vary over. */
export async function searchRoutes(sql: Sql, limit: number): Promise<SearchRoute[]> {
  const rows = await sql`
    SELECT origin, destination, to_char(departure_date, 'YYYY-MM-DD') AS date
    FROM flights WHERE departure_at > now() + interval '1 day'
    GROUP BY origin, destination, departure_date
    ORDER BY md5(origin || destination || departure_date) LIMIT ${limit}`;
  return rows.map((r) => ({ from: r.origin, to: r.destination, date: r.date }));
}

/** Where the holds of a storm stand now. */
export interface DrainState {
  held: number;
  expired: number;
  notified: number;
}

/** How many of the storm's bookings are still held, expired, and have their notice. */
export async function drainState(sql: Sql, flightIds: string[]): Promise<DrainState> {
  const [row] = await sql`
    SELECT count(*) FILTER (WHERE b.status = 'held')::int AS held,
      count(*) FILTER (WHERE b.status = 'expired')::int AS expired,
      count(n.id)::int AS notified
    FROM bookings b LEFT JOIN notifications n ON n.dedupe_key = 'hold_expired:' || b.id
    WHERE EXISTS (SELECT 1 FROM booking_segments g
      WHERE g.booking_id = b.id AND g.flight_id = ANY(${flightIds}))`;
  return row as unknown as DrainState;
}

/** Percentiles and maximum of a list of seconds (0 when empty). */
export interface Spread {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** The spread of `values` (sorted here). */
export function spread(values: number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))] ?? 0;
  return { count: v.length, p50: at(0.5), p99: at(0.99), max: v.at(-1) ?? 0 };
}

/** What Postgres says about the storm's holds once it drained (or gave up waiting). */
export interface StormOutcome {
  bookings: number;
  expired: number;
  notified: number;
  /** Expired bookings with no `hold_expired:<id>` notification. */
  missing: number;
  /** Bookings told more than once, plus notices about a booking that is not expired. */
  duplicates: number;
  /** Notices stored later than `lateAfterSeconds` after their reference time. */
  late: number;
  /** Seconds from each hold's expiry (or `notBefore`, if later) to its notification. */
  noticeLag: Spread;
  /** Seconds from each hold's expiry to its booking turning expired in Postgres. */
  expiredLag: Spread;
  /** Notices stored per second, from the first expiry to the last notice. */
  noticesPerSecond: number;
}

/**
 * Reads every storm booking with its notices. A notice stored after `notBefore` (a restart)
 * counts its lag from the later of its hold's expiry and the restart: nothing can be told
 * while no server runs.
 */
export async function stormOutcome(
  sql: Sql,
  flightIds: string[],
  { notBefore, lateAfterSeconds }: { notBefore?: Date; lateAfterSeconds: number },
): Promise<StormOutcome> {
  const rows = await sql`
    WITH n AS (
      SELECT data->>'bookingId' AS booking_id, count(*)::int AS notices,
        extract(epoch FROM min(created_at))::float8 AS notified
      FROM notifications WHERE kind = 'hold_expired' GROUP BY 1
    )
    SELECT b.status, extract(epoch FROM b.expires_at)::float8 AS expires,
      extract(epoch FROM b.updated_at)::float8 AS updated,
      coalesce(n.notices, 0) AS notices, n.notified
    FROM bookings b LEFT JOIN n ON n.booking_id = b.id::text
    WHERE EXISTS (SELECT 1 FROM booking_segments g
      WHERE g.booking_id = b.id AND g.flight_id = ANY(${flightIds}))`;
  const restart = (notBefore?.getTime() ?? Infinity) / 1000;
  const noticeLag: number[] = [];
  const expiredLag: number[] = [];
  let missing = 0, duplicates = 0, firstExpiry = Infinity, lastNotice = -Infinity;
  for (const r of rows) {
    if (r.status === "expired") expiredLag.push(r.updated - r.expires);
    duplicates += Math.max(0, r.notices - (r.status === "expired" ? 1 : 0));
    if (r.status === "expired" && !r.notified) missing++;
    if (r.notified) {
      noticeLag.push(
        r.notified - (r.notified >= restart ? Math.max(r.expires, restart) : r.expires),
      );
      lastNotice = Math.max(lastNotice, r.notified);
    }
    firstExpiry = Math.min(firstExpiry, r.expires);
  }
  const lag = spread(noticeLag);
  return {
    bookings: rows.length,
    expired: expiredLag.length,
    notified: noticeLag.length,
    missing,
    duplicates,
    late: noticeLag.filter((s) => s > lateAfterSeconds).length,
    noticeLag: lag,
    expiredLag: spread(expiredLag),
    noticesPerSecond: lag.count ? lag.count / Math.max(1, lastNotice - firstExpiry) : 0,
  };
}

/** Server log lines at error level, uncaught errors and V8's fatal ones. */
export function errorLines(lines: string[]): string[] {
  return lines.filter((l) =>
    /"level":"error"/.test(l) || /^error: /i.test(l) || /Fatal|Uncaught|out of memory/.test(l)
  );
}
