import type { Sql, Tx } from "./postgres.ts";
import { isUuid } from "../domain/ids.ts";
import { groupCommit } from "./group_commit.ts";
import type { BookingView, PassengerInput } from "../domain/views/booking.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { BookingView, PassengerInput };

/** A held booking to insert. */
export interface NewHeldBooking {
  id: string;
  pnr: string;
  userId: string;
  flightId: string;
  cabin: string;
  holdId: string;
  seats: string[];
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
    flight_id: b.flightId,
    cabin: b.cabin,
    hold_id: b.holdId,
    seats: b.seats,
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
  }));
  const inserted = await sql<{ id: string }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${sql.json(rows)}) AS i(id uuid, pnr char(6),
        user_id uuid, flight_id uuid, cabin char(1), hold_id text, seats text[],
        total_amount integer, currency char(3), contact_email text, expires_at timestamptz,
        passengers jsonb)
    ), booking AS (
      INSERT INTO bookings (id, pnr, user_id, flight_id, cabin, status, hold_id, seats,
        total_amount, currency, contact_email, expires_at)
      SELECT id, pnr, user_id, flight_id, cabin, 'held', hold_id, seats, total_amount, currency,
        contact_email, expires_at FROM input
      ON CONFLICT (pnr) DO NOTHING RETURNING id
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

/** One booking with passengers, tickets and payments; undefined when there is none. */
export async function getBooking(sql: Sql | Tx, id: string): Promise<BookingView | undefined> {
  if (!isUuid(id)) return undefined;
  const [b] = await sql`
    SELECT b.*,
      COALESCE((SELECT json_agg(json_build_object('firstName', p.first_name, 'lastName', p.last_name,
          'dateOfBirth', p.date_of_birth, 'email', p.email) ORDER BY p.position)
        FROM booking_passengers p WHERE p.booking_id = b.id), '[]') AS passengers,
      COALESCE((SELECT json_agg(json_build_object('number', t.number, 'passenger', t.passenger_position,
          'seat', t.seat, 'status', t.status) ORDER BY t.passenger_position)
        FROM tickets t WHERE t.booking_id = b.id), '[]') AS tickets,
      COALESCE((SELECT json_agg(json_build_object('id', y.id, 'kind', y.kind, 'status', y.status,
          'amount', y.amount, 'currency', y.currency, 'cardBrand', y.card_brand,
          'cardLast4', y.card_last4, 'createdAt', y.created_at) ORDER BY y.created_at)
        FROM payments y WHERE y.booking_id = b.id), '[]') AS payments
    FROM bookings b WHERE b.id = ${id}`;
  if (!b) return undefined;
  return {
    id: b.id,
    pnr: b.pnr,
    status: b.status,
    flightId: b.flight_id,
    userId: b.user_id,
    cabin: b.cabin,
    seats: b.seats,
    total: b.total_amount,
    currency: b.currency,
    expiresAt: b.expires_at?.toISOString() ?? null,
    holdId: b.hold_id,
    createdAt: b.created_at.toISOString(),
    confirmedAt: b.confirmed_at?.toISOString() ?? null,
    cancelledAt: b.cancelled_at?.toISOString() ?? null,
    passengers: b.passengers.map((
      p: PassengerInput & { dateOfBirth: string | null; email: string | null },
    ) => ({
      firstName: p.firstName,
      lastName: p.lastName,
      ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
      ...(p.email ? { email: p.email } : {}),
    })),
    tickets: b.tickets,
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

/** Sets the seats of a held booking after the actor changed them. */
export async function updateBookingSeats(sql: Sql, id: string, seats: string[]) {
  await sql`UPDATE bookings SET seats = ${seats}, updated_at = now() WHERE id = ${id}`;
}

/**
 * Checks in every open ticket of a booking on a flight, handing out the flight's next
 * check-in sequence numbers. Tickets already checked in keep theirs (idempotent).
 */
export async function checkInTickets(sql: Sql, bookingId: string, flightId: string, now: Date) {
  await sql.begin(async (tx) => {
    const open = await tx`
      SELECT number FROM tickets
      WHERE booking_id = ${bookingId} AND flight_id = ${flightId} AND status = 'open'
      ORDER BY passenger_position FOR UPDATE`;
    if (!open.length) return;
    const [flight] = await tx`
      UPDATE flights SET checkin_counter = checkin_counter + ${open.length}
      WHERE id = ${flightId} RETURNING checkin_counter`;
    const first = flight.checkin_counter - open.length + 1;
    for (const [i, t] of open.entries()) {
      await tx`
        UPDATE tickets SET status = 'checked_in', checkin_sequence = ${
        first + i
      }, checked_in_at = ${now}
        WHERE number = ${t.number}`;
    }
  });
  return await listTravelTickets(sql, bookingId, flightId);
}

/** A booking's tickets on a flight with their passengers' names, in passenger order. */
export async function listTravelTickets(sql: Sql, bookingId: string, flightId: string) {
  const rows = await sql`
    SELECT t.number, t.seat, t.checkin_sequence, t.status, p.first_name, p.last_name
    FROM tickets t JOIN booking_passengers p
      ON p.booking_id = t.booking_id AND p.position = t.passenger_position
    WHERE t.booking_id = ${bookingId} AND t.flight_id = ${flightId}
    ORDER BY t.passenger_position`;
  return rows as unknown as {
    number: string;
    seat: string | null;
    checkin_sequence: number | null;
    status: string;
    first_name: string;
    last_name: string;
  }[];
}

/** The flights a booking has open or checked-in tickets on (every leg still to fly). */
export async function listTicketedFlightIds(sql: Sql, bookingId: string): Promise<string[]> {
  const rows = await sql`
    SELECT DISTINCT flight_id FROM tickets
    WHERE booking_id = ${bookingId} AND status IN ('open', 'checked_in')`;
  return rows.map((r) => r.flight_id as string);
}
