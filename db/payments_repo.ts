import { getBooking } from "./bookings_repo.ts";
import type { Sql } from "./postgres.ts";

/** A stored answer to replay for an idempotency key. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What claiming a payment's idempotency key found. */
export type Claim =
  | { kind: "new"; paymentId: string }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "in_progress" }
  | { kind: "other_booking" }
  | { kind: "active_charge" };

function uniqueViolation(err: unknown): string | undefined {
  const e = err as { code?: string; constraint_name?: string };
  return e?.code === "23505" ? e.constraint_name ?? "" : undefined;
}

/**
 * Claims an Idempotency-Key for a charge by inserting the pending payment. The database
 * decides races: one row per key, and at most one pending-or-succeeded charge per booking.
 */
export async function claimPayment(
  sql: Sql,
  p: {
    bookingId: string;
    key: string;
    amount: number;
    currency: string;
    brand: string;
    last4: string;
  },
): Promise<Claim> {
  try {
    const [row] = await sql`
      INSERT INTO payments (booking_id, idempotency_key, kind, amount, currency, status, card_brand, card_last4)
      VALUES (${p.bookingId}, ${p.key}, 'charge', ${p.amount}, ${p.currency}, 'pending', ${p.brand}, ${p.last4})
      RETURNING id`;
    return { kind: "new", paymentId: row.id };
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === undefined) throw err;
    if (constraint === "payments_one_active_charge_idx") return { kind: "active_charge" };
    return await existingClaim(sql, p.key, p.bookingId);
  }
}

/** The state of a key someone else claimed. */
export async function existingClaim(sql: Sql, key: string, bookingId: string): Promise<Claim> {
  const [row] = await sql`SELECT booking_id, response FROM payments WHERE idempotency_key = ${key}`;
  if (!row) return { kind: "in_progress" };
  if (row.booking_id !== bookingId) return { kind: "other_booking" };
  return row.response ? { kind: "replay", response: row.response } : { kind: "in_progress" };
}

/**
 * Takes over the pending charge claimed with `key` for this booking when it has been silent
 * for `staleSeconds`: the process that claimed it died before charging. Returns its id, or
 * undefined when there is no such claim. The gateway charges once per payment id, so even a
 * claim whose request still runs is safe to take over.
 */
export async function takeOverStaleClaim(
  sql: Sql,
  key: string,
  bookingId: string,
  staleSeconds: number,
): Promise<string | undefined> {
  const [row] = await sql`
    UPDATE payments SET updated_at = now()
    WHERE idempotency_key = ${key} AND booking_id = ${bookingId} AND kind = 'charge'
      AND status = 'pending' AND updated_at < now() - make_interval(secs => ${staleSeconds})
    RETURNING id`;
  return row?.id;
}

/** Finishes a payment attempt and stores the answer that retries will get. */
export async function finishPayment(
  sql: Sql,
  id: string,
  f: {
    status: "succeeded" | "declined" | "failed" | "refunded";
    response: StoredResponse;
    gatewayRef?: string;
    cardToken?: string;
    declineCode?: string;
  },
) {
  await sql`
    UPDATE payments SET status = ${f.status}, response = ${sql.json(f.response as never)},
      gateway_ref = COALESCE(${f.gatewayRef ?? null}, gateway_ref),
      card_token = COALESCE(${f.cardToken ?? null}, card_token),
      decline_code = ${f.declineCode ?? null}, updated_at = now()
    WHERE id = ${id}`;
}

/**
 * What recording an approved charge found: `charged` (the claim was pending, now succeeded),
 * `settling` (the recovery sweep, or the request whose claim this one took over, already
 * recorded this very charge and finishes it), or
 * `closed` (the sweep closed the claim as never charged while the gateway was still
 * answering: the money must go back).
 */
export type MarkCharged = "charged" | "settling" | "closed";

/**
 * Records an approved charge on a claim still pending (and, with `staleBefore`, silent since
 * then); false when the claim is no longer such.
 */
async function chargeClaim(
  sql: Sql,
  id: string,
  gatewayRef: string,
  cardToken: string,
  staleBefore?: Date,
): Promise<boolean> {
  const [row] = await sql`
    UPDATE payments SET status = 'succeeded', gateway_ref = ${gatewayRef}, card_token = ${cardToken},
      updated_at = now()
    WHERE id = ${id} AND status = 'pending'
      ${staleBefore ? sql`AND updated_at < ${staleBefore}` : sql``}
    RETURNING id`;
  return row !== undefined;
}

/** Marks an approved charge succeeded before the hold is confirmed (so nothing is lost). */
export async function markCharged(
  sql: Sql,
  id: string,
  gatewayRef: string,
  cardToken: string,
): Promise<MarkCharged> {
  if (await chargeClaim(sql, id, gatewayRef, cardToken)) return "charged";
  const [now] = await sql`SELECT gateway_ref FROM payments WHERE id = ${id}`;
  return now?.gateway_ref === gatewayRef ? "settling" : "closed";
}

/** A charge claimed but still pending: its request may have died before the gateway answered. */
export interface PendingCharge {
  id: string;
  bookingId: string;
  amount: number;
  currency: string;
}

/** Up to `limit` charges still pending, last touched before `cutoff`, oldest first. */
export async function listStalePendingCharges(
  sql: Sql,
  cutoff: Date,
  limit = 100,
): Promise<PendingCharge[]> {
  const rows = await sql`
    SELECT id, booking_id, amount, currency FROM payments
    WHERE kind = 'charge' AND status = 'pending' AND updated_at < ${cutoff}
    ORDER BY updated_at LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    bookingId: r.booking_id,
    amount: r.amount,
    currency: r.currency,
  }));
}

/**
 * Records, for the recovery sweep, the charge the gateway made for a claim still pending and
 * silent since `cutoff`. False when the claim moved meanwhile (a retry with its key took it
 * over, or its request answered): that one finishes it.
 */
export function markStaleClaimCharged(
  sql: Sql,
  id: string,
  cutoff: Date,
  gatewayRef: string,
  cardToken: string,
): Promise<boolean> {
  return chargeClaim(sql, id, gatewayRef, cardToken, cutoff);
}

/**
 * Closes, for the recovery sweep, a claim still pending and silent since `cutoff` with its
 * final answer (declined, or failed when the gateway charged nothing), so the booking's one
 * active charge is free for a new key. False when the claim moved meanwhile.
 */
export async function closeStaleClaim(
  sql: Sql,
  id: string,
  cutoff: Date,
  f: { status: "declined" | "failed"; response: StoredResponse; declineCode?: string },
): Promise<boolean> {
  const [row] = await sql`
    UPDATE payments SET status = ${f.status}, response = ${sql.json(f.response as never)},
      decline_code = ${f.declineCode ?? null}, updated_at = now()
    WHERE id = ${id} AND status = 'pending' AND updated_at < ${cutoff}
    RETURNING id`;
  return row !== undefined;
}

/**
 * The idempotency key of the booking's charge that has no answer yet (pending, or charged
 * and not yet confirmed), if any: the checkout page pays again under it after a reload.
 */
export async function undecidedChargeKey(
  sql: Sql,
  bookingId: string,
): Promise<string | undefined> {
  const [row] = await sql`
    SELECT idempotency_key FROM payments
    WHERE booking_id = ${bookingId} AND kind = 'charge' AND status IN ('pending', 'succeeded')
      AND response IS NULL
    ORDER BY created_at DESC LIMIT 1`;
  return row?.idempotency_key;
}

/** Forgets an attempt that failed before any money moved (a retryable gateway error). */
export async function deletePendingPayment(sql: Sql, id: string) {
  await sql`DELETE FROM payments WHERE id = ${id} AND status = 'pending'`;
}

/** The booking's successful charge, if any. */
export async function succeededCharge(sql: Sql, bookingId: string) {
  const [row] = await sql`
    SELECT id, amount, currency, gateway_ref FROM payments
    WHERE booking_id = ${bookingId} AND kind = 'charge' AND status IN ('succeeded', 'refunded')
    ORDER BY created_at LIMIT 1`;
  return row as { id: string; amount: number; currency: string; gateway_ref: string } | undefined;
}

/** A charge the gateway took whose request never recorded an answer, with its booking. */
export interface UnansweredCharge {
  id: string;
  bookingId: string;
  amount: number;
  currency: string;
  gatewayRef: string;
  bookingStatus: string;
}

/** Up to `limit` unanswered charges last touched before `cutoff`, oldest first. */
export async function listUnansweredCharges(
  sql: Sql,
  cutoff: Date,
  limit = 100,
): Promise<UnansweredCharge[]> {
  const rows = await sql`
    SELECT p.id, p.booking_id, p.amount, p.currency, p.gateway_ref, b.status
    FROM payments p JOIN bookings b ON b.id = p.booking_id
    WHERE p.kind = 'charge' AND p.status = 'succeeded' AND p.response IS NULL
      AND p.updated_at < ${cutoff}
    ORDER BY p.updated_at LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    bookingId: r.booking_id,
    amount: r.amount,
    currency: r.currency,
    gatewayRef: r.gateway_ref,
    bookingStatus: r.status,
  }));
}

/** Records a refund against a charge; a full refund marks the charge refunded. */
export async function recordRefund(
  sql: Sql,
  r: {
    chargeId: string;
    bookingId: string;
    amount: number;
    currency: string;
    gatewayRef: string;
    full: boolean;
  },
) {
  await sql.begin(async (tx) => {
    await tx`
      INSERT INTO payments (booking_id, idempotency_key, kind, amount, currency, status, gateway_ref, refund_of)
      VALUES (${r.bookingId}, ${`refund:${r.chargeId}`}, 'refund', ${r.amount}, ${r.currency},
        'succeeded', ${r.gatewayRef}, ${r.chargeId})
      ON CONFLICT (idempotency_key) DO NOTHING`;
    if (r.full) {
      await tx`UPDATE payments SET status = 'refunded', updated_at = now() WHERE id = ${r.chargeId}`;
    }
  });
}

/** Ends a booking still held (its payment failed after the seats were given back). */
export async function endHeldBooking(sql: Sql, id: string) {
  await sql`
    UPDATE bookings SET status = 'cancelled', cancelled_at = COALESCE(cancelled_at, now()),
      updated_at = now()
    WHERE id = ${id} AND status = 'held'`;
}

/** Sets a booking's status (cancelled or refunded) once its seats were given back. */
export async function setBookingStatus(sql: Sql, id: string, status: "cancelled" | "refunded") {
  await sql`
    UPDATE bookings SET status = ${status}, cancelled_at = COALESCE(cancelled_at, now()), updated_at = now()
    WHERE id = ${id}`;
}

/**
 * A successful payment's answer as stored for replays: ids only, so no passenger's name, date
 * of birth or email sits in `payments.response` (an erased passenger's would otherwise stay).
 * A replay rebuilds the answer from the booking as it is then (readStoredResponse).
 */
export function paidResponse(bookingId: string, paymentId: string): StoredResponse {
  return { status: 200, body: { paid: { bookingId, paymentId } } };
}

/** A stored answer as the client gets it: a paid one rebuilt from its booking. */
export async function readStoredResponse(
  sql: Sql,
  stored: StoredResponse,
): Promise<StoredResponse> {
  const paid = (stored.body as { paid?: { bookingId: string; paymentId: string } })?.paid;
  if (stored.status !== 200 || !paid) return stored;
  const booking = await getBooking(sql, paid.bookingId);
  if (!booking) return stored;
  const payment = booking.payments.find((x) => x.id === paid.paymentId);
  return { status: 200, body: { booking, tickets: booking.tickets, payment } };
}
