/**
 * Seat fees as operators set them: per cabin configuration (its rules name rows of that
 * layout), and per flight over its configuration's.
 */
import type { Sql, Tx } from "./postgres.ts";
import type { SeatFees } from "../domain/seat_fees.ts";

/** A configuration's seat fees; undefined when the type has no such configuration. */
export async function configurationSeatFees(
  sql: Sql | Tx,
  typeCode: string,
  code: string,
): Promise<SeatFees | undefined> {
  const [row] = await sql`
    SELECT seat_fees FROM aircraft_configurations WHERE type_code = ${typeCode} AND code = ${code}`;
  return row?.seat_fees;
}

/** Sets a configuration's seat fees; false when the type has no such configuration. */
export async function setConfigurationSeatFees(
  sql: Sql | Tx,
  id: { typeCode: string; code: string },
  fees: SeatFees,
): Promise<boolean> {
  const rows = await sql`
    UPDATE aircraft_configurations SET seat_fees = ${sql.json(fees as never)}, updated_at = now()
    WHERE type_code = ${id.typeCode} AND code = ${id.code} RETURNING code`;
  return rows.length > 0;
}

/**
 * The seat fees a flight charges (its own, else its configuration's: the one it flies now,
 * which an aircraft change moves) and whether they are the flight's own; undefined when there
 * is no such flight.
 */
export async function flightSeatFees(
  sql: Sql | Tx,
  flightId: string,
): Promise<{ fees: SeatFees; own: boolean } | undefined> {
  const [row] = await sql`
    SELECT f.seat_fees AS own, c.seat_fees AS configuration FROM flights f
    JOIN aircraft_configurations c ON c.type_code = f.aircraft_type AND c.code = f.aircraft_config
    WHERE f.id = ${flightId}`;
  return row ? { fees: row.own ?? row.configuration, own: row.own !== null } : undefined;
}

/** Sets a flight's own seat fees, or with null goes back to its configuration's; false: no flight. */
export async function setFlightSeatFees(
  sql: Sql | Tx,
  flightId: string,
  fees: SeatFees | null,
): Promise<boolean> {
  const value = fees === null ? null : sql.json(fees as never);
  const rows = await sql`
    UPDATE flights SET seat_fees = ${value}, updated_at = now() WHERE id = ${flightId}
    RETURNING id`;
  return rows.length > 0;
}

/**
 * Records a held segment's new seats and their fees, and moves the booking's total by the
 * difference, in one transaction (the payment charges the total).
 */
export async function updateSegmentSeats(
  sql: Sql,
  s: { bookingId: string; flightId: string; seats: string[]; fees: number },
): Promise<void> {
  await sql.begin(async (tx) => {
    const [old] = await tx`
      SELECT seat_fees FROM booking_segments
      WHERE booking_id = ${s.bookingId} AND flight_id = ${s.flightId} FOR UPDATE`;
    await tx`
      UPDATE booking_segments SET seats = ${s.seats}, seat_fees = ${s.fees}
      WHERE booking_id = ${s.bookingId} AND flight_id = ${s.flightId}`;
    await tx`
      UPDATE bookings SET total_amount = total_amount + ${s.fees - (old?.seat_fees ?? 0)},
        updated_at = now()
      WHERE id = ${s.bookingId}`;
  });
}

/** The seats of a held segment the airline chose itself (they pay no seat fee). */
export async function feeFreeSeats(sql: Sql, bookingId: string, flightId: string) {
  const [row] = await sql`
    SELECT fee_free_seats FROM booking_segments
    WHERE booking_id = ${bookingId} AND flight_id = ${flightId}`;
  return (row?.fee_free_seats ?? []) as string[];
}
