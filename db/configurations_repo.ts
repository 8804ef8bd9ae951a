/** Cabin configurations: each a seat layout of an aircraft type, flown by flights and fitted to airframes. */
import { type SeatLayout, SeatLayoutSchema } from "../domain/seat_layout.ts";
import type { Sql, Tx } from "./postgres.ts";
import { type UpcomingFlight, upcomingFlights } from "./fleet_repo.ts";

/** A cabin configuration of an aircraft type: its own seat layout. */
export interface AircraftConfiguration {
  typeCode: string;
  code: string;
  name: string;
  layout: SeatLayout;
  seatCount: number;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of a configuration; `seatCount` always follows from the layout. */
export interface ConfigurationFields {
  name: string;
  layout: SeatLayout;
  seatCount: number;
}

interface ConfigRow {
  type_code: string;
  code: string;
  name: string;
  layout: unknown;
  seat_count: number;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

function toConfiguration(r: ConfigRow): AircraftConfiguration {
  return {
    typeCode: r.type_code,
    code: r.code,
    name: r.name,
    layout: SeatLayoutSchema.parse(r.layout),
    seatCount: r.seat_count,
    isDefault: r.is_default,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The configurations of an aircraft type, the default first, then by code. */
export async function listConfigurations(
  sql: Sql | Tx,
  typeCode: string,
): Promise<AircraftConfiguration[]> {
  const rows = await sql<ConfigRow[]>`
    SELECT * FROM aircraft_configurations WHERE type_code = ${typeCode}
    ORDER BY is_default DESC, code`;
  return rows.map(toConfiguration);
}

/** One configuration of a type; with `lock`, locked for an update (inside a transaction). */
export async function getConfiguration(
  sql: Sql | Tx,
  typeCode: string,
  code: string,
  lock = false,
): Promise<AircraftConfiguration | undefined> {
  const [row] = await sql<ConfigRow[]>`
    SELECT * FROM aircraft_configurations WHERE type_code = ${typeCode} AND code = ${code}
    ${lock ? sql`FOR UPDATE` : sql``}`;
  return row ? toConfiguration(row) : undefined;
}

/** Adds a configuration to a type; undefined when the type already has that code. */
export async function insertConfiguration(
  tx: Tx,
  typeCode: string,
  code: string,
  c: ConfigurationFields,
  isDefault = false,
): Promise<AircraftConfiguration | undefined> {
  const [row] = await tx<ConfigRow[]>`
    INSERT INTO aircraft_configurations (type_code, code, name, layout, seat_count, is_default)
    VALUES (${typeCode}, ${code}, ${c.name}, ${tx.json(c.layout as never)}, ${c.seatCount},
            ${isDefault})
    ON CONFLICT DO NOTHING RETURNING *`;
  return row ? toConfiguration(row) : undefined;
}

/** Replaces a configuration's name and layout. */
export async function updateConfiguration(
  tx: Tx,
  typeCode: string,
  code: string,
  c: ConfigurationFields,
  now: Date,
): Promise<AircraftConfiguration> {
  const [row] = await tx<ConfigRow[]>`
    UPDATE aircraft_configurations SET name = ${c.name}, layout = ${tx.json(c.layout as never)},
      seat_count = ${c.seatCount}, updated_at = ${now}
    WHERE type_code = ${typeCode} AND code = ${code} RETURNING *`;
  return toConfiguration(row);
}

/** Up to `limit` upcoming flights sold with a configuration, soonest first, and the total. */
export async function upcomingFlightsOfConfiguration(
  sql: Sql | Tx,
  typeCode: string,
  code: string,
  now: Date,
  limit = 5,
): Promise<{ total: number; first: UpcomingFlight[] }> {
  return await upcomingFlights(
    sql,
    sql`aircraft_type = ${typeCode} AND aircraft_config = ${code}`,
    now,
    limit,
  );
}
