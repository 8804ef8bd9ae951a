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
 * Projects a run of `HoldReleased` events in four statements: the holds end, the booking
 * segments they held end with them (expired or released), their held bookings end (expired or
 * cancelled: a journey ends when any of its holds does), and each booking that expired gets
 * its "hold expired" notice queued in the same transaction, so it is told exactly once.
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
    ), segs AS (
      UPDATE booking_segments g
      SET status = CASE r.reason WHEN 'expired' THEN 'expired' ELSE 'released' END
      FROM r WHERE g.hold_id = r.hold_id AND g.status = 'held' AND g.flight_id = ${flightId}
      RETURNING g.booking_id, r.reason, r.at
    ), ended AS (
      UPDATE bookings b
      SET status = CASE s.reason WHEN 'expired' THEN 'expired' ELSE 'cancelled' END,
          cancelled_at = s.at, updated_at = now()
      FROM segs s WHERE b.id = s.booking_id AND b.status = 'held'
      RETURNING b.id, b.user_id, b.status, s.at
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
           f.estimated_arrival_at, f.gate, f.boarding_at, t.layout, p.last_seq, p.blocked_seats
    FROM flights f
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
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
    boardingAt: flight.boarding_at?.getTime() ?? null,
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

/** A confirmed hold as the projection of `HoldConfirmed` records it. */
interface ConfirmedHold {
  bookingId: string;
  holdId: string;
  seats: string[];
  cabin: string;
  unitPrice: number;
  at: number;
}

/**
 * Records a booking's segment on `flightId` as confirmed. A held booking is confirmed, and its
 * passengers' e-tickets issued with one coupon per segment, when its last segment is: the
 * booking row is locked first, so the projections of a journey's flights (each in its own
 * transaction) see each other's segments and exactly one of them issues. A booking confirmed
 * before (a rebooking onto this flight) gets a coupon for it on each passenger's ticket. The
 * "booking confirmed" notice is queued in the same transaction.
 */
async function confirmSegment(tx: Tx, flightId: string, h: ConfirmedHold) {
  if (!isUuid(h.bookingId)) return;
  const [booking] = await tx`SELECT status FROM bookings WHERE id = ${h.bookingId} FOR UPDATE`;
  if (!booking) return;
  await tx`
    INSERT INTO booking_segments (booking_id, flight_id, cabin, hold_id, seats, unit_price, status)
    VALUES (${h.bookingId}, ${flightId}, ${h.cabin}, ${h.holdId}, ${h.seats}, ${h.unitPrice},
      'confirmed')
    ON CONFLICT (booking_id, flight_id) DO UPDATE SET status = 'confirmed',
      seats = EXCLUDED.seats, cabin = EXCLUDED.cabin, hold_id = EXCLUDED.hold_id,
      unit_price = EXCLUDED.unit_price`;
  if (booking.status === "held") {
    const [{ waiting }] = await tx`
      SELECT count(*)::int AS waiting FROM booking_segments
      WHERE booking_id = ${h.bookingId} AND status <> 'confirmed'`;
    if (waiting > 0) return;
    await tx`
      WITH confirmed AS (
        UPDATE bookings SET status = 'confirmed', confirmed_at = now(), updated_at = now()
        WHERE id = ${h.bookingId} AND status = 'held'
        RETURNING id, user_id
      )
      INSERT INTO notice_outbox (dedupe_key, topic, payload, available_at)
      SELECT 'booking_confirmed:' || id, 'booking_confirmed', jsonb_build_object('bookingId', id),
        ${new Date(h.at)}
      FROM confirmed WHERE user_id IS NOT NULL
      ON CONFLICT (dedupe_key) DO NOTHING`;
  } else if (booking.status !== "confirmed") return;
  await tx`
    INSERT INTO tickets (number, booking_id, passenger_position, fare_amount, currency)
    SELECT ${TICKET_PREFIX} || lpad(nextval('ticket_serial_seq')::text, 10, '0'),
      p.booking_id, p.position,
      (SELECT COALESCE(sum(g.unit_price), 0) FROM booking_segments g
        WHERE g.booking_id = p.booking_id AND g.status = 'confirmed'), b.currency
    FROM booking_passengers p JOIN bookings b ON b.id = p.booking_id
    WHERE p.booking_id = ${h.bookingId}
    ON CONFLICT (booking_id, passenger_position) DO NOTHING`;
  // Coupons number on from the ticket's last one, in travel order of the flights added.
  await tx`
    INSERT INTO ticket_coupons (ticket_number, coupon, flight_id, seat, cabin, fare_amount)
    SELECT t.number,
      COALESCE((SELECT max(c.coupon) FROM ticket_coupons c WHERE c.ticket_number = t.number), 0)
        + row_number() OVER (PARTITION BY t.number ORDER BY f.departure_at, f.id),
      g.flight_id, g.seats[t.passenger_position + 1], g.cabin, g.unit_price
    FROM tickets t
    JOIN booking_segments g ON g.booking_id = t.booking_id AND g.status = 'confirmed'
    JOIN flights f ON f.id = g.flight_id
    WHERE t.booking_id = ${h.bookingId}
      AND NOT EXISTS (SELECT 1 FROM ticket_coupons c
        WHERE c.ticket_number = t.number AND c.flight_id = g.flight_id)
    ON CONFLICT DO NOTHING`;
}

/**
 * Voids a booking's coupons on a flight for the cancelled seats (all of them when `seats` is
 * empty) and takes the seats off its segment, which ends when none are left.
 */
async function cancelSegmentSeats(tx: Tx, flightId: string, bookingId: string, seats: string[]) {
  const all = seats.length === 0;
  await tx`
    UPDATE ticket_coupons c SET status = 'void'
    FROM tickets t
    WHERE t.number = c.ticket_number AND t.booking_id = ${bookingId} AND c.flight_id = ${flightId}
      AND c.status IN ('open', 'checked_in') AND (c.seat = ANY(${seats}::text[]) OR ${all})`;
  await tx`
    UPDATE booking_segments
    SET seats = CASE WHEN ${all} THEN '{}'::text[]
          ELSE ARRAY(SELECT unnest(seats) EXCEPT SELECT unnest(${seats}::text[]) ORDER BY 1) END
    WHERE booking_id = ${bookingId} AND flight_id = ${flightId}`;
  await tx`
    UPDATE booking_segments SET status = 'cancelled'
    WHERE booking_id = ${bookingId} AND flight_id = ${flightId} AND cardinality(seats) = 0`;
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
        await confirmSegment(tx, flightId, { ...e, at: logged.at });
        break;
      case "SeatsCancelled":
        await tx`
          UPDATE inventory_sales
          SET seats = ARRAY(SELECT unnest(seats) EXCEPT SELECT unnest(${e.seats}::text[]) ORDER BY 1),
              seat_count = seat_count - ${e.count}, updated_seq = ${seq}
          WHERE flight_id = ${flightId} AND booking_ref = ${e.bookingId}`;
        if (isUuid(e.bookingId)) await cancelSegmentSeats(tx, flightId, e.bookingId, e.seats);
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
