import { type SeatLayout, SeatLayoutSchema } from "../domain/seat_layout.ts";
import type { Sql, Tx } from "./postgres.ts";

export {
  type AircraftConfiguration,
  type ConfigurationFields,
  getConfiguration,
  insertConfiguration,
  listConfigurations,
  upcomingFlightsOfConfiguration,
  updateConfiguration,
} from "./configurations_repo.ts";

/** An aircraft type as listed. */
export interface AircraftTypeSummary {
  code: string;
  name: string;
  manufacturer: string;
  seatCount: number;
  cruiseKmh: number;
  rangeKm: number;
  /** Active airframes of this type. */
  activeAircraft: number;
}

/** The code of the configuration each type starts with and a type named alone means. */
export const DEFAULT_CONFIGURATION = "STD";

/** An aircraft type with its default configuration's seat layout. */
export interface AircraftType extends Omit<AircraftTypeSummary, "activeAircraft"> {
  layout: SeatLayout;
  /** The code of the configuration a type named alone means. */
  defaultConfiguration: string;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of an aircraft type; `seatCount` always follows from the layout. */
export interface AircraftTypeFields {
  name: string;
  manufacturer: string;
  cruiseKmh: number;
  rangeKm: number;
  layout: SeatLayout;
  seatCount: number;
}

/** One airframe. */
export interface Aircraft {
  registration: string;
  typeCode: string;
  /** The cabin configuration of its type it is fitted with. */
  configCode: string;
  name: string | null;
  active: boolean;
  createdAt: string;
}

/** A flight that keeps a type's layout or an airframe's type from changing. */
export interface UpcomingFlight {
  id: string;
  carrier: string;
  flightNumber: string;
  departureAt: string;
  /** The cabin configuration it is sold with. */
  configuration: string;
}

interface TypeRow {
  code: string;
  name: string;
  manufacturer: string;
  layout: unknown;
  seat_count: number;
  default_config: string;
  cruise_kmh: number;
  range_km: number;
  created_at: Date;
  updated_at: Date;
}

function toType(r: TypeRow): AircraftType {
  return {
    code: r.code,
    name: r.name,
    manufacturer: r.manufacturer,
    seatCount: r.seat_count,
    cruiseKmh: r.cruise_kmh,
    rangeKm: r.range_km,
    layout: SeatLayoutSchema.parse(r.layout),
    defaultConfiguration: r.default_config,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

interface AircraftRow {
  registration: string;
  type_code: string;
  config_code: string;
  name: string | null;
  active: boolean;
  created_at: Date;
}

function toAircraft(r: AircraftRow): Aircraft {
  return {
    registration: r.registration,
    typeCode: r.type_code,
    configCode: r.config_code,
    name: r.name,
    active: r.active,
    createdAt: r.created_at.toISOString(),
  };
}

/** Every aircraft type, by code, with how many active airframes it has. */
export async function listAircraftTypes(sql: Sql): Promise<AircraftTypeSummary[]> {
  return await sql<AircraftTypeSummary[]>`
    SELECT t.code, t.name, t.manufacturer, c.seat_count AS "seatCount",
           t.cruise_kmh AS "cruiseKmh", t.range_km AS "rangeKm",
           (SELECT count(*)::int FROM aircraft a WHERE a.type_code = t.code AND a.active)
             AS "activeAircraft"
    FROM aircraft_types t
    JOIN aircraft_configurations c ON c.type_code = t.code AND c.is_default
    ORDER BY t.code`;
}

/**
 * One aircraft type with its default configuration's layout; with `lock`, the type's row is
 * locked for an update (inside a transaction).
 */
export async function getAircraftType(
  sql: Sql | Tx,
  code: string,
  lock = false,
): Promise<AircraftType | undefined> {
  const [row] = await sql<TypeRow[]>`
    SELECT t.*, c.layout, c.seat_count, c.code AS default_config
    FROM aircraft_types t
    JOIN aircraft_configurations c ON c.type_code = t.code AND c.is_default
    WHERE t.code = ${code} ${lock ? sql`FOR UPDATE OF t` : sql``}`;
  return row ? toType(row) : undefined;
}

/**
 * Adds an aircraft type, without its configurations (a type needs a default one before it
 * is read: insertConfiguration in the same transaction); undefined when the code is taken.
 */
export async function insertAircraftType(
  tx: Tx,
  code: string,
  t: AircraftTypeFields,
): Promise<string | undefined> {
  const [row] = await tx`
    INSERT INTO aircraft_types (code, name, manufacturer, cruise_kmh, range_km)
    VALUES (${code}, ${t.name}, ${t.manufacturer}, ${t.cruiseKmh}, ${t.rangeKm})
    ON CONFLICT (code) DO NOTHING RETURNING code`;
  return row ? row.code as string : undefined;
}

/** Replaces an aircraft type's fields; its layout is its default configuration's. */
export async function updateAircraftType(
  tx: Tx,
  code: string,
  t: AircraftTypeFields,
  now: Date,
): Promise<AircraftType> {
  await tx`
    UPDATE aircraft_types SET name = ${t.name}, manufacturer = ${t.manufacturer},
      cruise_kmh = ${t.cruiseKmh}, range_km = ${t.rangeKm}, updated_at = ${now}
    WHERE code = ${code}`;
  await tx`
    UPDATE aircraft_configurations SET layout = ${tx.json(t.layout as never)},
      seat_count = ${t.seatCount}, updated_at = ${now}
    WHERE type_code = ${code} AND is_default AND layout <> ${tx.json(t.layout as never)}`;
  return (await getAircraftType(tx, code))!;
}

/**
 * Flights whose seat inventory is still in use: not departed, arrived or cancelled, and not
 * past their (estimated) arrival (a flight nobody moved on from "scheduled" stops counting
 * once it should have landed).
 */
function upcoming(sql: Sql | Tx, now: Date) {
  return sql`status NOT IN ('departed', 'arrived', 'cancelled')
    AND COALESCE(estimated_arrival_at, arrival_at) > ${now}`;
}

/** Up to `limit` upcoming flights of an aircraft type, soonest first, and how many there are. */
export async function upcomingFlightsOfType(
  sql: Sql | Tx,
  code: string,
  now: Date,
  limit = 5,
): Promise<{ total: number; first: UpcomingFlight[] }> {
  return await upcomingFlights(sql, sql`aircraft_type = ${code}`, now, limit);
}

/** Up to `limit` upcoming flights an airframe is assigned to, and how many there are. */
export async function upcomingFlightsOfAircraft(
  sql: Sql | Tx,
  registration: string,
  now: Date,
  limit = 5,
): Promise<{ total: number; first: UpcomingFlight[] }> {
  return await upcomingFlights(sql, sql`aircraft_registration = ${registration}`, now, limit);
}

/** Up to `limit` upcoming flights matching `which`, soonest first, and how many there are. */
export async function upcomingFlights(
  sql: Sql | Tx,
  which: ReturnType<Sql>,
  now: Date,
  limit: number,
): Promise<{ total: number; first: UpcomingFlight[] }> {
  const rows = await sql`
    SELECT id, carrier, flight_number, departure_at, aircraft_config,
      count(*) OVER ()::int AS total
    FROM flights WHERE ${which} AND ${upcoming(sql, now)}
    ORDER BY departure_at, id LIMIT ${limit}`;
  return {
    total: rows[0]?.total ?? 0,
    first: rows.map((r) => ({
      id: r.id,
      carrier: r.carrier.trim(),
      flightNumber: r.flight_number,
      departureAt: r.departure_at.toISOString(),
      configuration: r.aircraft_config,
    })),
  };
}

/** Airframes, by registration, optionally of one type and/or activity. */
export async function listAircraft(
  sql: Sql,
  filter: { typeCode?: string; active?: boolean },
): Promise<Aircraft[]> {
  const rows = await sql<AircraftRow[]>`
    SELECT * FROM aircraft WHERE true
    ${filter.typeCode ? sql`AND type_code = ${filter.typeCode}` : sql``}
    ${filter.active === undefined ? sql`` : sql`AND active = ${filter.active}`}
    ORDER BY registration`;
  return rows.map(toAircraft);
}

/** How many flights not yet departed each airframe that has any is assigned to. */
export async function upcomingFlightsPerAircraft(
  sql: Sql,
  now: Date,
): Promise<Map<string, number>> {
  const rows = await sql`
    SELECT aircraft_registration AS registration, count(*)::int AS n FROM flights
    WHERE aircraft_registration IS NOT NULL AND ${upcoming(sql, now)}
    GROUP BY aircraft_registration`;
  return new Map(rows.map((r) => [r.registration as string, r.n as number]));
}

/** One airframe; with `lock`, its row is locked for an update (inside a transaction). */
export async function getAircraft(
  sql: Sql | Tx,
  registration: string,
  lock = false,
): Promise<Aircraft | undefined> {
  const [row] = await sql<AircraftRow[]>`
    SELECT * FROM aircraft WHERE registration = ${registration}
    ${lock ? sql`FOR UPDATE` : sql``}`;
  return row ? toAircraft(row) : undefined;
}

/** Adds an airframe; undefined when the registration is taken. */
export async function insertAircraft(
  tx: Tx,
  a: { registration: string; typeCode: string; configCode: string; name: string | null },
): Promise<Aircraft | undefined> {
  const [row] = await tx<AircraftRow[]>`
    INSERT INTO aircraft (registration, type_code, config_code, name)
    VALUES (${a.registration}, ${a.typeCode}, ${a.configCode}, ${a.name})
    ON CONFLICT (registration) DO NOTHING RETURNING *`;
  return row ? toAircraft(row) : undefined;
}

/** Replaces an airframe's type, configuration, name and activity. */
export async function updateAircraft(
  tx: Tx,
  registration: string,
  a: { typeCode: string; configCode: string; name: string | null; active: boolean },
): Promise<Aircraft> {
  const [row] = await tx<AircraftRow[]>`
    UPDATE aircraft SET type_code = ${a.typeCode}, config_code = ${a.configCode},
      name = ${a.name}, active = ${a.active}
    WHERE registration = ${registration} RETURNING *`;
  return toAircraft(row);
}
