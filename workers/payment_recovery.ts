import type { Sql } from "../db/postgres.ts";
import { problemBody } from "../domain/app_error.ts";
import {
  finishPayment,
  listUnansweredCharges,
  recordRefund,
  setBookingStatus,
} from "../db/payments_repo.ts";
import { getBooking } from "../db/bookings_repo.ts";
import type { PaymentGateway } from "../adapters/payment_gateway.ts";
import { bookingCounters, paymentCounters } from "../platform/app_metrics.ts";
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
 * no answer was recorded. If the hold is still alive it is confirmed, as the request would
 * have (the projection of the confirmation queues the passenger's notice); otherwise the money
 * goes back. Either way the idempotency key then replays a final answer. Returns what it did
 * per payment.
 */
export async function recoverPayments(deps: PaymentRecoveryDeps) {
  const cutoff = new Date(deps.now.getTime() - (deps.graceMs ?? 30_000));
  const stuck = await listUnansweredCharges(deps.sql, cutoff, 100);
  const outcomes: { paymentId: string; outcome: "confirmed" | "refunded" }[] = [];
  for (const p of stuck) {
    let confirmed = p.bookingStatus === "confirmed";
    if (p.bookingStatus === "held") {
      const r = await deps.registry.send(p.flightId, {
        type: "ConfirmHold",
        holdId: p.holdId,
        owner: p.userId,
        bookingId: p.bookingId,
      });
      confirmed = r.ok;
      if (r.ok) await deps.projector.reach(p.flightId, r.seq);
    }
    if (confirmed) {
      const booking = (await getBooking(deps.sql, p.bookingId))!;
      const payment = booking.payments.find((x) => x.id === p.id);
      await finishPayment(deps.sql, p.id, {
        status: "succeeded",
        response: { status: 200, body: { booking, tickets: booking.tickets, payment } },
      });
      bookingCounters.confirmed.inc();
      outcomes.push({ paymentId: p.id, outcome: "confirmed" });
      continue;
    }
    const refund = await deps.gateway.refund({
      reference: p.gatewayRef,
      amount: p.amount,
      idempotencyKey: `refund:${p.id}`,
    });
    paymentCounters.refunded.inc();
    await recordRefund(deps.sql, {
      chargeId: p.id,
      bookingId: p.bookingId,
      amount: p.amount,
      currency: p.currency,
      gatewayRef: refund.reference,
      full: true,
    });
    await finishPayment(deps.sql, p.id, {
      status: "refunded",
      response: problemBody(
        409,
        "hold_expired",
        "The hold ended before payment completed; the charge was refunded.",
        { refunded: true },
      ),
    });
    if (p.bookingStatus === "held") await setBookingStatus(deps.sql, p.bookingId, "cancelled");
    outcomes.push({ paymentId: p.id, outcome: "refunded" });
  }
  return outcomes;
}
