/** Look-ups the operators' pages need beside the admin repositories. */
import type { Sql } from "./postgres.ts";

/** An aircraft type as the flight forms offer it: code, name and the cabins it has. */
export interface AircraftTypeChoice {
  code: string;
  name: string;
  /** The cabins of its default configuration. */
  cabins: string[];
  /** Its cabin configurations, the default first. */
  configurations: { code: string; name: string; cabins: string[] }[];
}

/** Every aircraft type with its configurations and the cabin codes of their layouts, by code. */
export async function aircraftTypeChoices(sql: Sql): Promise<AircraftTypeChoice[]> {
  const rows = await sql<
    { type: string; type_name: string; code: string; name: string; cabins: string[] }[]
  >`
    SELECT t.code AS type, t.name AS type_name, c.code, c.name,
      ARRAY(SELECT x->>'code' FROM jsonb_array_elements(c.layout->'cabins') AS x) AS cabins
    FROM aircraft_types t JOIN aircraft_configurations c ON c.type_code = t.code
    ORDER BY t.code, c.is_default DESC, c.code`;
  const out: AircraftTypeChoice[] = [];
  for (const r of rows) {
    const config = { code: r.code, name: r.name, cabins: r.cabins };
    if (out.at(-1)?.code === r.type) out.at(-1)!.configurations.push(config);
    else out.push({ code: r.type, name: r.type_name, cabins: r.cabins, configurations: [config] });
  }
  return out;
}

/** The IANA zones of the given airports, by IATA code (unknown codes are left out). */
export async function airportZones(sql: Sql, codes: string[]): Promise<Record<string, string>> {
  if (!codes.length) return {};
  const rows = await sql<{ iata: string; tz: string }[]>`
    SELECT iata, tz FROM airports WHERE iata IN ${sql(codes)}`;
  return Object.fromEntries(rows.map((r) => [r.iata, r.tz]));
}

/** Bookings' record locators by booking id (unknown ids are left out). */
export async function bookingPnrs(sql: Sql, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await sql<{ id: string; pnr: string }[]>`
    SELECT id::text, pnr FROM bookings WHERE id::text IN ${sql(ids)}`;
  return Object.fromEntries(rows.map((r) => [r.id, r.pnr]));
}

/** Flights by id as short labels: "CT 123 · 2030-03-02 07:05". */
export async function flightLabels(sql: Sql, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await sql<{ id: string; label: string }[]>`
    SELECT id, carrier || ' ' || flight_number || ' · ' ||
      to_char(departure_local, 'YYYY-MM-DD HH24:MI') AS label
    FROM flights WHERE id IN ${sql(ids)}`;
  return Object.fromEntries(rows.map((r) => [r.id, r.label]));
}
