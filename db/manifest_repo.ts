/** What a flight's passenger manifest reads: ticketed passengers, exit rows, inbound flights. */
import type { Sql } from "./postgres.ts";
import { MAX_LAYOVER_MINUTES } from "../domain/journey.ts";
import type { ManifestPassenger } from "../domain/manifest.ts";

/** Coupon states of a passenger who flies (or flew) this flight. */
const FLYING = ["open", "checked_in", "boarded", "flown"];

/** Every passenger holding a live coupon for the flight. */
export async function listManifestPassengers(
  sql: Sql,
  flightId: string,
): Promise<ManifestPassenger[]> {
  const rows = await sql`
    SELECT b.id AS booking_id, b.pnr, t.number, p.first_name, p.last_name,
      to_char(p.date_of_birth, 'YYYY-MM-DD') AS dob, c.seat, c.cabin, c.status,
      c.checkin_sequence
    FROM ticket_coupons c
    JOIN tickets t ON t.number = c.ticket_number
    JOIN bookings b ON b.id = t.booking_id
    JOIN booking_passengers p ON p.booking_id = t.booking_id
      AND p.position = t.passenger_position
    WHERE c.flight_id = ${flightId} AND c.status IN ${sql(FLYING)}`;
  return rows.map((r) => ({
    bookingId: r.booking_id,
    pnr: r.pnr,
    ticketNumber: r.number,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.dob,
    seat: r.seat?.trim() || null,
    cabin: r.cabin.trim(),
    status: r.status,
    checkinSequence: r.checkin_sequence,
  }));
}

/** The exit rows of the flight's aircraft type, per cabin code. */
export async function flightExitRows(
  sql: Sql,
  flightId: string,
): Promise<Record<string, number[]>> {
  const [row] = await sql`
    SELECT t.layout FROM flights f JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    WHERE f.id = ${flightId}`;
  const cabins = (row?.layout?.cabins ?? []) as { code: string; exitRows?: number[] }[];
  return Object.fromEntries(cabins.map((c) => [c.code, c.exitRows ?? []]));
}

/** A booking's flight into this one's origin, landing within the longest layover before it. */
export interface InboundConnection {
  bookingId: string;
  carrier: string;
  flightNumber: string;
  origin: string;
  arrivalAt: Date;
}

/** For each live booking on a flight, the flight it arrives on to connect here. */
export async function listInboundFlights(
  sql: Sql,
  flightId: string,
): Promise<InboundConnection[]> {
  const rows = await sql`
    SELECT DISTINCT ON (g.booking_id) g.booking_id, i.carrier, i.flight_number, i.origin,
      i.arrival_at
    FROM booking_segments g
    JOIN flights c ON c.id = g.flight_id
    JOIN booking_segments ig ON ig.booking_id = g.booking_id
      AND ig.status IN ('held', 'confirmed')
    JOIN flights i ON i.id = ig.flight_id
    WHERE g.flight_id = ${flightId} AND g.status IN ('held', 'confirmed')
      AND i.destination = c.origin AND i.arrival_at < c.departure_at
      AND i.arrival_at >= c.departure_at - ${MAX_LAYOVER_MINUTES} * interval '1 minute'
    ORDER BY g.booking_id, i.arrival_at DESC`;
  return rows.map((r) => ({
    bookingId: r.booking_id,
    carrier: r.carrier.trim(),
    flightNumber: r.flight_number.trim(),
    origin: r.origin.trim(),
    arrivalAt: r.arrival_at,
  }));
}
