import { isUuid } from "../domain/ids.ts";
import type { Sql, Tx } from "./postgres.ts";
import type { LoggedEvent } from "./inventory_kv.ts";
import { createInventoryState } from "../domain/inventory/create.ts";
import type { Hold, InventoryState, Sale } from "../domain/inventory/state.ts";
import { type CabinCode, SeatLayoutSchema } from "../domain/seat_layout.ts";
import { projectAircraftChanged, projectFlightConfigured } from "./inventory_config_repo.ts";
import { projectRetirement, projectStatusChange } from "./flight_status_repo.ts";

/** Projects `SeatsHeld` events in one statement; a hold already projected is left alone. */
async function insertHolds(tx: Tx, flightId: string, events: LoggedEvent[]): Promise<void> {
  const rows = events.map(({ seq, event: e }) => {
    if (e.type !== "SeatsHeld") throw new Error(`not a SeatsHeld event: ${e.type}`);
    return {
      hold_id: e.holdId,
      owner: e.owner,
      cabin: e.cabin,
      seats: e.seats,
      seat_count: e.count,
      unit_price: e.unitPrice,
      bucket: e.bucket,
      created_at: new Date(e.at).toISOString(),
      expires_at: new Date(e.expiresAt).toISOString(),
      updated_seq: seq,
    };
  });
  await tx`
    INSERT INTO inventory_holds (hold_id, flight_id, owner, cabin, seats, seat_count,
      unit_price, bucket, created_at, expires_at, status, updated_seq)
    SELECT hold_id, ${flightId}, owner, cabin, seats, seat_count, unit_price, bucket,
      created_at, expires_at, 'held', updated_seq
    FROM jsonb_to_recordset(${tx.json(rows)}) AS h(hold_id text, owner text, cabin char(1),
      seats text[], seat_count integer, unit_price integer, bucket text,
      created_at timestamptz, expires_at timestamptz, updated_seq bigint)
    ON CONFLICT (hold_id) DO NOTHING`;
}

/**
 * Projects a run of `HoldReleased` events in three statements: the holds end, their held
 * bookings end with them (expired or cancelled), and each booking that expired gets its
 * "hold expired" notice queued in the same transaction, so it is told exactly once.
 */
async function releaseHolds(tx: Tx, flightId: string, events: LoggedEvent[]): Promise<void> {
  const rows = events.map(({ seq, at, event: e }) => {
    if (e.type !== "HoldReleased") throw new Error(`not a HoldReleased event: ${e.type}`);
    return { hold_id: e.holdId, reason: e.reason, seq, at: new Date(at).toISOString() };
  });
  await tx`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${tx.json(rows)})
        AS r(hold_id text, reason text, seq bigint, at timestamptz)
    ), holds AS (
      UPDATE inventory_holds h SET status = r.reason, updated_seq = r.seq
      FROM r WHERE h.hold_id = r.hold_id AND h.status = 'held'
    ), ended AS (
      UPDATE bookings b
      SET status = CASE r.reason WHEN 'expired' THEN 'expired' ELSE 'cancelled' END,
          cancelled_at = r.at, updated_at = now()
      FROM r WHERE b.hold_id = r.hold_id AND b.status = 'held' AND b.flight_id = ${flightId}
      RETURNING b.id, b.user_id, b.status, r.at
    )
    INSERT INTO notice_outbox (dedupe_key, topic, payload, available_at)
    SELECT 'hold_expired:' || id, 'hold_expired', jsonb_build_object('bookingId', id), at
    FROM ended WHERE status = 'expired' AND user_id IS NOT NULL
    ON CONFLICT (dedupe_key) DO NOTHING`;
}

/** The ticket number prefix: the airline's 3-digit accounting code. */
export const TICKET_PREFIX = "914";

/**
 * A flight's inventory as Postgres knows it: the flight's layout and fares plus the
 * projected open holds, sales and blocked seats. What an actor starts from when KV is empty.
 */
export async function loadInventoryFromPostgres(
  sql: Sql,
  flightId: string,
  holdTtlMs?: number,
): Promise<InventoryState | undefined> {
  if (!isUuid(flightId)) return undefined;
  const [flight] = await sql`
    SELECT f.id, f.departure_at, f.arrival_at, f.currency, f.base_fares, f.overbooking,
           f.hold_ttl_seconds, f.status, f.status_reason, f.version, f.estimated_departure_at,
           f.estimated_arrival_at, f.gate, t.layout, p.last_seq, p.blocked_seats
    FROM flights f
    JOIN aircraft_types t ON t.code = f.aircraft_type
    LEFT JOIN inventory_projection p ON p.flight_id = f.id
    WHERE f.id = ${flightId}`;
  if (!flight) return undefined;
  const state = createInventoryState({
    flightId,
    departureAt: flight.departure_at.getTime(),
    currency: flight.currency,
    layout: SeatLayoutSchema.parse(flight.layout),
    baseFares: flight.base_fares,
    overbooking: flight.overbooking,
    // A flight's own hold time (set through its actor) wins over the configured default.
    holdTtlMs: flight.hold_ttl_seconds ? flight.hold_ttl_seconds * 1000 : holdTtlMs,
  });
  if (flight.status === "cancelled") state.closed = true;
  state.ops = {
    flightId,
    version: flight.version,
    status: flight.status,
    reason: flight.status_reason,
    departureAt: flight.departure_at.getTime(),
    arrivalAt: flight.arrival_at.getTime(),
    estimatedDepartureAt: flight.estimated_departure_at?.getTime() ?? null,
    estimatedArrivalAt: flight.estimated_arrival_at?.getTime() ?? null,
    gate: flight.gate,
  };
  state.seq = Number(flight.last_seq ?? 0);
  state.blocked = flight.blocked_seats ?? [];
  // Holds and sales are projected only with last_seq in the same transaction: a flight never
  // projected has none, and most flights a search touches were never booked.
  if (state.seq === 0) return state;
  const holds = await sql`
    SELECT * FROM inventory_holds WHERE flight_id = ${flightId} AND status = 'held'`;
  for (const h of holds) {
    state.holds[h.hold_id] = {
      id: h.hold_id,
      owner: h.owner,
      cabin: h.cabin as CabinCode,
      seats: h.seats,
      count: h.seat_count,
      unitPrice: h.unit_price,
      bucket: h.bucket,
      createdAt: h.created_at.getTime(),
      expiresAt: h.expires_at.getTime(),
    } satisfies Hold;
  }
  const sales = await sql`
    SELECT * FROM inventory_sales WHERE flight_id = ${flightId} AND seat_count > 0`;
  for (const s of sales) {
    state.sales[s.booking_ref] = {
      bookingId: s.booking_ref,
      holdId: s.hold_id,
      owner: s.owner,
      cabin: s.cabin as CabinCode,
      seats: s.seats,
      count: s.seat_count,
      unitPrice: s.unit_price,
    } satisfies Sale;
  }
  return state;
}

/**
 * The last event sequence number projected for a flight, locking its projection row;
 * undefined when the flight no longer exists (deleted after its events were logged).
 */
export async function lockProjection(tx: Tx, flightId: string): Promise<number | undefined> {
  await tx`
    INSERT INTO inventory_projection (flight_id)
    SELECT id FROM flights WHERE id = ${flightId} ON CONFLICT DO NOTHING`;
  const [row] = await tx`
    SELECT last_seq FROM inventory_projection WHERE flight_id = ${flightId} FOR UPDATE`;
  return row ? Number(row.last_seq) : undefined;
}

/**
 * Confirms a held booking and issues its tickets; a booking that was held until now gets its
 * "booking confirmed" notice queued in the same transaction (a rebooked passenger, already
 * confirmed, is told about the move instead).
 */
async function issueTickets(
  tx: Tx,
  bookingId: string,
  flightId: string,
  seats: string[],
  cabin: string,
  unitPrice: number,
  at: number,
) {
  if (!isUuid(bookingId)) return;
  await tx`
    WITH confirmed AS (
      UPDATE bookings SET status = 'confirmed', seats = ${seats}, confirmed_at = now(),
             updated_at = now()
      WHERE id = ${bookingId} AND status = 'held'
      RETURNING id, user_id
    )
    INSERT INTO notice_outbox (dedupe_key, topic, payload, available_at)
    SELECT 'booking_confirmed:' || id, 'booking_confirmed', jsonb_build_object('bookingId', id),
      ${new Date(at)}
    FROM confirmed WHERE user_id IS NOT NULL
    ON CONFLICT (dedupe_key) DO NOTHING`;
  await tx`
    INSERT INTO tickets (number, booking_id, passenger_position, flight_id, seat, cabin,
                         fare_amount, currency)
    SELECT ${TICKET_PREFIX} || lpad(nextval('ticket_serial_seq')::text, 10, '0'),
           p.booking_id, p.position, ${flightId}, (${seats}::text[])[p.position + 1], ${cabin},
           ${unitPrice}, b.currency
    FROM booking_passengers p JOIN bookings b ON b.id = p.booking_id
    WHERE p.booking_id = ${bookingId}
    ON CONFLICT (booking_id, passenger_position, flight_id) DO NOTHING`;
}

/** Events projected a run at a time (one statement per run instead of one per event). */
const BATCHED = {
  SeatsHeld: insertHolds,
  HoldReleased: releaseHolds,
} as const;

/** Applies logged events in order inside the caller's transaction and records the new seq. */
export async function applyInventoryEvents(tx: Tx, flightId: string, events: LoggedEvent[]) {
  // A hot flight's log is mostly new holds, and an expiry storm mostly releases: each run of
  // either is one statement, not one per event.
  let run: LoggedEvent[] = [];
  const flushRun = async () => {
    if (run.length) await BATCHED[run[0].event.type as keyof typeof BATCHED](tx, flightId, run);
    run = [];
  };
  for (const logged of events) {
    const { seq, event: e } = logged;
    if (e.type in BATCHED) {
      if (run.length && run[0].event.type !== e.type) await flushRun();
      run.push(logged);
      continue;
    }
    await flushRun();
    switch (e.type) {
      case "HoldConfirmed":
        await tx`
          UPDATE inventory_holds SET status = 'confirmed', booking_ref = ${e.bookingId},
                 updated_seq = ${seq}
          WHERE hold_id = ${e.holdId}`;
        await tx`
          INSERT INTO inventory_sales (flight_id, booking_ref, hold_id, owner, cabin, seats,
            seat_count, unit_price, updated_seq)
          VALUES (${flightId}, ${e.bookingId}, ${e.holdId}, ${e.owner}, ${e.cabin}, ${e.seats},
            ${e.count}, ${e.unitPrice}, ${seq})
          ON CONFLICT (flight_id, booking_ref) DO NOTHING`;
        await issueTickets(tx, e.bookingId, flightId, e.seats, e.cabin, e.unitPrice, logged.at);
        break;
      case "SeatsCancelled":
        await tx`
          UPDATE inventory_sales
          SET seats = ARRAY(SELECT unnest(seats) EXCEPT SELECT unnest(${e.seats}::text[]) ORDER BY 1),
              seat_count = seat_count - ${e.count}, updated_seq = ${seq}
          WHERE flight_id = ${flightId} AND booking_ref = ${e.bookingId}`;
        if (isUuid(e.bookingId)) {
          await tx`
            UPDATE tickets SET status = 'void'
            WHERE booking_id = ${e.bookingId} AND flight_id = ${flightId}
              AND (seat = ANY(${e.seats}::text[]) OR ${e.seats.length === 0})`;
        }
        break;
      case "SeatsBlocked":
        await tx`
          UPDATE inventory_projection
          SET blocked_seats = ARRAY(SELECT DISTINCT unnest(blocked_seats || ${e.seats}::text[]) ORDER BY 1)
          WHERE flight_id = ${flightId}`;
        break;
      case "SeatsUnblocked":
        await tx`
          UPDATE inventory_projection
          SET blocked_seats = ARRAY(SELECT unnest(blocked_seats) EXCEPT SELECT unnest(${e.seats}::text[]) ORDER BY 1)
          WHERE flight_id = ${flightId}`;
        break;
      case "HoldSeatsChanged":
        await tx`
          UPDATE inventory_holds SET seats = ${e.to}, updated_seq = ${seq} WHERE hold_id = ${e.holdId}`;
        break;
      case "FlightConfigured":
        await projectFlightConfigured(tx, flightId, e);
        break;
      case "AircraftChanged":
        await projectAircraftChanged(tx, flightId, seq, e);
        break;
      case "FlightStatusChanged":
        await projectStatusChange(tx, e);
        break;
      case "FlightRetired":
        await projectRetirement(tx, flightId);
        break;
    }
  }
  await flushRun();
  const last = events[events.length - 1]?.seq;
  if (last !== undefined) {
    await tx`
      UPDATE inventory_projection SET last_seq = ${last}, updated_at = now()
      WHERE flight_id = ${flightId}`;
  }
}
