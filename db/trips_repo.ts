import type { Sql } from "./postgres.ts";
import { journeyDestination } from "../domain/journey.ts";

/** City names of airports by IATA code. */
async function airportCities(sql: Sql, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await sql`SELECT iata, city FROM airports WHERE iata = ANY(${[...new Set(codes)]})`;
  return new Map(rows.map((r) => [r.iata.trim(), r.city as string]));
}
import type { Reaccommodation, TripLine } from "../domain/views/trip.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { Reaccommodation, TripLine };

/** A user's bookings with their flights, the soonest departure first, then the newest booking. */
export async function listTrips(sql: Sql, userId: string, limit = 50): Promise<TripLine[]> {
  const rows = await sql`
    SELECT b.id, b.pnr, b.status, g.cabin, b.total_amount, b.currency, b.created_at,
      (SELECT count(*)::int FROM booking_passengers p WHERE p.booking_id = b.id) AS passengers,
      f.id AS flight_id, f.carrier, f.flight_number, f.origin, o.city AS origin_city,
      o.tz AS origin_tz, f.destination, d.city AS destination_city, f.departure_at,
      f.status AS flight_status,
      to_char(f.departure_local, 'YYYY-MM-DD"T"HH24:MI') AS departure_local,
      legs.list AS legs
    FROM bookings b
    -- The flight a trip is listed by: its first live segment, else its first.
    CROSS JOIN LATERAL (
      SELECT g.flight_id, g.cabin FROM booking_segments g JOIN flights x ON x.id = g.flight_id
      WHERE g.booking_id = b.id
      ORDER BY g.status IN ('held', 'confirmed') DESC, x.departure_at LIMIT 1
    ) g
    JOIN flights f ON f.id = g.flight_id
    JOIN airports o ON o.iata = f.origin
    JOIN airports d ON d.iata = f.destination
    CROSS JOIN LATERAL (
      SELECT json_agg(json_build_object('flightId', x.id, 'origin', x.origin,
        'destination', x.destination, 'departureAt', x.departure_at, 'arrivalAt', x.arrival_at)
        ORDER BY x.departure_at) AS list
      FROM booking_segments s JOIN flights x ON x.id = s.flight_id
      WHERE s.booking_id = b.id AND (s.status IN ('held', 'confirmed') OR s.flight_id = f.id)
    ) legs
    WHERE b.user_id = ${userId}
    ORDER BY f.departure_at, b.created_at DESC
    LIMIT ${limit}`;
  const final = rows.map((r) => journeyDestination(r.legs) ?? r.destination.trim());
  const cities = await airportCities(sql, final);
  return rows.map((r, i) => ({
    id: r.id,
    pnr: r.pnr,
    status: r.status,
    cabin: r.cabin,
    passengers: r.passengers,
    total: r.total_amount,
    currency: r.currency,
    createdAt: r.created_at.toISOString(),
    flight: {
      id: r.flight_id,
      carrier: r.carrier,
      flightNumber: r.flight_number,
      origin: r.origin,
      originCity: r.origin_city,
      originTz: r.origin_tz,
      destination: r.destination,
      destinationCity: r.destination_city,
      departureLocal: r.departure_local,
      departureAt: r.departure_at.toISOString(),
      status: r.flight_status,
    },
    finalDestination: final[i],
    finalDestinationCity: cities.get(final[i]) ?? final[i],
    legs: r.legs.length,
  }));
}

/** The reaccommodation outcome of one booking, or undefined when its flight was never cancelled. */
export async function getReaccommodation(
  sql: Sql,
  bookingId: string,
): Promise<Reaccommodation | undefined> {
  const [r] = await sql`
    SELECT status, from_flight_id, flight_ids, cabin, updated_at
    FROM reaccommodations WHERE booking_id = ${bookingId}`;
  if (!r) return undefined;
  return {
    status: r.status,
    fromFlightId: r.from_flight_id,
    flightIds: r.flight_ids,
    cabin: r.cabin?.trim() ?? null,
    updatedAt: r.updated_at.toISOString(),
  };
}
