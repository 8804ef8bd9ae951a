import { containsPattern } from "./like.ts";
import type { Sql, Tx } from "./postgres.ts";

/** An airport as the admin API shows and edits it. */
export interface Airport {
  iata: string;
  icao: string | null;
  name: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  tz: string;
  /** Its own minimum connection time in minutes; null: the default (domain/journey.ts). */
  minConnectionMinutes: number | null;
}

/** The fields of an airport besides its code. */
export type AirportFields = Omit<Airport, "iata">;

interface AirportRow extends Omit<Airport, "icao" | "minConnectionMinutes"> {
  icao: string | null;
  min_connection_minutes: number | null;
}

function toAirport(r: AirportRow): Airport {
  return {
    iata: r.iata,
    icao: r.icao?.trim() || null,
    name: r.name,
    city: r.city,
    country: r.country,
    latitude: r.latitude,
    longitude: r.longitude,
    tz: r.tz,
    minConnectionMinutes: r.min_connection_minutes,
  };
}

/**
 * One page of airports, by code, with the total that match: `q` is an IATA or ICAO code
 * (exact matches first) or part of a name, city or country.
 */
export async function searchAirports(
  sql: Sql,
  s: { q?: string; limit: number; offset: number },
): Promise<{ data: Airport[]; total: number }> {
  const code = s.q?.toUpperCase() ?? "";
  const pattern = s.q ? containsPattern(s.q) : undefined;
  const where = pattern
    ? sql`iata = ${code} OR icao = ${code} OR lower(name) LIKE ${pattern}
          OR lower(city) LIKE ${pattern} OR lower(country) LIKE ${pattern}`
    : sql`true`;
  const [rows, [{ total }]] = await Promise.all([
    sql<AirportRow[]>`
      SELECT iata, icao, name, city, country, latitude, longitude, tz, min_connection_minutes
      FROM airports
      WHERE ${where}
      ORDER BY (iata = ${code} OR icao = ${code}) DESC, iata
      LIMIT ${s.limit} OFFSET ${s.offset}`,
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM airports WHERE ${where}`,
  ]);
  return { data: rows.map(toAirport), total };
}

/** One airport, its row locked for an update (inside a transaction). */
export async function lockAirport(tx: Tx, iata: string): Promise<Airport | undefined> {
  const [row] = await tx<AirportRow[]>`
    SELECT iata, icao, name, city, country, latitude, longitude, tz, min_connection_minutes
      FROM airports
    WHERE iata = ${iata} FOR UPDATE`;
  return row ? toAirport(row) : undefined;
}

/** Adds an airport; undefined when the code is taken. */
export async function insertAirport(tx: Tx, a: Airport): Promise<Airport | undefined> {
  const [row] = await tx<AirportRow[]>`
    INSERT INTO airports (iata, icao, name, city, country, latitude, longitude, tz,
      min_connection_minutes)
    VALUES (${a.iata}, ${a.icao}, ${a.name}, ${a.city}, ${a.country}, ${a.latitude},
            ${a.longitude}, ${a.tz}, ${a.minConnectionMinutes})
    ON CONFLICT (iata) DO NOTHING
    RETURNING iata, icao, name, city, country, latitude, longitude, tz, min_connection_minutes`;
  return row ? toAirport(row) : undefined;
}

/** Replaces an airport's fields. */
export async function updateAirport(
  tx: Tx,
  iata: string,
  a: AirportFields,
  now: Date,
): Promise<Airport> {
  const [row] = await tx<AirportRow[]>`
    UPDATE airports SET icao = ${a.icao}, name = ${a.name}, city = ${a.city},
      country = ${a.country}, latitude = ${a.latitude}, longitude = ${a.longitude},
      tz = ${a.tz}, min_connection_minutes = ${a.minConnectionMinutes}, updated_at = ${now}
    WHERE iata = ${iata}
    RETURNING iata, icao, name, city, country, latitude, longitude, tz, min_connection_minutes`;
  return toAirport(row);
}

/** Whether any flight, past or future, departs from or arrives at the airport. */
export async function airportHasFlights(tx: Tx, iata: string): Promise<boolean> {
  const [row] = await tx`
    SELECT EXISTS (SELECT 1 FROM flights WHERE origin = ${iata})
        OR EXISTS (SELECT 1 FROM flights WHERE destination = ${iata}) AS used`;
  return row.used;
}
