import type { Sql, Tx } from "./postgres.ts";
import type { ResolvedFlight } from "../domain/schedule.ts";
import { isUuid } from "../domain/ids.ts";
import type { AdminFlight } from "../domain/views/flight.ts";
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
  offset: number;
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
  return sql`
    SELECT f.id, f.carrier, f.flight_number, f.origin, f.destination,
      to_char(f.departure_local, 'YYYY-MM-DD"T"HH24:MI') AS departure_local,
      to_char(f.arrival_local, 'YYYY-MM-DD"T"HH24:MI') AS arrival_local,
      f.departure_at, f.arrival_at, f.aircraft_type, f.aircraft_config, f.aircraft_registration, f.status,
      f.gate,
      f.estimated_departure_at, f.base_fares, f.overbooking, f.hold_ttl_seconds, f.currency,
      f.series_id, f.version, t.seat_count,
      COALESCE((SELECT sum(s.seat_count) FROM inventory_sales s WHERE s.flight_id = f.id), 0)
        AS sold,
      COALESCE((SELECT sum(h.seat_count) FROM inventory_holds h
        WHERE h.flight_id = f.id AND h.status = 'held'), 0) AS held
    FROM flights f JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config`;
}

/** One flight with its load, or undefined. */
export async function getAdminFlight(sql: Sql | Tx, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await sql`${select(sql)} WHERE f.id = ${id}`;
  return row ? toAdminFlight(row) : undefined;
}

/** A page of flights in a date range with the total that match. */
export async function listAdminFlights(sql: Sql, q: AdminFlightQuery) {
  const where = sql`
    WHERE f.departure_date BETWEEN ${q.from} AND ${q.to}
      ${q.origin ? sql`AND f.origin = ${q.origin}` : sql``}
      ${q.destination ? sql`AND f.destination = ${q.destination}` : sql``}
      ${q.status ? sql`AND f.status = ${q.status}` : sql``}
      ${q.number ? sql`AND f.flight_number LIKE ${q.number + "%"}` : sql``}`;
  const dir = q.order === "desc" ? sql`DESC` : sql`ASC`;
  const order = q.sort === "number"
    ? sql`x.flight_number ${dir}, x.departure_at`
    : q.sort === "loadFactor"
    ? sql`x.sold::float / x.seat_count ${dir}, x.departure_at`
    : sql`x.departure_at ${dir}, x.flight_number`;
  const [rows, [{ total }]] = await Promise.all([
    sql`SELECT * FROM (${select(sql)} ${where}) x
        ORDER BY ${order}, x.id LIMIT ${q.limit} OFFSET ${q.offset}`,
    sql`SELECT count(*)::int AS total FROM flights f ${where}`,
  ]);
  return { data: rows.map(toAdminFlight), total: total as number };
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
