import type { Tx } from "./postgres.ts";
import type {
  AircraftChanged,
  CabinSetting,
  FlightConfigured,
} from "../domain/inventory/commands.ts";

/** The flights row's fares and overbooking margins for a set of cabin settings. */
function controls(cabins: CabinSetting[]) {
  return {
    fares: Object.fromEntries(cabins.map((c) => [c.code, c.baseFare])),
    overbooking: Object.fromEntries(cabins.map((c) => [c.code, c.authorized - c.capacity])),
  };
}

/** Projects a FlightConfigured event: fares, authorization and hold time onto the flights row. */
export async function projectFlightConfigured(tx: Tx, flightId: string, e: FlightConfigured) {
  const { fares, overbooking } = controls(e.cabins);
  await tx`
    UPDATE flights SET base_fares = ${tx.json(fares)}, overbooking = ${tx.json(overbooking)},
      hold_ttl_seconds = ${Math.round(e.holdTtlMs / 1000)}, updated_at = now()
    WHERE id = ${flightId}`;
}

/**
 * Projects an AircraftChanged event: the flight's aircraft and controls, and every moved seat
 * in the projection, the booking segments and the ticket coupons. Seats are matched on their old number in
 * one statement each, so swaps (12A ↔ 12C) land whole.
 */
export async function projectAircraftChanged(
  tx: Tx,
  flightId: string,
  seq: number,
  e: AircraftChanged,
) {
  const { fares, overbooking } = controls(e.cabins);
  await tx`
    UPDATE flights SET aircraft_type = ${e.aircraftType},
      aircraft_config = COALESCE(${e.configuration ?? null},
        (SELECT code FROM aircraft_configurations
         WHERE type_code = ${e.aircraftType} AND is_default)),
      aircraft_registration = ${e.registration}, base_fares = ${tx.json(fares)},
      overbooking = ${tx.json(overbooking)}, updated_at = now()
    WHERE id = ${flightId}`;
  await tx`UPDATE inventory_projection SET blocked_seats = '{}' WHERE flight_id = ${flightId}`;
  const seated = (to: (string | null)[]) => to.filter((s): s is string => s !== null);
  const sales = e.moves.filter((m) => m.kind === "sale").map((m) => ({
    ref: m.ref,
    seats: seated(m.to),
  }));
  const holds = e.moves.filter((m) => m.kind === "hold").map((m) => ({
    ref: m.ref,
    seats: seated(m.to),
  }));
  const pairs = e.moves.filter((m) => m.kind === "sale").flatMap((m) =>
    m.from.map((from, i) => ({ ref: m.ref, from, to: m.to[i] }))
  );
  if (sales.length) {
    await tx`
      UPDATE inventory_sales s SET seats = m.seats, updated_seq = ${seq}
      FROM jsonb_to_recordset(${tx.json(sales)}) AS m(ref text, seats text[])
      WHERE s.flight_id = ${flightId} AND s.booking_ref = m.ref`;
    await tx`
      UPDATE booking_segments g SET seats = m.seats
      FROM jsonb_to_recordset(${tx.json(sales)}) AS m(ref text, seats text[])
      WHERE g.booking_id::text = m.ref AND g.flight_id = ${flightId}`;
    await tx`
      UPDATE ticket_coupons c SET seat = p."to"
      FROM jsonb_to_recordset(${tx.json(pairs)}) AS p(ref text, "from" text, "to" text),
        tickets t
      WHERE t.number = c.ticket_number AND t.booking_id::text = p.ref
        AND c.flight_id = ${flightId} AND c.seat = p."from"`;
  }
  if (holds.length) {
    await tx`
      UPDATE inventory_holds h SET seats = m.seats, updated_seq = ${seq}
      FROM jsonb_to_recordset(${tx.json(holds)}) AS m(ref text, seats text[])
      WHERE h.hold_id = m.ref`;
    await tx`
      UPDATE booking_segments g SET seats = m.seats
      FROM jsonb_to_recordset(${tx.json(holds)}) AS m(ref text, seats text[])
      WHERE g.hold_id = m.ref AND g.status = 'held' AND g.flight_id = ${flightId}`;
  }
}
