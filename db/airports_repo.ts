import type { Sql } from "./postgres.ts";
import type { AirportSuggestion } from "../domain/views/airport.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { AirportSuggestion };

/** An airport with where it is and whether Contrail flies from it. */
export interface DirectoryAirport extends AirportSuggestion {
  latitude: number;
  longitude: number;
}

/**
 * Every airport with its coordinates and whether any flight leaves it: the whole reference
 * table (a few thousand rows), which the search services match and measure in memory.
 */
export async function listAirportDirectory(sql: Sql): Promise<DirectoryAirport[]> {
  return await sql<DirectoryAirport[]>`
    SELECT a.iata, a.name, a.city, a.country, a.tz, a.latitude, a.longitude,
           EXISTS (SELECT 1 FROM flights f WHERE f.origin = a.iata) AS served
    FROM airports a`;
}

/** An airport's IANA time zone, or undefined for an unknown code. */
export async function getAirportTz(sql: Sql, iata: string): Promise<string | undefined> {
  const [row] = await sql`SELECT tz FROM airports WHERE iata = ${iata}`;
  return row?.tz;
}
