/**
 * The invariants the load and fault suites check after a run, against Postgres (the system of
 * record) and the server's KV file: nothing oversold, no seat sold twice, KV and Postgres in
 * agreement, every acknowledged confirmation kept, no hold outliving its expiry.
 */
import type { Sql } from "../db/postgres.ts";
import { getInventory } from "../db/inventory_kv.ts";
import { loadInventoryFromPostgres } from "../db/inventory_repo.ts";
import { reconcileFlight } from "../actors/projector.ts";
import type { InventoryState } from "../domain/inventory/state.ts";

/** One invariant's outcome: empty `violations` means it holds. */
export interface CheckResult {
  name: string;
  /** What was looked at, e.g. "24 flights". */
  scope: string;
  violations: string[];
}

const sortedSeats = (seats: string[]) => [...seats].sort().join(",");

/** Flights with bookings or projected inventory: the ones a run touched. */
export async function touchedFlights(sql: Sql): Promise<string[]> {
  const rows = await sql`
    SELECT flight_id FROM booking_segments UNION SELECT flight_id FROM inventory_projection`;
  return rows.map((r) => r.flight_id as string);
}

/**
 * Per flight and cabin, seats held plus sold never exceed the cabin's authorization, counted
 * twice in Postgres: the inventory projection, and the passengers of the live bookings' live
 * segments on the flight.
 */
export async function checkOversold(sql: Sql, flightIds: string[]): Promise<CheckResult> {
  const used = await sql`
    SELECT flight_id, cabin, 'projection' AS source, sum(n)::int AS used FROM (
      SELECT flight_id, cabin, seat_count AS n FROM inventory_holds WHERE status = 'held'
      UNION ALL SELECT flight_id, cabin, seat_count FROM inventory_sales) x
    WHERE flight_id = ANY(${flightIds}) GROUP BY 1, 2
    UNION ALL
    SELECT g.flight_id, g.cabin, 'bookings', count(*)::int
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
    JOIN booking_passengers p ON p.booking_id = b.id
    WHERE g.flight_id = ANY(${flightIds}) AND g.status IN ('held', 'confirmed')
      AND b.status IN ('held', 'confirmed')
    GROUP BY 1, 2`;
  const authorized = new Map<string, number>();
  for (const id of flightIds) {
    const state = await loadInventoryFromPostgres(sql, id);
    for (const c of state?.cabins ?? []) authorized.set(`${id} ${c.code}`, c.authorized);
  }
  const violations = used
    .filter((u) => u.used > (authorized.get(`${u.flight_id} ${u.cabin}`) ?? 0))
    .map((u) =>
      `flight ${u.flight_id} cabin ${u.cabin}: ${u.used} seats in use (${u.source}), ` +
      `authorized ${authorized.get(`${u.flight_id} ${u.cabin}`) ?? 0}`
    );
  return { name: "no cabin oversold", scope: `${flightIds.length} flights`, violations };
}

/**
 * No seat of a flight is in two live bookings' live segments or on two valid ticket coupons
 * (Postgres). A coupon void, refunded or exchanged for another flight holds no seat.
 */
export async function checkSeatsSoldOnce(sql: Sql): Promise<CheckResult> {
  const rows = await sql`
    SELECT 'bookings' AS source, g.flight_id, seat, count(*)::int AS n
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id, unnest(g.seats) seat
    WHERE g.status IN ('held', 'confirmed') AND b.status IN ('held', 'confirmed')
    GROUP BY g.flight_id, seat HAVING count(*) > 1
    UNION ALL
    SELECT 'coupons', c.flight_id, c.seat, count(*)::int
    FROM ticket_coupons c JOIN tickets t ON t.number = c.ticket_number
    WHERE c.seat IS NOT NULL AND c.status NOT IN ('void', 'refunded', 'exchanged')
    GROUP BY c.flight_id, c.seat HAVING count(*) > 1`;
  const [{ seats }] = await sql`
    SELECT count(*)::int AS seats
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id, unnest(g.seats) s
    WHERE g.status IN ('held', 'confirmed') AND b.status IN ('held', 'confirmed')`;
  return {
    name: "no seat sold twice",
    scope: `${seats} seats in live bookings`,
    violations: rows.map((r) => `flight ${r.flight_id} seat ${r.seat}: ${r.n} ${r.source}`),
  };
}

/**
 * Every booking a client was told is confirmed is confirmed, with one open coupon per seat of
 * each of its confirmed segments (one per passenger per flight). Seats are compared as
 * "flight seat" pairs.
 */
export async function checkAcknowledged(sql: Sql, bookingIds: string[]): Promise<CheckResult> {
  const rows = await sql`
    SELECT b.id, b.status,
      (SELECT count(*)::int FROM booking_passengers p WHERE p.booking_id = b.id) AS passengers,
      (SELECT count(*)::int FROM booking_segments g
        WHERE g.booking_id = b.id AND g.status = 'confirmed') AS segments,
      array(SELECT g.flight_id || ' ' || s FROM booking_segments g, unnest(g.seats) s
        WHERE g.booking_id = b.id AND g.status = 'confirmed') AS seats,
      array(SELECT c.flight_id || ' ' || coalesce(c.seat, '-')
        FROM ticket_coupons c JOIN tickets t ON t.number = c.ticket_number
        WHERE t.booking_id = b.id AND c.status = 'open') AS ticket_seats
    FROM bookings b WHERE b.id = ANY(${bookingIds})`;
  const found = new Map(rows.map((r) => [r.id as string, r]));
  const violations: string[] = [];
  for (const id of bookingIds) {
    const b = found.get(id);
    if (!b) violations.push(`booking ${id} is missing`);
    else if (b.status !== "confirmed") violations.push(`booking ${id} is ${b.status}`);
    else if (b.segments === 0) violations.push(`booking ${id} has no confirmed segment`);
    else if (
      b.ticket_seats.length !== b.passengers * b.segments ||
      sortedSeats(b.ticket_seats) !== sortedSeats(b.seats)
    ) {
      violations.push(`booking ${id}: seats ${b.seats}, open coupons for ${b.ticket_seats}`);
    }
  }
  return {
    name: "acknowledged confirmations kept",
    scope: `${bookingIds.length} bookings`,
    violations,
  };
}

/** A live booking's live segment on one flight: its status, hold and seats there. */
interface FlightSegment {
  id: string;
  status: string;
  hold_id: string | null;
  seats: string[];
}

/**
 * A flight's KV inventory against the live bookings' segments on it: a confirmed segment is
 * the booking's sale in KV, a held one its hold, with the same seats.
 */
function kvAgainstBookings(state: InventoryState, bookings: FlightSegment[]): string[] {
  const out: string[] = [];
  const seats = [...Object.values(state.holds), ...Object.values(state.sales)].flatMap((x) =>
    x.seats
  );
  if (new Set(seats).size !== seats.length) out.push("a seat is held or sold twice in KV");
  for (const b of bookings) {
    const live = b.status === "confirmed"
      ? state.sales[b.id]
      : b.hold_id === null
      ? undefined
      : state.holds[b.hold_id];
    if (!live) out.push(`booking ${b.id}: ${b.status} segment has no ${b.status} seats in KV`);
    else if (sortedSeats(live.seats) !== sortedSeats(b.seats)) {
      out.push(`booking ${b.id}: Postgres seats ${b.seats}, KV seats ${live.seats}`);
    }
  }
  const confirmed = new Set(bookings.filter((b) => b.status === "confirmed").map((b) => b.id));
  for (const id of Object.keys(state.sales)) {
    if (!confirmed.has(id)) {
      out.push(`KV sale ${id} is not a confirmed segment of a live booking in Postgres`);
    }
  }
  return out;
}

/**
 * KV's live inventory agrees with Postgres: each flight's KV state matches its bookings, and
 * reconciliation reports no drift. Projection is asynchronous, so drift is polled for until
 * `settleMs` passes; what remains is reported.
 */
export async function checkKvAgrees(
  kv: Deno.Kv,
  sql: Sql,
  flightIds: string[],
  settleMs = 15_000,
): Promise<CheckResult[]> {
  const deadline = Date.now() + settleMs;
  let drift: string[] = [];
  do {
    if (drift.length) await new Promise((r) => setTimeout(r, 250));
    drift = [];
    for (const id of flightIds) {
      const report = await reconcileFlight(kv, sql, id);
      for (const d of report.drift) {
        drift.push(`flight ${id} ${d.what} ${d.id}: KV ${d.kv}, Postgres ${d.postgres}`);
      }
    }
  } while (drift.length && Date.now() < deadline);
  const agree: string[] = [];
  for (const id of flightIds) {
    const stored = await getInventory(kv, id);
    // Each live booking's segment on this flight: its status there, not the journey's, says
    // whether KV should hold or have sold its seats.
    const bookings = await sql<FlightSegment[]>`
      SELECT b.id, g.status, g.hold_id, g.seats
      FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
      WHERE g.flight_id = ${id} AND g.status IN ('held', 'confirmed')
        AND b.status IN ('held', 'confirmed')`;
    if (!stored) {
      if (bookings.length) agree.push(`flight ${id}: bookings in Postgres, no inventory in KV`);
      continue;
    }
    agree.push(...kvAgainstBookings(stored.state, bookings).map((v) => `flight ${id}: ${v}`));
  }
  const scope = `${flightIds.length} flights`;
  return [
    { name: "KV inventory agrees with bookings", scope, violations: agree },
    { name: "reconciliation reports no drift", scope, violations: drift },
  ];
}

/** No hold, in KV or Postgres, still stands more than `graceMs` after its expiry. */
export async function checkNoStuckHolds(
  kv: Deno.Kv,
  sql: Sql,
  flightIds: string[],
  graceMs = 5_000,
): Promise<CheckResult> {
  const cutoff = Date.now() - graceMs;
  const violations: string[] = [];
  let holds = 0;
  for (const id of flightIds) {
    const stored = await getInventory(kv, id);
    for (const h of Object.values(stored?.state.holds ?? {})) {
      holds++;
      if (h.expiresAt < cutoff) {
        violations.push(
          `KV hold ${h.id} on ${id}: ${cutoff + graceMs - h.expiresAt} ms past expiry`,
        );
      }
    }
  }
  const rows = await sql`
    SELECT 'booking' AS what, id::text, expires_at FROM bookings
    WHERE status = 'held' AND expires_at < ${new Date(cutoff)}
    UNION ALL
    SELECT 'projected hold', hold_id, expires_at FROM inventory_holds
    WHERE status = 'held' AND expires_at < ${new Date(cutoff)}`;
  for (const r of rows) {
    violations.push(
      `held ${r.what} ${r.id}: ${cutoff + graceMs - r.expires_at.getTime()} ms past expiry`,
    );
  }
  return {
    name: `no hold outlives its expiry by more than ${graceMs / 1000} s`,
    scope: `${holds} open holds in KV`,
    violations,
  };
}

/**
 * Every charge the gateway approved ends answered, with the seats or with the money back:
 * a charge a crash left unanswered is the recovery sweep's to finish (once a minute, after
 * 30 s), so this waits up to `settleMs` for it.
 */
export async function checkChargesSettled(sql: Sql, settleMs = 100_000): Promise<CheckResult> {
  const deadline = Date.now() + settleMs;
  const unanswered = async () =>
    (await sql`
      SELECT count(*)::int AS n FROM payments
      WHERE kind = 'charge' AND status = 'succeeded' AND response IS NULL`)[0].n;
  while (await unanswered() > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
  }
  const rows = await sql`
    SELECT p.id, p.status, p.response IS NULL AS unanswered, b.status AS booking
    FROM payments p JOIN bookings b ON b.id = p.booking_id
    WHERE p.kind = 'charge' AND (
      (p.status = 'succeeded' AND (p.response IS NULL OR b.status <> 'confirmed'))
      OR (p.status = 'refunded' AND b.status = 'confirmed'))`;
  const [{ charges }] = await sql`
    SELECT count(*)::int AS charges FROM payments
    WHERE kind = 'charge' AND status IN ('succeeded', 'refunded')`;
  return {
    name: "every approved charge confirmed or refunded",
    scope: `${charges} charges`,
    violations: rows.map((r) =>
      `charge ${r.id} ${r.status}${r.unanswered ? " without an answer" : ""}, booking ${r.booking}`
    ),
  };
}

/** Prints each check with its verdict and first violations; true when all hold. */
export function printChecks(checks: CheckResult[]): boolean {
  for (const c of checks) {
    const verdict = c.violations.length ? `FAIL (${c.violations.length})` : "ok";
    console.log(`  ${verdict.padEnd(10)} ${c.name} [${c.scope}]`);
    for (const v of c.violations.slice(0, 10)) console.log(`             ${v}`);
  }
  return checks.every((c) => c.violations.length === 0);
}
