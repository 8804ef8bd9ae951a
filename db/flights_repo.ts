import { isUuid } from "../domain/ids.ts";
import type { Sql } from "./postgres.ts";
import type { CabinCode } from "../domain/seat_layout.ts";
import type { FlightSummary } from "../domain/views/flight.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { FlightSummary };

/** Filters for listUpcomingFlights. */
export interface UpcomingFilter {
  now: Date;
  from?: string;
  to?: string;
  /** Local departure date at the origin, "YYYY-MM-DD". */
  date?: string;
  limit: number;
  offset?: number;
}

interface FlightRow {
  id: string;
  carrier: string;
  flight_number: string;
  origin: string;
  origin_city: string;
  origin_tz: string;
  destination: string;
  destination_city: string;
  destination_tz: string;
  departure_local: string;
  arrival_local: string;
  departure_at: Date;
  arrival_at: Date;
  aircraft_type: string;
  aircraft_name: string;
  status: string;
  estimated_departure_at: Date | null;
  base_fares: Partial<Record<CabinCode, number>>;
  currency: string;
}

function toSummary(r: FlightRow): FlightSummary {
  return {
    id: r.id,
    carrier: r.carrier,
    flightNumber: r.flight_number,
    origin: { iata: r.origin, city: r.origin_city, tz: r.origin_tz },
    destination: { iata: r.destination, city: r.destination_city, tz: r.destination_tz },
    departureLocal: r.departure_local,
    arrivalLocal: r.arrival_local,
    departureAt: r.departure_at.toISOString(),
    arrivalAt: r.arrival_at.toISOString(),
    durationMinutes: Math.round((r.arrival_at.getTime() - r.departure_at.getTime()) / 60_000),
    aircraftType: r.aircraft_type,
    aircraftName: r.aircraft_name,
    status: r.status,
    estimatedDepartureAt: r.estimated_departure_at?.toISOString() ?? null,
    baseFares: r.base_fares,
    currency: r.currency,
  };
}

/** One flight by id, or undefined (also for ids that are not uuids). */
export async function getFlight(sql: Sql, id: string): Promise<FlightSummary | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await sql<FlightRow[]>`${flightSelect(sql)} WHERE f.id = ${id}`;
  return row && toSummary(row);
}

/** Flights by id, in no particular order. */
export async function listFlightsByIds(sql: Sql, ids: string[]): Promise<FlightSummary[]> {
  if (ids.length === 0) return [];
  const rows = await sql<FlightRow[]>`${flightSelect(sql)} WHERE f.id IN ${sql(ids)}`;
  return rows.map(toSummary);
}

function flightSelect(sql: Sql) {
  return sql`
    SELECT f.id, f.carrier, f.flight_number,
           f.origin, o.city AS origin_city, o.tz AS origin_tz,
           f.destination, d.city AS destination_city, d.tz AS destination_tz,
           to_char(f.departure_local, 'YYYY-MM-DD"T"HH24:MI') AS departure_local,
           to_char(f.arrival_local, 'YYYY-MM-DD"T"HH24:MI') AS arrival_local,
           f.departure_at, f.arrival_at, f.aircraft_type, t.name AS aircraft_name,
           f.status, f.estimated_departure_at, f.base_fares, f.currency
    FROM flights f
    JOIN airports o ON o.iata = f.origin
    JOIN airports d ON d.iata = f.destination
    JOIN aircraft_types t ON t.code = f.aircraft_type`;
}

/** Flights departing after `now`, soonest first, optionally by route and local date. */
export async function listUpcomingFlights(sql: Sql, f: UpcomingFilter): Promise<FlightSummary[]> {
  const rows = await sql<FlightRow[]>`
    ${flightSelect(sql)}
    WHERE f.departure_at > ${f.now}
      ${f.from ? sql`AND f.origin = ${f.from}` : sql``}
      ${f.to ? sql`AND f.destination = ${f.to}` : sql``}
      ${f.date ? sql`AND f.departure_date = ${f.date}` : sql``}
    ORDER BY f.departure_at, f.carrier, f.flight_number
    LIMIT ${f.limit} OFFSET ${f.offset ?? 0}`;
  return rows.map(toSummary);
}
