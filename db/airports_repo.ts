import type { Sql } from "./postgres.ts";
import type { AirportSuggestion } from "../domain/views/airport.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { AirportSuggestion };

/**
 * Up to 10 airports for what a user typed: the exact IATA code first, then city prefix,
 * then name prefix; airports Contrail serves before the rest.
 */
export async function suggestAirports(sql: Sql, q: string): Promise<AirportSuggestion[]> {
  const prefix = q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`) + "%";
  const code = q.toUpperCase();
  return await sql<AirportSuggestion[]>`
    SELECT a.iata, a.name, a.city, a.country, a.tz,
           EXISTS (SELECT 1 FROM flights f WHERE f.origin = a.iata) AS served
    FROM airports a
    WHERE a.iata = ${code} OR lower(a.city) LIKE ${prefix} OR lower(a.name) LIKE ${prefix}
    ORDER BY (a.iata = ${code}) DESC,
             (lower(a.city) LIKE ${prefix}) DESC,
             served DESC,
             a.city, a.name
    LIMIT 10`;
}

/** An airport's IANA time zone, or undefined for an unknown code. */
export async function getAirportTz(sql: Sql, iata: string): Promise<string | undefined> {
  const [row] = await sql`SELECT tz FROM airports WHERE iata = ${iata}`;
  return row?.tz;
}
