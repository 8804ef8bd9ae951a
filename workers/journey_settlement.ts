/**
 * How a paid journey settles: every segment confirmed in its flight's actor, or none and the
 * charge refunded in full. Shared by the payment request (services/payments/pay_booking.ts)
 * and the recovery sweep that finishes what a crashed request started.
 */
import type { ActorRegistry } from "../actors/registry.ts";
import type { RejectionReason } from "../domain/inventory/commands.ts";
import type { BookingView } from "../domain/views/booking.ts";
import type { Sql } from "../db/postgres.ts";
import { endHeldBooking, recordRefund } from "../db/payments_repo.ts";
import type { PaymentGateway } from "../adapters/payment_gateway.ts";
import { paymentCounters } from "../platform/app_metrics.ts";
import { problemBody } from "../domain/app_error.ts";
import { PAYMENT_INTERRUPTED } from "../domain/payment_attempt.ts";

/** What confirming a journey needs: the flights' actors. */
export interface ConfirmJourneyDeps {
  registry: ActorRegistry;
}

/** The outcome of confirming a journey: every commit to wait for, or the segment refused. */
export type JourneyConfirmation =
  | { ok: true; commits: { flightId: string; seq: number }[] }
  | {
    ok: false;
    /** 0-based, in travel order. */
    segment: number;
    flightId: string;
    reason: RejectionReason;
    detail: string;
    /** What undoing the segments confirmed before it committed (to wait for). */
    commits: { flightId: string; seq: number }[];
  };

/**
 * Confirms every segment of a paid journey, each in its flight's actor, in travel order (a
 * segment confirmed by an earlier, interrupted attempt confirms again as a no-op). All or
 * nothing: if a segment was already given up, or a flight refuses (its hold expired, the flight
 * closed), every flight's seats sold to the booking are cancelled again and its holds released,
 * so no seat stays sold and the projection never tickets the booking (it tickets only when
 * every segment is confirmed).
 */
export async function confirmJourney(
  deps: ConfirmJourneyDeps,
  booking: BookingView,
): Promise<JourneyConfirmation> {
  const owner = booking.userId ?? booking.id;
  const commits: { flightId: string; seq: number }[] = [];
  // A segment already given up (its hold expired or was released) fails the journey at once.
  let failed = booking.segments.findIndex((g) => g.status !== "held" && g.status !== "confirmed");
  let refusal: { reason: RejectionReason; detail: string } = {
    reason: "hold_expired",
    detail: "The seats on this flight are no longer held.",
  };
  if (failed < 0) {
    for (const [i, g] of booking.segments.entries()) {
      const r = await deps.registry.send(g.flightId, {
        type: "ConfirmHold",
        holdId: g.holdId ?? "",
        owner,
        bookingId: booking.id,
      });
      if (r.ok) {
        commits.push({ flightId: g.flightId, seq: r.seq });
        continue;
      }
      failed = i;
      refusal = { reason: r.reason, detail: r.detail };
      break;
    }
    if (failed < 0) return { ok: true, commits };
  }
  // Undo: every flight that sold this booking seats gives them back, every hold still made
  // is released, whichever attempt confirmed them (this one or one a crash cut short).
  const undone: { flightId: string; seq: number }[] = [];
  for (const g of booking.segments) {
    const x = await deps.registry.send(g.flightId, { type: "CancelSeats", bookingId: booking.id });
    if (x.ok) undone.push({ flightId: g.flightId, seq: x.seq });
    if (g.holdId) {
      const y = await deps.registry.send(g.flightId, {
        type: "ReleaseHold",
        holdId: g.holdId,
        owner,
      });
      if (y.ok) undone.push({ flightId: g.flightId, seq: y.seq });
    }
  }
  return {
    ok: false,
    segment: failed,
    flightId: booking.segments[failed].flightId,
    reason: refusal.reason,
    detail: refusal.detail,
    commits: undone,
  };
}

/** True while every segment of a held booking is held by its flight's actor at `now`. */
export async function journeyHeld(
  deps: ConfirmJourneyDeps,
  booking: BookingView,
  now: number,
): Promise<boolean> {
  if (booking.status !== "held") return false;
  if (booking.segments.some((g) => g.status !== "held" && g.status !== "confirmed")) return false;
  for (const g of booking.segments) {
    if (g.status === "confirmed") continue;
    const inv = await deps.registry.inventory(g.flightId);
    const hold = g.holdId ? inv.state.holds[g.holdId] : undefined;
    if (!hold || hold.expiresAt <= now) return false;
  }
  return true;
}

/**
 * Refunds a whole charge whose journey could not be confirmed, and ends the booking (its
 * segments were cancelled or released by confirmJourney).
 */
export async function refundInFull(
  deps: { sql: Sql; gateway: PaymentGateway },
  booking: Pick<BookingView, "id" | "total" | "currency">,
  paymentId: string,
  reference: string,
): Promise<void> {
  await refundCharge(deps, booking, paymentId, reference);
  await endHeldBooking(deps.sql, booking.id);
}

/**
 * Gives a whole charge back at the gateway (once per payment id) and records the refund;
 * the booking is left as it is.
 */
export async function refundCharge(
  deps: { sql: Sql; gateway: PaymentGateway },
  booking: Pick<BookingView, "id" | "total" | "currency">,
  paymentId: string,
  reference: string,
): Promise<void> {
  const refund = await deps.gateway.refund({
    reference,
    amount: booking.total,
    idempotencyKey: `refund:${paymentId}`,
  });
  paymentCounters.refunded.inc();
  await recordRefund(deps.sql, {
    chargeId: paymentId,
    bookingId: booking.id,
    amount: booking.total,
    currency: booking.currency,
    gatewayRef: refund.reference,
    full: true,
  });
}

/**
 * The final answer of an attempt the recovery sweep gave up because the gateway had charged
 * nothing (or, `refunded`, whose approval came after that and was given back): the booking
 * may be paid again, under a new Idempotency-Key.
 */
export function interruptedResponse(refunded = false) {
  return problemBody(
    409,
    PAYMENT_INTERRUPTED,
    refunded
      ? "This payment attempt was interrupted; the charge was refunded. Pay again to keep the seats."
      : "This payment attempt was interrupted before the card was charged; nothing was charged. " +
        "Pay again to keep the seats.",
    { refunded },
  );
}
