/**
 * How a paid journey settles: every segment confirmed in its flight's actor, or none and the
 * charge refunded in full. Shared by the payment request (services/payments/pay_booking.ts)
 * and the recovery sweep that finishes what a crashed request started.
 */
import type { ActorRegistry } from "../actors/registry.ts";
import type { RejectionReason } from "../domain/inventory/commands.ts";
import { type BookingView, liveSegments } from "../domain/views/booking.ts";
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
 * Confirms every held segment of a paid journey, each in its flight's actor, in travel order
 * (a segment confirmed by an earlier, interrupted attempt confirms again as a no-op). All or
 * nothing: if a flight refuses (its hold expired, the flight closed), the segments confirmed
 * here are cancelled again and the holds not reached are released, so no seat stays sold and
 * the projection never tickets the booking (it tickets only when every segment is confirmed).
 */
export async function confirmJourney(
  deps: ConfirmJourneyDeps,
  booking: BookingView,
): Promise<JourneyConfirmation> {
  const segments = liveSegments(booking.segments);
  const owner = booking.userId ?? booking.id;
  const commits: { flightId: string; seq: number }[] = [];
  for (const [i, g] of segments.entries()) {
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
    const undone: { flightId: string; seq: number }[] = [];
    for (const c of commits) {
      const x = await deps.registry.send(c.flightId, {
        type: "CancelSeats",
        bookingId: booking.id,
      });
      if (x.ok) undone.push({ flightId: c.flightId, seq: x.seq });
    }
    for (const later of segments.slice(i + 1)) {
      if (!later.holdId) continue;
      const x = await deps.registry.send(later.flightId, {
        type: "ReleaseHold",
        holdId: later.holdId,
        owner,
      });
      if (x.ok) undone.push({ flightId: later.flightId, seq: x.seq });
    }
    return {
      ok: false,
      segment: i,
      flightId: g.flightId,
      reason: r.reason,
      detail: r.detail,
      commits: undone,
    };
  }
  return { ok: true, commits };
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
