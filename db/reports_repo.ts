import type { PendingQuery, Row } from "postgres";
import type { Sql } from "./postgres.ts";

/** Local departure dates, both ends included ("YYYY-MM-DD"). */
export interface DateRange {
  from: string;
  to: string;
}

/** Per-currency revenue in minor units, as aggregated by Postgres: `{"USD": 123400}`. */
export type MoneyByCurrency = Record<string, number>;

/** One flight of the flights report, before shaping for the API. */
export interface FlightReportRow {
  id: string;
  carrier: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureLocal: string;
  departureAt: Date;
  status: string;
  currency: string;
  capacity: number;
  sold: number;
  money: MoneyByCurrency | null;
}

/** Filters, order and page of the flights report. */
export interface FlightReportQuery extends DateRange {
  origin?: string;
  destination?: string;
  sort: "departure" | "loadFactor" | "revenue";
  limit: number;
  offset: number;
}

/** Totals of one group (a route or a day) over the flights that were not cancelled. */
export interface GroupTotals {
  flights: number;
  cancelled: number;
  capacity: number;
  sold: number;
  /** Currencies of the group's (not cancelled) flights, sold in or not. */
  currencies: string[];
  money: MoneyByCurrency | null;
}

/** Bookings per UTC hour: `hour` is the index from the window's first hour. */
export interface HourCounts {
  hour: number;
  created: number;
  confirmed: number;
  cancelled: number;
  expired: number;
}

/** One crew member's flying and duty time in a range. */
export interface CrewHoursRow {
  crewId: string;
  employeeNumber: string;
  name: string;
  role: string;
  homeBase: string;
  flights: number;
  duties: number;
  blockMinutes: number;
  dutyMinutes: number;
}

function inRange(sql: Sql, r: DateRange): PendingQuery<Row[]> {
  // A local date is within a day of the UTC date, so the departure_at bound (which the
  // flights_departure_idx index serves) never drops a flight the exact date test keeps.
  return sql`
    f.departure_date BETWEEN ${r.from}::date AND ${r.to}::date
    AND f.departure_at >= ${r.from}::date - 2 AND f.departure_at < ${r.to}::date + 3`;
}

/**
 * CTEs `f` (flights in range with capacity) and `money` (live coupons: seats sold and revenue
 * per currency, grouped by `key`, a column list of `f` that flight_sales does not share).
 */
function flightsAndMoney(
  sql: Sql,
  r: DateRange,
  key: PendingQuery<Row[]>,
  opts: { filter?: PendingQuery<Row[]>; skipCancelled?: boolean } = {},
): PendingQuery<Row[]> {
  // NOT MATERIALIZED: the planner then sees the flights' real statistics in every join
  // (a materialized CTE hides them, and a bad estimate puts the hash on the tickets side).
  return sql`
    f AS NOT MATERIALIZED (
      SELECT f.id, f.carrier, f.flight_number, f.origin, f.destination, f.departure_local,
             f.departure_at, f.departure_date, f.status, f.currency::text AS currency,
             f.status = 'cancelled' AS cancelled, t.seat_count AS capacity
      FROM flights f JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
      WHERE ${inRange(sql, r)} ${opts.filter ?? sql``}
    ),
    sales AS (
      -- flight_sales counts the coupons that can still fly (void, refunded and exchanged free
      -- their seat), kept by the database as coupons change (migration 0016).
      SELECT ${key}, s.currency::text AS currency, sum(s.seats)::int AS seats,
             sum(s.amount)::bigint AS amount
      FROM flight_sales s JOIN f ON f.id = s.flight_id
      WHERE s.seats > 0 ${opts.skipCancelled ? sql`AND NOT f.cancelled` : sql``}
      GROUP BY ${key}, s.currency
    ),
    money AS (
      SELECT ${key}, sum(seats)::int AS sold, jsonb_object_agg(currency, amount) AS money
      FROM sales GROUP BY ${key}
    )`;
}

/** One page of flights departing in the range with seats sold and revenue, and the total. */
export async function flightReport(
  sql: Sql,
  q: FlightReportQuery,
): Promise<{ rows: FlightReportRow[]; total: number }> {
  const filter = sql`
    ${q.origin ? sql`AND f.origin = ${q.origin}` : sql``}
    ${q.destination ? sql`AND f.destination = ${q.destination}` : sql``}`;
  const order = {
    departure: sql`departure_at, carrier, flight_number, id`,
    loadFactor: sql`sold::float8 / capacity DESC, departure_at, id`,
    // Amounts in different currencies do not compare: group by currency, then highest first.
    revenue: sql`currency, own_revenue DESC, departure_at, id`,
  }[q.sort];
  const rows = await sql<FlightReportRow[]>`
    WITH ${flightsAndMoney(sql, q, sql`id`, { filter })},
    page AS (
      SELECT f.*, COALESCE(money.sold, 0) AS sold, money.money,
             COALESCE((money.money ->> f.currency)::bigint, 0) AS own_revenue
      FROM f LEFT JOIN money USING (id)
    )
    SELECT id, carrier, flight_number AS "flightNumber", origin, destination,
           to_char(departure_local, 'YYYY-MM-DD"T"HH24:MI') AS "departureLocal",
           departure_at AS "departureAt", status, currency, capacity, sold, money
    FROM page
    ORDER BY ${order}
    LIMIT ${q.limit} OFFSET ${q.offset}`;
  const [{ total }] = await sql<{ total: number }[]>`
    SELECT count(*)::int AS total
    FROM flights f
    WHERE ${inRange(sql, q)} ${filter}`;
  return { rows: [...rows], total };
}

/** CTEs `f`, `money` and `agg` (flight and seat counts) grouped by `key`, without cancelled. */
function totalsBy(sql: Sql, r: DateRange, key: PendingQuery<Row[]>): PendingQuery<Row[]> {
  return sql`
    ${flightsAndMoney(sql, r, key, { skipCancelled: true })},
    agg AS (
      SELECT ${key},
             count(*) FILTER (WHERE NOT cancelled)::int AS flights,
             count(*) FILTER (WHERE cancelled)::int AS cancelled,
             COALESCE(sum(capacity) FILTER (WHERE NOT cancelled), 0)::int AS capacity,
             COALESCE(array_agg(DISTINCT currency) FILTER (WHERE NOT cancelled), '{}')
               AS currencies
      FROM f GROUP BY ${key}
    )`;
}

/** Totals per origin → destination for flights departing in the range, by route. */
export async function routeReport(
  sql: Sql,
  r: DateRange,
): Promise<(GroupTotals & { origin: string; destination: string })[]> {
  const rows = await sql<(GroupTotals & { origin: string; destination: string })[]>`
    WITH ${totalsBy(sql, r, sql`origin, destination`)}
    SELECT agg.origin, agg.destination, agg.flights, agg.cancelled, agg.capacity,
           agg.currencies, COALESCE(money.sold, 0) AS sold, money.money
    FROM agg LEFT JOIN money USING (origin, destination)
    ORDER BY agg.origin, agg.destination`;
  return [...rows];
}

/** Totals per local departure date, one row for every date in the range (zeros included). */
export async function dailyReport(
  sql: Sql,
  r: DateRange,
  days: number,
): Promise<(GroupTotals & { date: string })[]> {
  const rows = await sql<(GroupTotals & { date: string })[]>`
    WITH ${totalsBy(sql, r, sql`departure_date`)},
    days AS (SELECT ${r.from}::date + i AS day FROM generate_series(0, ${days - 1}::int) AS i)
    SELECT to_char(d.day, 'YYYY-MM-DD') AS date, COALESCE(agg.flights, 0) AS flights,
           COALESCE(agg.cancelled, 0) AS cancelled, COALESCE(agg.capacity, 0) AS capacity,
           COALESCE(agg.currencies, '{}') AS currencies, COALESCE(money.sold, 0) AS sold,
           money.money
    FROM days d
    LEFT JOIN agg ON agg.departure_date = d.day
    LEFT JOIN money ON money.departure_date = d.day
    ORDER BY d.day`;
  return [...rows];
}

/** Bookings created, confirmed, cancelled and expired in each hour from `start` (zeros too). */
export async function bookingsPerHour(
  sql: Sql,
  w: { start: Date; end: Date; hours: number },
): Promise<HourCounts[]> {
  const rows = await sql<HourCounts[]>`
    WITH ev AS (
      SELECT floor(extract(epoch FROM e.at - ${w.start}::timestamptz) / 3600)::int AS h, e.kind
      FROM bookings b
      CROSS JOIN LATERAL (VALUES
        ('created', b.created_at),
        ('confirmed', b.confirmed_at),
        (CASE WHEN b.status = 'expired' THEN 'expired' ELSE 'cancelled' END, b.cancelled_at)
      ) AS e (kind, at)
      WHERE e.at >= ${w.start}::timestamptz AND e.at < ${w.end}::timestamptz
    )
    SELECT i AS hour,
           count(ev.kind) FILTER (WHERE ev.kind = 'created')::int AS created,
           count(ev.kind) FILTER (WHERE ev.kind = 'confirmed')::int AS confirmed,
           count(ev.kind) FILTER (WHERE ev.kind = 'cancelled')::int AS cancelled,
           count(ev.kind) FILTER (WHERE ev.kind = 'expired')::int AS expired
    FROM generate_series(0, ${w.hours - 1}::int) AS i
    LEFT JOIN ev ON ev.h = i
    GROUP BY i
    ORDER BY i`;
  return [...rows];
}

/**
 * Flights, block and duty minutes per crew member over flights (not cancelled) departing in
 * the range; active members without flights are listed with zeros. Times are the latest
 * known: estimated or actual once published, else scheduled.
 */
export async function crewHours(
  sql: Sql,
  r: DateRange & { base?: string; role?: string },
): Promise<CrewHoursRow[]> {
  // A duty runs from report (60 min before departure) to release (30 min after arrival);
  // legs whose duty spans overlap form one duty, so a quick turnaround is not counted twice.
  const rows = await sql<CrewHoursRow[]>`
    WITH legs AS (
      SELECT ca.crew_id, COALESCE(f.estimated_departure_at, f.departure_at) AS dep,
             COALESCE(f.estimated_arrival_at, f.arrival_at) AS arr
      FROM crew_assignments ca JOIN flights f ON f.id = ca.flight_id
      WHERE f.status <> 'cancelled' AND ${inRange(sql, r)}
    ),
    spans AS (
      SELECT crew_id, dep - interval '60 minutes' AS s, arr + interval '30 minutes' AS e
      FROM legs
    ),
    marked AS (
      SELECT crew_id, s, e,
             CASE WHEN s <= max(e) OVER (PARTITION BY crew_id ORDER BY s, e
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                  THEN 0 ELSE 1 END AS starts_duty
      FROM spans
    ),
    numbered AS (
      SELECT crew_id, s, e,
             sum(starts_duty) OVER (PARTITION BY crew_id ORDER BY s, e ROWS UNBOUNDED PRECEDING)
               AS duty
      FROM marked
    ),
    duties AS (
      SELECT crew_id, count(*)::int AS duties,
             round(sum(extract(epoch FROM e - s)) / 60)::int AS minutes
      FROM (SELECT crew_id, min(s) AS s, max(e) AS e FROM numbered GROUP BY crew_id, duty) d
      GROUP BY crew_id
    ),
    block AS (
      SELECT crew_id, count(*)::int AS flights,
             round(sum(extract(epoch FROM arr - dep)) / 60)::int AS minutes
      FROM legs GROUP BY crew_id
    )
    SELECT c.id AS "crewId", c.employee_number AS "employeeNumber", c.name, c.role,
           c.home_base AS "homeBase", COALESCE(b.flights, 0) AS flights,
           COALESCE(d.duties, 0) AS duties, COALESCE(b.minutes, 0) AS "blockMinutes",
           COALESCE(d.minutes, 0) AS "dutyMinutes"
    FROM crew_members c
    LEFT JOIN block b ON b.crew_id = c.id
    LEFT JOIN duties d ON d.crew_id = c.id
    WHERE (c.active OR b.crew_id IS NOT NULL)
      ${r.base ? sql`AND c.home_base = ${r.base}` : sql``}
      ${r.role ? sql`AND c.role = ${r.role}` : sql``}
    ORDER BY "blockMinutes" DESC, c.name, c.id`;
  return [...rows];
}
