import type { Sql } from "../db/postgres.ts";
import { problemBody } from "../domain/app_error.ts";
import { finishPayment, listUnansweredCharges, paidResponse } from "../db/payments_repo.ts";
import { getBooking } from "../db/bookings_repo.ts";
import type { PaymentGateway } from "../adapters/payment_gateway.ts";
import { bookingCounters } from "../platform/app_metrics.ts";
import { confirmJourney, refundInFull } from "./journey_settlement.ts";
import type { ActorRegistry } from "../actors/registry.ts";
import type { Projector } from "../actors/projector.ts";

/** What the recovery sweep needs. */
export interface PaymentRecoveryDeps {
  kv: Deno.Kv;
  sql: Sql;
  registry: ActorRegistry;
  projector: Projector;
  gateway: PaymentGateway;
  now: Date;
  /** Charges younger than this are still being handled by their request. */
  graceMs?: number;
}

/**
 * Finishes charges that a crash left half done: the card was charged (status succeeded) but
 * no answer was recorded. If every segment's hold is still alive the journey is confirmed,
 * as the request would have (the projection of the confirmation queues the passenger's notice); otherwise the money
 * goes back. Either way the idempotency key then replays a final answer. Returns what it did
 * per payment.
 */
export async function recoverPayments(deps: PaymentRecoveryDeps) {
  const cutoff = new Date(deps.now.getTime() - (deps.graceMs ?? 30_000));
  const stuck = await listUnansweredCharges(deps.sql, cutoff, 100);
  const outcomes: { paymentId: string; outcome: "confirmed" | "refunded" }[] = [];
  for (const p of stuck) {
    const booking = await getBooking(deps.sql, p.bookingId);
    if (!booking) continue;
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
      outcomes.push({ paymentId: p.id, outcome: "confirmed" });
      continue;
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
    outcomes.push({ paymentId: p.id, outcome: "refunded" });
  }
  return outcomes;
}
