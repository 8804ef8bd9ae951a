import type { Sql } from "./postgres.ts";
import type { Alternative } from "../domain/reaccommodation.ts";
import { type CabinCode, SeatLayoutSchema } from "../domain/seat_layout.ts";
import { connects } from "./search_repo.ts";
import { listOnwardFlights } from "./flight_audience_repo.ts";

/** A confirmed booking on a cancelled flight, with what rebooking it needs. */
export interface Stranded {
  id: string;
  pnr: string;
  userId: string | null;
  cabin: CabinCode;
  createdAt: number;
  passengers: { dateOfBirth?: string }[];
  /** What each passenger paid for a seat on the cancelled flight (kept on the new one). */
  unitPrice: number;
  /**
   * The booking's next flight when it connects at the cancelled flight's destination (leaves
   * within the longest layover of its arrival), with the connecting airport's minimum time.
   */
  onward?: OnwardFlight;
}

/** A connection a rebooking must still make (or replace). */
export interface OnwardFlight {
  flightId: string;
  destination: string;
  departureAt: number;
  minConnectionMs: number;
}

/**
 * Confirmed bookings still on a flight, not yet rebooked or refunded (a booking that was only
 * offered a refund is tried again: new flights or seats may have appeared).
 */
export async function listStranded(sql: Sql, flightId: string): Promise<Stranded[]> {
  const rows = await sql`
    SELECT b.id, b.pnr, b.user_id, g.cabin, b.created_at, b.total_amount,
      COALESCE((SELECT json_agg(json_build_object('dateOfBirth', p.date_of_birth)
        ORDER BY p.position) FROM booking_passengers p WHERE p.booking_id = b.id), '[]') AS pax,
      g.unit_price AS fare
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
    WHERE g.flight_id = ${flightId} AND g.status = 'confirmed' AND b.status = 'confirmed'
      AND NOT EXISTS (SELECT 1 FROM reaccommodations r
        WHERE r.booking_id = b.id AND r.status IN ('rebooked', 'refunded'))`;
  // Each booking's next flight where this one lands: the same reading as the delay notices'.
  const onward = new Map((await listOnwardFlights(sql, flightId)).map((o) => [o.bookingId, o]));
  return rows.map((r) => {
    const next = onward.get(r.id);
    const passengers = (r.pax as { dateOfBirth: string | null }[]).map((p) =>
      p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}
    );
    return {
      id: r.id,
      pnr: r.pnr,
      userId: r.user_id,
      cabin: r.cabin as CabinCode,
      createdAt: r.created_at.getTime(),
      passengers,
      unitPrice: r.fare ?? Math.round(r.total_amount / Math.max(1, passengers.length)),
      ...(next
        ? {
          onward: {
            flightId: next.flightId,
            destination: next.destination,
            departureAt: next.departureAt.getTime(),
            minConnectionMs: next.minConnectionMinutes * 60_000,
          },
        }
        : {}),
    };
  });
}

/** Held (unpaid) bookings on a flight: their holds are released, not rebooked. */
export async function listHeldOn(sql: Sql, flightId: string) {
  const rows = await sql`
    SELECT b.id, g.hold_id, b.user_id
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
    WHERE g.flight_id = ${flightId} AND g.status = 'held' AND g.hold_id IS NOT NULL`;
  return rows.map((r) => ({ id: r.id as string, holdId: r.hold_id as string, userId: r.user_id }));
}

/**
 * Flights that could replace `flight` from `after` (epoch ms) to `until`: direct flights on
 * the route and one-stop connections (60 min to 6 h between them), not cancelled and not
 * departed, with the cabins each aircraft has.
 */
export async function findAlternatives(
  sql: Sql,
  flight: { id: string; origin: string; destination: string },
  after: number,
  until: number,
): Promise<Alternative[]> {
  const live = sql`status IN ('scheduled', 'delayed')`;
  const [direct, connections] = await Promise.all([
    sql`
      SELECT id FROM flights
      WHERE origin = ${flight.origin} AND destination = ${flight.destination}
        AND departure_at >= ${new Date(after)} AND departure_at <= ${new Date(until)}
        AND id <> ${flight.id} AND ${live}
      ORDER BY departure_at LIMIT 100`,
    sql`
      SELECT a.id AS first, b.id AS second FROM flights a
      JOIN airports hub ON hub.iata = a.destination
      JOIN flights b ON b.origin = a.destination
      WHERE a.origin = ${flight.origin} AND b.destination = ${flight.destination}
        AND a.destination <> ${flight.destination} AND b.destination <> a.origin
        AND a.departure_at >= ${new Date(after)} AND a.departure_at <= ${new Date(until)}
        AND ${connects(sql)}
        AND a.status IN ('scheduled', 'delayed') AND b.status IN ('scheduled', 'delayed')
      ORDER BY b.arrival_at LIMIT 200`,
  ]);
  const ids = [
    ...new Set([...direct.map((r) => r.id), ...connections.flatMap((r) => [r.first, r.second])]),
  ];
  if (!ids.length) return [];
  const legs = await sql`
    SELECT f.id, f.departure_at, f.arrival_at, t.layout FROM flights f
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config WHERE f.id IN ${
    sql(ids)
  }`;
  const byId = new Map(legs.map((l) => [l.id as string, {
    flightId: l.id as string,
    departureAt: l.departure_at.getTime(),
    arrivalAt: l.arrival_at.getTime(),
    cabins: SeatLayoutSchema.parse(l.layout).cabins.map((c) => c.code as CabinCode),
  }]));
  return [
    ...direct.map((r) => [byId.get(r.id)!]),
    ...connections.map((r) => [byId.get(r.first)!, byId.get(r.second)!]),
  ];
}

/**
 * Records a rebooking, in one transaction: the cancelled flight's coupons become exchanged (the
 * new flights' segments and coupons come from the projection of their confirmations).
 */
export async function recordRebooked(
  sql: Sql,
  r: {
    bookingId: string;
    fromFlightId: string;
    flightIds: string[];
    cabin: CabinCode;
    /** Other flights of the journey the new ones replace (a connection that can no longer be made). */
    replaced?: string[];
  },
): Promise<void> {
  const old = [r.fromFlightId, ...r.replaced ?? []];
  await sql.begin(async (tx) => {
    await tx`
      UPDATE ticket_coupons c SET status = 'exchanged'
      FROM tickets t
      WHERE t.number = c.ticket_number AND t.booking_id = ${r.bookingId}
        AND c.flight_id = ANY(${old}::uuid[]) AND c.status IN ('open', 'void')`;
    await tx`
      UPDATE booking_segments SET status = 'cancelled'
      WHERE booking_id = ${r.bookingId} AND flight_id = ANY(${old}::uuid[])`;
    await tx`UPDATE bookings SET updated_at = now() WHERE id = ${r.bookingId}`;
    await tx`
      INSERT INTO reaccommodations (booking_id, from_flight_id, status, flight_ids, cabin)
      VALUES (${r.bookingId}, ${r.fromFlightId}, 'rebooked', ${r.flightIds}, ${r.cabin})
      ON CONFLICT (booking_id) DO UPDATE SET status = 'rebooked', flight_ids = EXCLUDED.flight_ids,
        cabin = EXCLUDED.cabin, updated_at = now()`;
  });
}

/** Records that no alternative had seats: the passenger is offered a full refund. */
export async function recordRefundOffered(sql: Sql, bookingId: string, fromFlightId: string) {
  await sql`
    INSERT INTO reaccommodations (booking_id, from_flight_id, status)
    VALUES (${bookingId}, ${fromFlightId}, 'refund_offered')
    ON CONFLICT (booking_id) DO NOTHING`;
}

/** Marks an offered refund as taken (the passenger cancelled the booking). */
export async function markRefunded(sql: Sql, bookingId: string) {
  await sql`
    UPDATE reaccommodations SET status = 'refunded', updated_at = now()
    WHERE booking_id = ${bookingId}`;
}

/** True when a booking was moved, or is owed a refund, because its flight was cancelled. */
export async function isInvoluntary(sql: Sql, bookingId: string): Promise<boolean> {
  const [row] = await sql`
    SELECT EXISTS (SELECT 1 FROM reaccommodations WHERE booking_id = ${bookingId})
      OR EXISTS (SELECT 1 FROM booking_segments g JOIN flights f ON f.id = g.flight_id
        WHERE g.booking_id = ${bookingId} AND g.status IN ('held', 'confirmed')
          AND f.status = 'cancelled') AS involuntary`;
  return row.involuntary;
}

/** Every reaccommodation outcome of a flight, in priority order of the passengers. */
export async function listReaccommodations(sql: Sql, flightId: string) {
  const rows = await sql`
    SELECT r.booking_id, b.pnr, r.status, r.flight_ids, r.cabin, r.updated_at,
      COALESCE((SELECT g.seats FROM booking_segments g
        WHERE g.booking_id = b.id AND g.flight_id = r.flight_ids[1]), '{}') AS seats
    FROM reaccommodations r JOIN bookings b ON b.id = r.booking_id
    WHERE r.from_flight_id = ${flightId} ORDER BY r.created_at, r.booking_id`;
  return rows.map((r) => ({
    bookingId: r.booking_id as string,
    pnr: r.pnr as string,
    status: r.status as string,
    flightIds: r.flight_ids as string[],
    cabin: r.cabin?.trim() ?? null,
    seats: r.status === "rebooked" ? r.seats as string[] : [],
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** The bookings whose reaccommodation off a flight has an outcome (rebooked, refund offered). */
export async function listReaccommodated(sql: Sql, flightId: string): Promise<Set<string>> {
  const rows = await sql`
    SELECT booking_id FROM reaccommodations WHERE from_flight_id = ${flightId}`;
  return new Set(rows.map((r) => r.booking_id as string));
}
