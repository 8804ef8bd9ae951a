import type { Sql } from "./postgres.ts";
import type { Reaccommodation, TripLine } from "../domain/views/trip.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { Reaccommodation, TripLine };

/** A user's bookings with their flights, the soonest departure first, then the newest booking. */
export async function listTrips(sql: Sql, userId: string, limit = 50): Promise<TripLine[]> {
  const rows = await sql`
    SELECT b.id, b.pnr, b.status, b.cabin, b.total_amount, b.currency, b.created_at,
      (SELECT count(*)::int FROM booking_passengers p WHERE p.booking_id = b.id) AS passengers,
      f.id AS flight_id, f.carrier, f.flight_number, f.origin, o.city AS origin_city,
      f.destination, d.city AS destination_city, f.departure_at, f.status AS flight_status,
      to_char(f.departure_local, 'YYYY-MM-DD"T"HH24:MI') AS departure_local
    FROM bookings b
    JOIN flights f ON f.id = b.flight_id
    JOIN airports o ON o.iata = f.origin
    JOIN airports d ON d.iata = f.destination
    WHERE b.user_id = ${userId}
    ORDER BY f.departure_at, b.created_at DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({
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
      destination: r.destination,
      destinationCity: r.destination_city,
      departureLocal: r.departure_local,
      departureAt: r.departure_at.toISOString(),
      status: r.flight_status,
    },
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
