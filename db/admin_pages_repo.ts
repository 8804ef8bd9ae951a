/** Look-ups the operators' pages need beside the admin repositories. */
import type { Sql } from "./postgres.ts";

/** An aircraft type as the flight forms offer it: code, name and the cabins it has. */
export interface AircraftTypeChoice {
  code: string;
  name: string;
  cabins: string[];
}

/** Every aircraft type with the cabin codes of its layout, by code. */
export async function aircraftTypeChoices(sql: Sql): Promise<AircraftTypeChoice[]> {
  const rows = await sql<{ code: string; name: string; cabins: string[] }[]>`
    SELECT code, name,
      ARRAY(SELECT c->>'code' FROM jsonb_array_elements(layout->'cabins') AS c) AS cabins
    FROM aircraft_types ORDER BY code`;
  return rows.map((r) => ({ code: r.code, name: r.name, cabins: r.cabins }));
}

/** The IANA zones of the given airports, by IATA code (unknown codes are left out). */
export async function airportZones(sql: Sql, codes: string[]): Promise<Record<string, string>> {
  if (!codes.length) return {};
  const rows = await sql<{ iata: string; tz: string }[]>`
    SELECT iata, tz FROM airports WHERE iata IN ${sql(codes)}`;
  return Object.fromEntries(rows.map((r) => [r.iata, r.tz]));
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
