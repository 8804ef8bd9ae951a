import type { Sql, Tx } from "./postgres.ts";
import type { ResolvedFlight } from "../domain/schedule.ts";
import { isUuid } from "../domain/ids.ts";
import { withCustomPlans } from "./transactions.ts";
import type { AdminFlight } from "../domain/views/flight.ts";
import { encodeCursor, type ListCursor } from "../domain/list_cursor.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { AdminFlight };

/** Filters, order and page of listAdminFlights. */
export interface AdminFlightQuery {
  /** Local departure dates, inclusive. */
  from: string;
  to: string;
  origin?: string;
  destination?: string;
  status?: string;
  /** A flight number prefix, e.g. "12" finds 12, 120, 1234. */
  number?: string;
  sort: "departure" | "number" | "loadFactor";
  order: "asc" | "desc";
  limit: number;
  /** Rows skipped, when the page is not reached by a cursor (a page number typed in a URL). */
  offset: number;
  /** The page after this row (a "Next" link), before it ("Previous"), or the list's end. */
  after?: ListCursor;
  before?: ListCursor;
  last?: boolean;
}

/** A page of flights, how many match, and cursors of the pages either side (when there are). */
export interface AdminFlightPageResult {
  data: AdminFlight[];
  total: number;
  next?: string;
  prev?: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

// deno-lint-ignore no-explicit-any
function toAdminFlight(r: any): AdminFlight {
  const sold = Number(r.sold);
  return {
    id: r.id,
    carrier: r.carrier,
    flightNumber: r.flight_number,
    origin: r.origin,
    destination: r.destination,
    departureLocal: r.departure_local,
    arrivalLocal: r.arrival_local,
    departureAt: r.departure_at.toISOString(),
    arrivalAt: r.arrival_at.toISOString(),
    aircraftType: r.aircraft_type,
    aircraftConfiguration: r.aircraft_config,
    aircraftRegistration: r.aircraft_registration,
    status: r.status,
    gate: r.gate,
    estimatedDepartureAt: iso(r.estimated_departure_at),
    boardingAt: iso(r.boarding_at),
    baseFares: r.base_fares,
    overbooking: r.overbooking,
    holdTtlSeconds: r.hold_ttl_seconds,
    currency: r.currency,
    seriesId: r.series_id,
    version: r.version,
    capacity: r.seat_count,
    sold,
    held: Number(r.held),
    loadFactor: r.seat_count ? Math.round((sold / r.seat_count) * 1000) / 1000 : 0,
  };
}

function select(sql: Sql | Tx) {
  // flight_loads is kept by the database (migration 0016); holds are few, read per row.
  return sql`
    SELECT f.id, f.carrier, f.flight_number, f.origin, f.destination,
      to_char(f.departure_local, 'YYYY-MM-DD"T"HH24:MI') AS departure_local,
      to_char(f.arrival_local, 'YYYY-MM-DD"T"HH24:MI') AS arrival_local,
      f.departure_at, f.arrival_at, f.aircraft_type, f.aircraft_config, f.aircraft_registration, f.status,
      f.gate, f.boarding_at,
      f.estimated_departure_at, f.base_fares, f.overbooking, f.hold_ttl_seconds, f.currency,
      f.series_id, f.version, t.seat_count, l.seats_sold AS sold, l.load_factor,
      COALESCE((SELECT sum(h.seat_count) FROM inventory_holds h
        WHERE h.flight_id = f.id AND h.status = 'held'), 0) AS held
    FROM flights f
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    JOIN flight_loads l ON l.flight_id = f.id`;
}

/** One flight with its load, or undefined. */
export async function getAdminFlight(sql: Sql | Tx, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await sql`${select(sql)} WHERE f.id = ${id}`;
  return row ? toAdminFlight(row) : undefined;
}

/** Each sort's columns (an index per sort matches them) and how a row or cursor fills them. */
const SORTS = {
  departure: {
    order: (sql: Sql, d: Dir) => sql`f.departure_at ${d}, f.flight_number ${d}, f.id ${d}`,
    seek: (sql: Sql, c: ListCursor, op: Op) =>
      sql`(f.departure_at, f.flight_number, f.id) ${op} (${c.at}::timestamptz, ${
        String(c.key)
      }, ${c.id}::uuid)`,
    key: (r: Row): string | number => r.flight_number,
  },
  number: {
    order: (sql: Sql, d: Dir) => sql`f.flight_number ${d}, f.departure_at ${d}, f.id ${d}`,
    seek: (sql: Sql, c: ListCursor, op: Op) =>
      sql`(f.flight_number, f.departure_at, f.id) ${op} (${
        String(c.key)
      }, ${c.at}::timestamptz, ${c.id}::uuid)`,
    key: (r: Row): string | number => r.flight_number,
  },
  loadFactor: {
    // The load factor lives in flight_loads, indexed with the id as the tie-break.
    order: (sql: Sql, d: Dir) => sql`l.load_factor ${d}, l.flight_id ${d}`,
    seek: (sql: Sql, c: ListCursor, op: Op) =>
      sql`(l.load_factor, l.flight_id) ${op} (${Number(c.key)}::real, ${c.id}::uuid)`,
    // The stored float4, exactly as the seek compares it (not the rounded one shown).
    key: (r: Row): string | number => r.load_factor,
  },
};
// deno-lint-ignore no-explicit-any
type Row = any;
type Dir = ReturnType<Sql>;
type Op = ReturnType<Sql>;

/**
 * A page of flights in a date range with the total that match. A cursor page seeks through
 * the sort's index, so page 2,000 costs what page 2 does; `offset` still serves a page typed
 * by number.
 */
export async function listAdminFlights(
  sql: Sql,
  q: AdminFlightQuery,
): Promise<AdminFlightPageResult> {
  // A local date is within a day of the UTC instant: the departure_at bounds let the
  // departure index stop at the range's end without changing which flights match (the count
  // leaves them out: it reads the date index alone).
  const filters = sql`
      ${q.origin ? sql`AND f.origin = ${q.origin}` : sql``}
      ${q.destination ? sql`AND f.destination = ${q.destination}` : sql``}
      ${q.status ? sql`AND f.status = ${q.status}` : sql``}
      ${q.number ? sql`AND f.flight_number LIKE ${q.number + "%"}` : sql``}`;
  const dates = sql`f.departure_date BETWEEN ${q.from} AND ${q.to}`;
  const sort = SORTS[q.sort];
  // Going back (Previous, Last) reads the order reversed from the cursor, then turns it round.
  const back = Boolean(q.before || q.last);
  const desc = (q.order === "desc") !== back;
  const cursor = q.before ?? q.after;
  const seek = cursor ? sql`AND ${sort.seek(sql, cursor, desc ? sql`<` : sql`>`)}` : sql``;
  const offset = cursor || q.last ? 0 : q.offset;
  const [ids, [{ total }]] = await withCustomPlans(sql, (tx) =>
    Promise.all([
      tx`SELECT f.id FROM flights f
        ${q.sort === "loadFactor" ? sql`JOIN flight_loads l ON l.flight_id = f.id` : sql``}
        WHERE ${dates} ${filters} ${seek}
          AND f.departure_at >= ${q.from}::date - 2 AND f.departure_at < ${q.to}::date + 3
        ORDER BY ${sort.order(sql, desc ? sql`DESC` : sql`ASC`)}
        LIMIT ${q.limit + 1} OFFSET ${offset}`,
      tx`SELECT count(*)::int AS total FROM flights f WHERE ${dates} ${filters}`,
    ]));
  const more = ids.length > q.limit;
  const pageIds = ids.slice(0, q.limit).map((r) => r.id as string);
  if (back) pageIds.reverse();
  const rows = pageIds.length ? await sql`${select(sql)} WHERE f.id IN ${sql(pageIds)}` : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = pageIds.map((id) => byId.get(id)).filter(Boolean);
  const edge = (r: Row) =>
    r && encodeCursor({ key: sort.key(r), at: r.departure_at.toISOString(), id: r.id });
  const hasPrev = back ? more : Boolean(q.after) || offset > 0;
  const hasNext = back ? Boolean(q.before) : more;
  return {
    data: page.map(toAdminFlight),
    total: total as number,
    next: hasNext ? edge(page.at(-1)) : undefined,
    prev: hasPrev ? edge(page[0]) : undefined,
  };
}

/** What an edit may change in place on the flights row (aircraft and fares go via the actor). */
export type ScheduleEdit = Pick<
  ResolvedFlight,
  | "carrier"
  | "flightNumber"
  | "origin"
  | "destination"
  | "departureLocal"
  | "arrivalLocal"
  | "departureAt"
  | "arrivalAt"
  | "currency"
>;

/** Whether a flight other than `id` has that number on that local departure date. */
export async function flightNumberTaken(
  sql: Sql,
  id: string,
  e: Pick<ScheduleEdit, "carrier" | "flightNumber" | "departureLocal">,
): Promise<boolean> {
  const rows = await sql`
    SELECT 1 FROM flights WHERE carrier = ${e.carrier} AND flight_number = ${e.flightNumber}
      AND departure_date = ${e.departureLocal.slice(0, 10)}::date AND id <> ${id}`;
  return rows.length > 0;
}

/** Writes a schedule edit; false when another flight has that number on that date. */
export async function updateFlightSchedule(sql: Sql, id: string, e: ScheduleEdit) {
  if (await flightNumberTaken(sql, id, e)) return false;
  await sql`
    UPDATE flights SET carrier = ${e.carrier}, flight_number = ${e.flightNumber},
      origin = ${e.origin}, destination = ${e.destination},
      departure_local = ${e.departureLocal}, arrival_local = ${e.arrivalLocal},
      departure_at = ${e.departureAt}, arrival_at = ${e.arrivalAt}, currency = ${e.currency},
      updated_at = now()
    WHERE id = ${id}`;
  return true;
}

/** Live (held or confirmed) bookings and payments ever taken on a flight. */
export async function flightCommitments(sql: Sql | Tx, id: string) {
  const [row] = await sql`
    SELECT
      (SELECT count(*)::int FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
        WHERE g.flight_id = ${id} AND b.status IN ('held', 'confirmed')
          AND g.status IN ('held', 'confirmed')) AS live,
      (SELECT count(*)::int FROM ticket_coupons WHERE flight_id = ${id}) AS tickets,
      (SELECT count(*)::int FROM payments p JOIN booking_segments g ON g.booking_id = p.booking_id
        WHERE g.flight_id = ${id}) AS payments`;
  return row as { live: number; tickets: number; payments: number };
}

/** Puts another airframe of the same type on a flight (the seats stay as they are). */
export async function setFlightRegistration(sql: Sql, id: string, registration: string | null) {
  await sql`
    UPDATE flights SET aircraft_registration = ${registration}, updated_at = now()
    WHERE id = ${id}`;
}
