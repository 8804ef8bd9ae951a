import type { Sql } from "../db/postgres.ts";
import { problemBody } from "../domain/app_error.ts";
import {
  closeStaleClaim,
  finishPayment,
  listStalePendingCharges,
  listUnansweredCharges,
  markStaleClaimCharged,
  paidResponse,
} from "../db/payments_repo.ts";
import { getBooking } from "../db/bookings_repo.ts";
import type { PaymentGateway } from "../adapters/payment_gateway.ts";
import { seal } from "../adapters/secret_box.ts";
import { bookingCounters } from "../platform/app_metrics.ts";
import { confirmJourney, interruptedResponse, refundInFull } from "./journey_settlement.ts";
import type { ActorRegistry } from "../actors/registry.ts";
import type { Projector } from "../actors/projector.ts";

/** What the recovery sweep needs. */
export interface PaymentRecoveryDeps {
  kv: Deno.Kv;
  sql: Sql;
  registry: ActorRegistry;
  projector: Projector;
  gateway: PaymentGateway;
  /** Seals the gateway's card token at rest (for a charge found through the gateway). */
  paymentTokenKey: string;
  now: Date;
  /** Claims and charges younger than this are still being handled by their request. */
  graceMs?: number;
}

/** What the sweep did with one payment. */
export interface RecoveryOutcome {
  paymentId: string;
  outcome: "confirmed" | "refunded" | "declined" | "failed";
}

/** How many payments of each kind one sweep looks at. */
const BATCH = 100;

/** A charge the gateway took that no request answered. */
interface TakenCharge {
  id: string;
  bookingId: string;
  amount: number;
  currency: string;
  gatewayRef: string;
}

/**
 * Confirms the journey of a charge the gateway took if every segment's hold is still alive,
 * as the request would have (the projection of the confirmation queues the passenger's
 * notice); otherwise gives the money back. Either way the charge gets its final answer.
 */
async function settleCharge(
  deps: PaymentRecoveryDeps,
  p: TakenCharge,
): Promise<RecoveryOutcome | undefined> {
  const booking = await getBooking(deps.sql, p.bookingId);
  if (!booking) return undefined;
  let confirmed = booking.status === "confirmed";
  // Not confirmed (held, or ended meanwhile): every segment confirmed, or none left sold.
  if (!confirmed) {
    const r = await confirmJourney(deps, booking);
    for (const c of r.commits) await deps.projector.reach(c.flightId, c.seq);
    confirmed = r.ok;
  }
  if (confirmed) {
    await finishPayment(deps.sql, p.id, {
      status: "succeeded",
      response: paidResponse(p.bookingId, p.id),
    });
    bookingCounters.confirmed.inc();
    return { paymentId: p.id, outcome: "confirmed" };
  }
  await refundInFull(
    deps,
    { id: p.bookingId, total: p.amount, currency: p.currency },
    p.id,
    p.gatewayRef,
  );
  await finishPayment(deps.sql, p.id, {
    status: "refunded",
    response: problemBody(
      409,
      "hold_expired",
      "The hold ended before payment completed; the charge was refunded.",
      { refunded: true },
    ),
  });
  return { paymentId: p.id, outcome: "refunded" };
}

/**
 * Resolves claims whose request went silent before recording the gateway's answer, asking
 * the gateway what it did for the payment id (the idempotency key every charge is sent
 * with): a charge it made is recorded and settled like any other; a decline gets its stored
 * 402; nothing charged fails the attempt with a stored 409 `payment_interrupted`, so the
 * booking's one active charge is free and the passenger can pay again. Each change applies
 * only if the claim is still pending and silent: a retry that took it over meanwhile wins.
 */
async function resolvePendingClaims(deps: PaymentRecoveryDeps, cutoff: Date) {
  const outcomes: RecoveryOutcome[] = [];
  for (const p of await listStalePendingCharges(deps.sql, cutoff, BATCH)) {
    const found = await deps.gateway.lookup(p.id);
    if (found.status === "none") {
      const closed = await closeStaleClaim(deps.sql, p.id, cutoff, {
        status: "failed",
        response: interruptedResponse(),
      });
      if (closed) outcomes.push({ paymentId: p.id, outcome: "failed" });
      continue;
    }
    if (found.status === "declined") {
      const booking = await getBooking(deps.sql, p.bookingId);
      const closed = await closeStaleClaim(deps.sql, p.id, cutoff, {
        status: "declined",
        response: problemBody(
          402,
          found.code,
          "The card was declined; the seats stay held until the hold expires.",
          { expiresAt: booking?.expiresAt },
        ),
        declineCode: found.code,
      });
      if (closed) outcomes.push({ paymentId: p.id, outcome: "declined" });
      continue;
    }
    const token = await seal(found.token, deps.paymentTokenKey);
    if (!await markStaleClaimCharged(deps.sql, p.id, cutoff, found.reference, token)) continue;
    const settled = await settleCharge(deps, { ...p, gatewayRef: found.reference });
    if (settled) outcomes.push(settled);
  }
  return outcomes;
}

/**
 * Finishes payments that a crash left half done, oldest first, a bounded batch of each kind
 * per run:
 * - claims still pending after the grace (the request died before recording the gateway's
 *   answer) are resolved through the gateway's lookup by payment id (resolvePendingClaims);
 * - charges the gateway took (status succeeded) with no answer recorded are confirmed, or
 *   refunded when a hold is gone (settleCharge).
 * Either way the idempotency key then replays a final answer. Returns what it did per payment.
 */
export async function recoverPayments(deps: PaymentRecoveryDeps): Promise<RecoveryOutcome[]> {
  const cutoff = new Date(deps.now.getTime() - (deps.graceMs ?? 30_000));
  const outcomes = await resolvePendingClaims(deps, cutoff);
  for (const p of await listUnansweredCharges(deps.sql, cutoff, BATCH)) {
    const settled = await settleCharge(deps, p);
    if (settled) outcomes.push(settled);
  }
  return outcomes;
}
