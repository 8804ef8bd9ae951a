import type { Sql, Tx } from "./postgres.ts";
import { isUuid } from "../domain/ids.ts";
import { groupCommit } from "./group_commit.ts";
import { listFlightsByIds } from "./flights_repo.ts";
import {
  type BookedLeg,
  type BookingView,
  type CouponView,
  leadSegment,
  type PassengerInput,
  type SegmentView,
  shownSegments,
  ticketView,
} from "../domain/views/booking.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { BookedLeg, BookingView, PassengerInput, SegmentView };

/** One flight of a held booking: its cabin, the hold that owns its seats, their price. */
export interface NewSegment {
  flightId: string;
  cabin: string;
  holdId: string;
  seats: string[];
  unitPrice: number;
  /** The seats' fees in minor units (default none). */
  seatFees?: number;
  /** Seats the airline chose (seated together): they pay no fee, now or after a change. */
  feeFreeSeats?: string[];
}

/** A held booking to insert, with its segments in travel order. */
export interface NewHeldBooking {
  id: string;
  pnr: string;
  userId: string;
  segments: NewSegment[];
  total: number;
  currency: string;
  expiresAt: Date;
  contactEmail?: string;
  passengers: PassengerInput[];
}

/**
 * Inserts held bookings with their passengers in one statement; returns, per booking, false
 * when its PNR was taken (that booking and its passengers are skipped, the others land).
 */
async function insertHeldBookings(sql: Sql, list: NewHeldBooking[]): Promise<boolean[]> {
  const rows = list.map((b) => ({
    id: b.id,
    pnr: b.pnr,
    user_id: b.userId,
    total_amount: b.total,
    currency: b.currency,
    contact_email: b.contactEmail ?? null,
    expires_at: b.expiresAt.toISOString(),
    passengers: b.passengers.map((p, i) => ({
      position: i,
      first_name: p.firstName,
      last_name: p.lastName,
      date_of_birth: p.dateOfBirth ?? null,
      email: p.email ?? null,
    })),
    segments: b.segments.map((g) => ({
      flight_id: g.flightId,
      cabin: g.cabin,
      hold_id: g.holdId,
      seats: g.seats,
      unit_price: g.unitPrice,
      seat_fees: g.seatFees ?? 0,
      fee_free_seats: g.feeFreeSeats ?? [],
    })),
  }));
  const inserted = await sql<{ id: string }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${sql.json(rows)}) AS i(id uuid, pnr char(6),
        user_id uuid, total_amount integer, currency char(3), contact_email text,
        expires_at timestamptz, passengers jsonb, segments jsonb)
    ), ended AS (
      -- A hold already given up by the time its booking is written (the owner's next hold on
      -- the flight replaced it, and that was projected first): the booking starts ended.
      SELECT input.id, h.hold_id, h.status FROM input,
        jsonb_to_recordset(input.segments) AS g(hold_id text)
        JOIN inventory_holds h ON h.hold_id = g.hold_id
      WHERE h.status IN ('released', 'expired')
    ), booking AS (
      INSERT INTO bookings (id, pnr, user_id, status, total_amount, currency, contact_email,
        expires_at, cancelled_at)
      SELECT id, pnr, user_id,
        CASE WHEN EXISTS (SELECT 1 FROM ended e WHERE e.id = input.id) THEN 'cancelled'
          ELSE 'held' END,
        total_amount, currency, contact_email, expires_at,
        CASE WHEN EXISTS (SELECT 1 FROM ended e WHERE e.id = input.id) THEN now() END
      FROM input
      ON CONFLICT (pnr) DO NOTHING RETURNING id
    ), segs AS (
      INSERT INTO booking_segments (booking_id, flight_id, cabin, hold_id, seats, unit_price,
        seat_fees, fee_free_seats, status)
      SELECT booking.id, g.flight_id, g.cabin, g.hold_id, g.seats, g.unit_price, g.seat_fees,
        g.fee_free_seats,
        COALESCE((SELECT e.status FROM ended e WHERE e.hold_id = g.hold_id), 'held')
      FROM booking JOIN input ON input.id = booking.id,
        jsonb_to_recordset(input.segments) AS g(flight_id uuid, cabin char(1), hold_id text,
          seats text[], unit_price integer, seat_fees integer, fee_free_seats text[])
    ), pax AS (
      INSERT INTO booking_passengers (booking_id, position, first_name, last_name,
        date_of_birth, email)
      SELECT booking.id, p.position, p.first_name, p.last_name, p.date_of_birth, p.email
      FROM booking JOIN input ON input.id = booking.id,
        jsonb_to_recordset(input.passengers) AS p(position smallint, first_name text,
          last_name text, date_of_birth date, email text)
    )
    SELECT id FROM booking`;
  const ids = new Set(inserted.map((r) => r.id));
  return list.map((b) => ids.has(b.id));
}

type Outcome = boolean | { error: unknown };
const writers = new WeakMap<Sql, (b: NewHeldBooking) => Promise<Outcome>>();

/**
 * Inserts a held booking with its passengers; false when the PNR is taken. Concurrent calls
 * share one statement (group commit): a hot flight's bookings cost one round trip per batch,
 * not one each. If a batch fails, its bookings are retried one by one, so one bad row fails
 * only its own caller.
 */
export async function insertHeldBooking(sql: Sql, b: NewHeldBooking): Promise<boolean> {
  let submit = writers.get(sql);
  if (!submit) {
    submit = groupCommit<NewHeldBooking, Outcome>(async (list) => {
      try {
        return await insertHeldBookings(sql, list);
      } catch (error) {
        if (list.length === 1) return [{ error }];
        return await Promise.all(
          list.map((one) =>
            insertHeldBookings(sql, [one]).then((r): Outcome => r[0], (error) => ({ error }))
          ),
        );
      }
    }, { maxBatch: 200, concurrency: 2 });
    writers.set(sql, submit);
  }
  const outcome = await submit(b);
  if (typeof outcome === "object") throw outcome.error;
  return outcome;
}

/** One booking with segments, passengers, tickets and payments; undefined when there is none. */
export async function getBooking(sql: Sql | Tx, id: string): Promise<BookingView | undefined> {
  if (!isUuid(id)) return undefined;
  const [b] = await sql`
    SELECT b.*,
      COALESCE((SELECT json_agg(json_build_object('flightId', g.flight_id, 'cabin', g.cabin,
          'seats', g.seats, 'unitPrice', g.unit_price, 'status', g.status, 'holdId', g.hold_id,
          'seatFees', g.seat_fees,
          'departureAt', f.departure_at) ORDER BY f.departure_at, f.id)
        FROM booking_segments g JOIN flights f ON f.id = g.flight_id
        WHERE g.booking_id = b.id), '[]') AS segments,
      COALESCE((SELECT json_agg(json_build_object('firstName', p.first_name, 'lastName', p.last_name,
          'dateOfBirth', p.date_of_birth, 'email', p.email) ORDER BY p.position)
        FROM booking_passengers p WHERE p.booking_id = b.id), '[]') AS passengers,
      COALESCE((SELECT json_agg(json_build_object('number', t.number,
          'passenger', t.passenger_position,
          'coupons', (SELECT json_agg(json_build_object('coupon', c.coupon, 'flightId', c.flight_id,
              'seat', c.seat, 'status', c.status) ORDER BY c.coupon)
            FROM ticket_coupons c WHERE c.ticket_number = t.number))
          ORDER BY t.passenger_position)
        FROM tickets t WHERE t.booking_id = b.id), '[]') AS tickets,
      COALESCE((SELECT json_agg(json_build_object('id', y.id, 'kind', y.kind, 'status', y.status,
          'amount', y.amount, 'currency', y.currency, 'cardBrand', y.card_brand,
          'cardLast4', y.card_last4, 'createdAt', y.created_at) ORDER BY y.created_at)
        FROM payments y WHERE y.booking_id = b.id), '[]') AS payments
    FROM bookings b WHERE b.id = ${id}`;
  if (!b) return undefined;
  const segments: SegmentView[] = b.segments.map((g: SegmentView) => ({
    flightId: g.flightId,
    cabin: g.cabin.trim(),
    seats: g.seats,
    unitPrice: g.unitPrice,
    ...(g.seatFees ? { seatFees: g.seatFees } : {}),
    status: g.status,
    holdId: g.holdId,
    departureAt: new Date(g.departureAt).toISOString(),
  }));
  const lead = leadSegment(segments);
  return {
    id: b.id,
    pnr: b.pnr,
    status: b.status,
    flightId: lead.flightId,
    userId: b.user_id,
    cabin: lead.cabin,
    seats: lead.seats,
    total: b.total_amount,
    currency: b.currency,
    expiresAt: b.expires_at?.toISOString() ?? null,
    holdId: lead.holdId,
    createdAt: b.created_at.toISOString(),
    confirmedAt: b.confirmed_at?.toISOString() ?? null,
    cancelledAt: b.cancelled_at?.toISOString() ?? null,
    segments,
    passengers: b.passengers.map((
      p: PassengerInput & { dateOfBirth: string | null; email: string | null },
    ) => ({
      firstName: p.firstName,
      lastName: p.lastName,
      ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
      ...(p.email ? { email: p.email } : {}),
    })),
    tickets: b.tickets.map((t: { number: string; passenger: number; coupons: CouponView[] }) =>
      ticketView(t.number, t.passenger, t.coupons ?? [])
    ),
    payments: b.payments,
  };
}

/** The caller's bookings, newest first. */
export async function listBookingIds(sql: Sql, userId: string, limit: number, offset: number) {
  const rows = await sql`
    SELECT id FROM bookings WHERE user_id = ${userId}
    ORDER BY created_at DESC LIMIT ${limit} OFFSET ${offset}`;
  return rows.map((r) => r.id as string);
}

/** A booking by PNR whose passenger list has this last name (case-insensitive). */
export async function findBookingByPnr(sql: Sql, pnr: string, lastName: string) {
  const [row] = await sql`
    SELECT b.id FROM bookings b
    WHERE b.pnr = ${pnr} AND EXISTS (
      SELECT 1 FROM booking_passengers p
      WHERE p.booking_id = b.id AND lower(p.last_name) = lower(${lastName}))`;
  return row?.id as string | undefined;
}

/**
 * Checks in every open coupon of a booking on the given flights (of the passengers at
 * `passengers`' positions, when given), handing out each flight's next check-in sequence
 * numbers. Coupons already checked in keep theirs (idempotent).
 */
export async function checkInCoupons(
  sql: Sql,
  bookingId: string,
  flightIds: string[],
  now: Date,
  passengers?: number[],
) {
  const everyone = passengers === undefined;
  await sql.begin(async (tx) => {
    for (const flightId of flightIds) {
      const open = await tx`
        SELECT c.ticket_number, c.coupon FROM ticket_coupons c
        JOIN tickets t ON t.number = c.ticket_number
        WHERE t.booking_id = ${bookingId} AND c.flight_id = ${flightId} AND c.status = 'open'
          AND (${everyone} OR t.passenger_position = ANY(${passengers ?? []}::int[]))
        ORDER BY t.passenger_position FOR UPDATE OF c`;
      if (!open.length) continue;
      const [flight] = await tx`
        UPDATE flights SET checkin_counter = checkin_counter + ${open.length}
        WHERE id = ${flightId} RETURNING checkin_counter`;
      const first = flight.checkin_counter - open.length + 1;
      await tx`
        UPDATE ticket_coupons c SET status = 'checked_in', checkin_sequence = x.seq,
          checked_in_at = ${now}
        FROM jsonb_to_recordset(${
        tx.json(open.map((o, i) => ({ n: o.ticket_number, c: o.coupon, seq: first + i })))
      }) AS x(n text, c smallint, seq integer)
        WHERE c.ticket_number = x.n AND c.coupon = x.c`;
    }
  });
}

/** A passenger's coupon on one flight, with the passenger's name. */
export interface TravelCoupon {
  number: string;
  coupon: number;
  flightId: string;
  seat: string | null;
  checkinSequence: number | null;
  status: string;
  firstName: string;
  lastName: string;
}

/** A booking's coupons on the given flights, in travel order then passenger order. */
export async function listTravelCoupons(
  sql: Sql,
  bookingId: string,
  flightIds: string[],
): Promise<TravelCoupon[]> {
  const rows = await sql`
    SELECT t.number, c.coupon, c.flight_id, c.seat, c.checkin_sequence, c.status,
      p.first_name, p.last_name
    FROM tickets t
    JOIN ticket_coupons c ON c.ticket_number = t.number
    JOIN booking_passengers p ON p.booking_id = t.booking_id AND p.position = t.passenger_position
    JOIN flights f ON f.id = c.flight_id
    WHERE t.booking_id = ${bookingId} AND c.flight_id = ANY(${flightIds}::uuid[])
    ORDER BY f.departure_at, t.passenger_position`;
  return rows.map((r) => ({
    number: r.number,
    coupon: r.coupon,
    flightId: r.flight_id,
    seat: r.seat,
    checkinSequence: r.checkin_sequence,
    status: r.status,
    firstName: r.first_name,
    lastName: r.last_name,
  }));
}

/** The flights a booking has open or checked-in coupons on (every leg still to fly). */
export async function listTicketedFlightIds(sql: Sql, bookingId: string): Promise<string[]> {
  const rows = await sql`
    SELECT DISTINCT c.flight_id FROM ticket_coupons c JOIN tickets t ON t.number = c.ticket_number
    WHERE t.booking_id = ${bookingId} AND c.status IN ('open', 'checked_in')`;
  return rows.map((r) => r.flight_id as string);
}

/**
 * A booking's flights in travel order with its seats and cabin on each: the segments it still
 * holds or owns seats on (all of them when none is live).
 */
export async function bookingLegs(sql: Sql, booking: BookingView): Promise<BookedLeg[]> {
  const segments = shownSegments(booking.segments);
  const flights = new Map(
    (await listFlightsByIds(sql, segments.map((g) => g.flightId))).map((f) => [f.id, f]),
  );
  return segments.flatMap((g) => {
    const flight = flights.get(g.flightId);
    return flight ? [{ flight, seats: g.seats, cabin: g.cabin }] : [];
  });
}

/**
 * An account's unpaid bookings still held at `now`, except those on any of `flightIds` (a new
 * hold there replaces them).
 */
export async function countLiveHolds(
  sql: Sql,
  userId: string,
  now: Date,
  flightIds: string[],
): Promise<number> {
  const [row] = await sql`
    SELECT count(*)::int AS n FROM bookings b
    WHERE b.user_id = ${userId} AND b.status = 'held' AND b.expires_at > ${now}
      AND NOT EXISTS (SELECT 1 FROM booking_segments g
        WHERE g.booking_id = b.id AND g.flight_id = ANY(${flightIds}::uuid[]))`;
  return row.n;
}

/**
 * Ends held bookings whose hold time passed more than `graceMs` ago, at most `limit`: a safety
 * net for a booking written just as its hold was given up (its actor no longer holds the
 * seats, so it could never be paid). The actors, not this, decide when seats are free.
 */
export async function endLapsedHolds(
  sql: Sql,
  now: Date,
  graceMs = 120_000,
  limit = 500,
): Promise<number> {
  const rows = await sql`
    WITH lapsed AS (
      SELECT id FROM bookings
      WHERE status = 'held' AND expires_at < ${new Date(now.getTime() - graceMs)}
      ORDER BY expires_at LIMIT ${limit}
    ), segs AS (
      UPDATE booking_segments g SET status = 'expired'
      FROM lapsed WHERE g.booking_id = lapsed.id AND g.status = 'held'
    )
    UPDATE bookings b SET status = 'expired', cancelled_at = COALESCE(b.cancelled_at, ${now}),
      updated_at = now()
    FROM lapsed WHERE b.id = lapsed.id AND b.status = 'held'
    RETURNING b.id`;
  return rows.length;
}

/**
 * The flights of a booking whose seats are all ones the flight's actor assigned (seated
 * together, nobody chose them; kept as the segment's fee-free seats).
 */
export async function autoSeatedFlights(sql: Sql, bookingId: string): Promise<string[]> {
  const rows = await sql<{ flight_id: string }[]>`
    SELECT flight_id FROM booking_segments
    WHERE booking_id = ${bookingId} AND cardinality(seats) > 0 AND seats <@ fee_free_seats`;
  return rows.map((r) => r.flight_id);
}
