import type { Sql } from "./postgres.ts";
import { DEFAULT_MIN_CONNECTION_MINUTES, MAX_LAYOVER_MINUTES } from "../domain/journey.ts";

/** A live booking on a flight: whom to tell about it. */
export interface FlightBooking {
  id: string;
  pnr: string;
  userId: string;
  cabin: string;
  createdAt: Date;
}

/** Booking states whose passengers still travel and hear about their flight. */
export const LIVE_BOOKING_STATES = ["held", "confirmed"];

/**
 * The held or confirmed bookings with an account and a live segment on a flight (any leg of a
 * journey or of a rebooked trip), oldest first.
 */
export async function listFlightBookings(sql: Sql, flightId: string): Promise<FlightBooking[]> {
  const rows = await sql`
    SELECT b.id, b.pnr, b.user_id, g.cabin, b.created_at
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
    WHERE g.flight_id = ${flightId} AND g.status IN ('held', 'confirmed')
      AND b.status IN ${sql(LIVE_BOOKING_STATES)} AND b.user_id IS NOT NULL
    ORDER BY b.created_at, b.id`;
  return rows.map((r) => ({
    id: r.id,
    pnr: r.pnr,
    userId: r.user_id,
    cabin: r.cabin,
    createdAt: r.created_at,
  }));
}

/** The accounts of active crew assigned to a flight. */
export async function listFlightCrewUsers(sql: Sql, flightId: string): Promise<string[]> {
  const rows = await sql`
    SELECT DISTINCT m.user_id FROM crew_assignments a JOIN crew_members m ON m.id = a.crew_id
    WHERE a.flight_id = ${flightId} AND m.user_id IS NOT NULL AND m.active`;
  return rows.map((r) => r.user_id as string);
}

/** How many passengers (accounts with live bookings) and crew a flight notice would reach. */
export async function countFlightAudience(
  sql: Sql,
  flightId: string,
  audience: "passengers" | "crew" | "all",
): Promise<{ passengers: number; crew: number }> {
  // One notice per account, however many of its bookings are on the flight.
  const passengers = audience === "crew"
    ? 0
    : new Set((await listFlightBookings(sql, flightId)).map((b) => b.userId)).size;
  const crew = audience === "passengers" ? 0 : (await listFlightCrewUsers(sql, flightId)).length;
  return { passengers, crew };
}

/** A booking's next flight from where a flight lands, as a connection (see listOnwardFlights). */
export interface OnwardConnection {
  bookingId: string;
  flightId: string;
  carrier: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureAt: Date;
  /** The connecting airport's minimum connection time in minutes. */
  minConnectionMinutes: number;
  originTz: string;
}

/**
 * For each live booking on a flight, its next confirmed or held flight leaving from where this
 * one lands within the longest layover of its scheduled arrival (a connection, not a stay),
 * with the connecting airport's minimum connection time and this flight's current arrival.
 */
function onwardFlights(sql: Sql, flightIds: string[]) {
  return sql`
    SELECT DISTINCT ON (g.flight_id, g.booking_id) g.flight_id AS from_flight_id, g.booking_id,
      o.id, o.carrier, o.flight_number, o.origin,
      o.destination, o.departure_at, h.tz,
      COALESCE(h.min_connection_minutes, ${DEFAULT_MIN_CONNECTION_MINUTES}) AS mct,
      COALESCE(c.estimated_arrival_at, c.arrival_at) AS landing
    FROM booking_segments g
    JOIN flights c ON c.id = g.flight_id
    JOIN booking_segments og ON og.booking_id = g.booking_id
      AND og.status IN ('held', 'confirmed')
    JOIN flights o ON o.id = og.flight_id
    JOIN airports h ON h.iata = o.origin
    WHERE g.flight_id IN ${sql(flightIds)} AND g.status IN ('held', 'confirmed')
      AND o.origin = c.destination AND o.departure_at > c.arrival_at
      AND o.departure_at <= c.arrival_at + ${MAX_LAYOVER_MINUTES} * interval '1 minute'
    ORDER BY g.flight_id, g.booking_id, o.departure_at`;
}

/** For each live booking on a flight, the next flight it connects onto there (see above). */
export async function listOnwardFlights(sql: Sql, flightId: string): Promise<OnwardConnection[]> {
  const rows = await onwardFlights(sql, [flightId]);
  return rows.map((r) => ({
    bookingId: r.booking_id,
    flightId: r.id,
    carrier: r.carrier.trim(),
    flightNumber: r.flight_number.trim(),
    origin: r.origin.trim(),
    destination: r.destination.trim(),
    departureAt: r.departure_at,
    minConnectionMinutes: r.mct,
    originTz: r.tz,
  }));
}

/**
 * How many live bookings on a flight connect onto another of their flights there, and how many
 * of those connections its current arrival (estimated, else scheduled) no longer makes.
 */
export async function countConnections(
  sql: Sql,
  flightId: string,
): Promise<{ connecting: number; atRisk: number }> {
  const [row] = await sql`
    SELECT count(*)::int AS connecting,
      count(*) FILTER (WHERE departure_at < landing + mct * interval '1 minute')::int AS at_risk
    FROM (${onwardFlights(sql, [flightId])}) onward`;
  return { connecting: row.connecting, atRisk: row.at_risk };
}

/** countConnections for many flights in one query; flights without connections are left out. */
export async function countConnectionsOf(
  sql: Sql,
  flightIds: string[],
): Promise<Map<string, { connecting: number; atRisk: number }>> {
  if (flightIds.length === 0) return new Map();
  const rows = await sql`
    SELECT from_flight_id, count(*)::int AS connecting,
      count(*) FILTER (WHERE departure_at < landing + mct * interval '1 minute')::int AS at_risk
    FROM (${onwardFlights(sql, flightIds)}) onward GROUP BY from_flight_id`;
  return new Map(
    rows.map((r) => [r.from_flight_id, { connecting: r.connecting, atRisk: r.at_risk }]),
  );
}
