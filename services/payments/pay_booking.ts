import { AppError, problemBody } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import { ProjectionTimeout, type Projector } from "../../actors/projector.ts";
import {
  confirmJourney,
  interruptedResponse,
  journeyHeld,
  refundCharge,
  refundInFull,
} from "../../workers/journey_settlement.ts";
import type { BookingView } from "../../db/bookings_repo.ts";
import {
  claimPayment,
  deletePendingPayment,
  existingClaim,
  finishPayment,
  markCharged,
  paidResponse,
  readStoredResponse,
  type StoredResponse,
  takeOverStaleClaim,
} from "../../db/payments_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { Logger } from "../../platform/log.ts";
import type { NotifierDeps } from "../../notifications/notifier.ts";
import {
  cardBrand,
  type CardInput,
  luhnValid,
  type PaymentGateway,
} from "../../adapters/payment_gateway.ts";
import { seal } from "../../adapters/secret_box.ts";
import { bookingCounters, paymentCounters } from "../../platform/app_metrics.ts";

/** A payment's answer as stored for replays: status and body. */
export type { StoredResponse };

/** What paying for a booking needs. */
export interface PayBookingDeps {
  sql: Sql;
  kv: Deno.Kv;
  registry: ActorRegistry;
  projector: Projector;
  gateway: PaymentGateway;
  clock: Clock;
  log: Logger;
  notifier: NotifierDeps;
  /** Seals the gateway's card token at rest. */
  paymentTokenKey: string;
}

/** The answer to a payment: the stored response, and whether it replays an earlier one. */
export interface PayOutcome {
  response: StoredResponse;
  replayed: boolean;
}

/** Refuses a card the gateway need not see: bad Luhn digit, or expired by `now`. */
function checkCard(card: CardInput, now: Date): void {
  if (!luhnValid(card.number)) {
    throw new AppError(422, "card_invalid", {
      detail: "The card number is not valid.",
      errors: [{ path: "card.number", message: "fails the Luhn check" }],
    });
  }
  if (card.expYear * 12 + card.expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
    throw new AppError(422, "card_expired", { detail: "The card has expired." });
  }
}

/** How long a claimed charge may stay pending before a retry with its key takes it over. */
const STALE_CLAIM_SECONDS = 10;

/** Claims `key` for this booking, waiting for a concurrent holder of the same key. */
async function claim(sql: Sql, booking: BookingView, card: CardInput, key: string) {
  let claimed = await claimPayment(sql, {
    bookingId: booking.id,
    key,
    amount: booking.total,
    currency: booking.currency,
    brand: cardBrand(card.number),
    last4: card.number.slice(-4),
  });
  // A concurrent request with the same key is charging: wait for its answer, unless its
  // claim has gone silent (a crash between claiming and charging would block it forever).
  for (let waited = 0; claimed.kind === "in_progress" && waited < 10_000; waited += 50) {
    const paymentId = await takeOverStaleClaim(sql, key, booking.id, STALE_CLAIM_SECONDS);
    if (paymentId) return { kind: "new" as const, paymentId };
    await new Promise((r) => setTimeout(r, 50));
    claimed = await existingClaim(sql, key, booking.id);
  }
  if (claimed.kind === "in_progress") {
    throw new AppError(409, "payment_in_progress", {
      detail: "This payment is still being processed.",
      headers: { "Retry-After": "1" },
    });
  }
  if (claimed.kind === "other_booking") {
    throw new AppError(409, "idempotency_key_conflict", {
      detail: "This Idempotency-Key was used for another booking.",
    });
  }
  if (claimed.kind === "active_charge") {
    const paid = booking.status === "confirmed";
    throw new AppError(409, paid ? "already_paid" : "payment_in_progress", {
      detail: paid
        ? "This booking is already paid."
        : "Another payment for this booking is in progress.",
    });
  }
  return claimed;
}

/**
 * Pays for a held booking once per idempotency `key` (the API's `POST /api/bookings/:id/pay`
 * and the checkout form both come here): a replay gets the first answer, a decline is a
 * stored 402, an expired hold a stored 409 with nothing charged, a charge that raced the
 * expiry is refunded at once. A journey is one charge: every segment is confirmed in its
 * flight's actor, or none stays confirmed and the charge is refunded. The card goes to the gateway and nowhere else.
 */
export async function payBooking(
  deps: PayBookingDeps,
  p: { booking: BookingView; card: CardInput; key: string },
): Promise<PayOutcome> {
  const { booking, card } = p;
  const now = deps.clock.now();
  checkCard(card, now);
  const claimed = await claim(deps.sql, booking, card, p.key);
  if (claimed.kind === "replay") {
    return { response: await readStoredResponse(deps.sql, claimed.response), replayed: true };
  }
  const paymentId = claimed.paymentId;
  const finish = async (
    status: "succeeded" | "declined" | "failed" | "refunded",
    response: StoredResponse,
    extra = {},
  ): Promise<PayOutcome> => {
    await finishPayment(deps.sql, paymentId, { status, response, ...extra });
    return { response, replayed: false };
  };
  if (!await journeyHeld(deps, booking, now.getTime())) {
    return finish(
      "failed",
      problemBody(409, "hold_expired", "The seats are no longer held; nothing was charged."),
    );
  }
  const charge = await deps.gateway.charge({
    amount: booking.total,
    currency: booking.currency,
    card,
    idempotencyKey: paymentId,
  });
  paymentCounters[charge.status].inc();
  if (charge.status === "error") {
    await deletePendingPayment(deps.sql, paymentId);
    throw new AppError(503, "payment_processing_error", {
      detail: "The payment processor failed; retry with the same Idempotency-Key.",
      headers: { "Retry-After": "2" },
    });
  }
  if (charge.status === "declined") {
    return finish(
      "declined",
      problemBody(
        402,
        charge.code,
        "The card was declined; the seats stay held until the hold expires.",
        { expiresAt: booking.expiresAt },
      ),
      { declineCode: charge.code },
    );
  }
  const marked = await markCharged(
    deps.sql,
    paymentId,
    charge.reference,
    await seal(charge.token, deps.paymentTokenKey),
  );
  if (marked === "settling") {
    // The recovery sweep (or the request whose claim this one took over) recorded this very
    // charge first and finishes it; the key replays its answer.
    throw new AppError(409, "payment_in_progress", {
      detail: "This payment is still being processed.",
      headers: { "Retry-After": "1" },
    });
  }
  if (marked === "closed") {
    // The sweep gave this attempt up as never charged before the gateway answered: the
    // approval came too late to keep. Give the money back; the booking stays payable.
    await refundCharge(deps, booking, paymentId, charge.reference);
    return finish("refunded", interruptedResponse(true), { gatewayRef: charge.reference });
  }
  const confirmed = await confirmJourney(deps, booking);
  if (!confirmed.ok) {
    // A segment's hold ended while paying: nothing stays sold; give the money back at once.
    for (const c of confirmed.commits) {
      await deps.projector.reach(c.flightId, c.seq).catch(() => {});
    }
    await refundInFull(deps, booking, paymentId, charge.reference);
    const detail = booking.segments.length > 1
      ? `Segment ${confirmed.segment + 1} could not be confirmed (${confirmed.detail}); ` +
        "no flight of the journey is ticketed and the charge was refunded."
      : "The hold expired while paying; the charge was refunded.";
    return finish(
      "refunded",
      problemBody(409, confirmed.reason, detail, {
        refunded: true,
        ...(booking.segments.length > 1
          ? { segment: confirmed.segment, flightId: confirmed.flightId }
          : {}),
      }),
    );
  }
  // The tickets are issued, and the confirmation notice queued, by the projection of these
  // commits: wait for them (shared with every other payment on the flights), bounded.
  try {
    for (const c of confirmed.commits) await deps.projector.reach(c.flightId, c.seq);
  } catch (err) {
    if (!(err instanceof ProjectionTimeout)) throw err;
    // Charged and confirmed, not yet answered: the same key gets the answer once the
    // projection lands (or the recovery sweep records it).
    throw new AppError(503, "payment_confirming", {
      detail: "Your payment went through; the confirmation is still being written. " +
        "Retry with the same Idempotency-Key: you will not be charged twice.",
      headers: { "Retry-After": "2" },
    });
  }
  bookingCounters.confirmed.inc();
  await finish("succeeded", paidResponse(booking.id, paymentId));
  return {
    response: await readStoredResponse(deps.sql, paidResponse(booking.id, paymentId)),
    replayed: false,
  };
}
