import { type Context, Hono } from "hono";
import { z } from "zod";
import { AppError, problemBody } from "../../domain/app_error.ts";
import { getBooking } from "../../db/bookings_repo.ts";
import {
  claimPayment,
  deletePendingPayment,
  existingClaim,
  finishPayment,
  markCharged,
  recordRefund,
  type StoredResponse,
} from "../../db/payments_repo.ts";
import { projectFlight } from "../../actors/projector.ts";
import { cardBrand, luhnValid } from "../../services/payment_gateway.ts";
import { seal } from "../../services/secret_box.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { idempotencyKey } from "../idempotency.ts";
import { rateLimit } from "../middleware/rate_limit.ts";
import { validate } from "../problem.ts";
import { BookingIdParam } from "../schemas.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import { bestEffort } from "../../services/notifier.ts";
import { cancelBooking } from "../../services/booking_cancellation.ts";
import { notifyBookingCancelled, notifyBookingConfirmed } from "../../services/booking_notices.ts";
import { loadOwnBooking } from "./bookings.ts";

/** Body of `POST /api/bookings/:id/pay`. The card goes to the gateway and nowhere else. */
export const PayBody = z.object({
  card: z.object({
    number: z.string().transform((n) => n.replace(/[\s-]/g, "")).pipe(
      z.string().regex(/^\d{12,19}$/, "expected 12-19 digits"),
    ),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvc: z.string().regex(/^\d{3,4}$/, "expected 3 or 4 digits"),
    name: z.string().trim().min(1).max(100),
  }),
});

const send = (c: Context<AppEnv>, r: StoredResponse, replayed = false) => {
  if (replayed) c.header("Idempotent-Replayed", "true");
  const problem = r.status >= 400;
  return c.body(JSON.stringify(r.body), r.status as 200, {
    "Content-Type": problem ? "application/problem+json" : "application/json",
  });
};

/** `/api/bookings/:id/pay` and `/api/bookings/:id/cancel`. */
export function paymentRoutes(deps: AppDeps) {
  const limited = rateLimit({ store: deps.store, name: "payment", limit: 30, windowMs: 60_000 });
  return new Hono<AppEnv>()
    .post(
      "/:id/pay",
      limited,
      validate("param", BookingIdParam),
      validate("json", PayBody),
      async (c) => {
        const key = idempotencyKey(c);
        if (!key) {
          throw new AppError(400, "idempotency_key_required", {
            detail: "Send an Idempotency-Key header.",
          });
        }
        const booking = await loadOwnBooking(deps, c.get("principal"), c.req.valid("param").id);
        const { card } = c.req.valid("json");
        if (!luhnValid(card.number)) {
          throw new AppError(422, "card_invalid", {
            detail: "The card number is not valid.",
            errors: [{ path: "card.number", message: "fails the Luhn check" }],
          });
        }
        const now = deps.clock.now();
        if (card.expYear * 12 + card.expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
          throw new AppError(422, "card_expired", { detail: "The card has expired." });
        }
        let claim = await claimPayment(deps.db.sql, {
          bookingId: booking.id,
          key,
          amount: booking.total,
          currency: booking.currency,
          brand: cardBrand(card.number),
          last4: card.number.slice(-4),
        });
        // A concurrent request with the same key is charging: wait for its answer.
        for (let waited = 0; claim.kind === "in_progress" && waited < 10_000; waited += 50) {
          await new Promise((r) => setTimeout(r, 50));
          claim = await existingClaim(deps.db.sql, key, booking.id);
        }
        if (claim.kind === "replay") return send(c, claim.response, true);
        if (claim.kind === "in_progress") {
          throw new AppError(409, "payment_in_progress", {
            detail: "This payment is still being processed.",
            headers: { "Retry-After": "1" },
          });
        }
        if (claim.kind === "other_booking") {
          throw new AppError(409, "idempotency_key_conflict", {
            detail: "This Idempotency-Key was used for another booking.",
          });
        }
        if (claim.kind === "active_charge") {
          throw new AppError(
            409,
            booking.status === "confirmed" ? "already_paid" : "payment_in_progress",
            {
              detail: booking.status === "confirmed"
                ? "This booking is already paid."
                : "Another payment for this booking is in progress.",
            },
          );
        }
        const paymentId = claim.paymentId;
        const finish = async (
          status: "succeeded" | "declined" | "failed" | "refunded",
          response: StoredResponse,
          extra = {},
        ) => {
          await finishPayment(deps.db.sql, paymentId, { status, response, ...extra });
          return send(c, response);
        };
        const inv = await deps.registry.inventory(booking.flightId);
        const hold = booking.holdId ? inv.state.holds[booking.holdId] : undefined;
        if (booking.status !== "held" || !hold || hold.expiresAt <= now.getTime()) {
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
        if (charge.status === "error") {
          await deletePendingPayment(deps.db.sql, paymentId);
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
        await markCharged(
          deps.db.sql,
          paymentId,
          charge.reference,
          await seal(charge.token, deps.config.paymentTokenKey!),
        );
        const confirmed = await deps.registry.send(booking.flightId, {
          type: "ConfirmHold",
          holdId: booking.holdId!,
          owner: booking.userId!,
          bookingId: booking.id,
        });
        if (!confirmed.ok) {
          // The charge raced the hold's expiry: give the money back at once.
          const refund = await deps.gateway.refund({
            reference: charge.reference,
            amount: booking.total,
            idempotencyKey: `refund:${paymentId}`,
          });
          await recordRefund(deps.db.sql, {
            chargeId: paymentId,
            bookingId: booking.id,
            amount: booking.total,
            currency: booking.currency,
            gatewayRef: refund.reference,
            full: true,
          });
          const problem = rejectionError(confirmed);
          return finish(
            "refunded",
            problemBody(
              409,
              problem.code,
              "The hold expired while paying; the charge was refunded.",
              { refunded: true },
            ),
          );
        }
        await projectFlight(deps.kv, deps.db.sql, booking.flightId);
        // Before the answer is stored: if we die here, the recovery sweep notifies (once).
        await bestEffort(
          deps.log,
          "booking confirmed",
          () => notifyBookingConfirmed(deps.notifier, booking.id),
        );
        const paid = (await getBooking(deps.db.sql, booking.id))!;
        const payment = paid.payments.find((p) => p.id === paymentId)!;
        return finish("succeeded", {
          status: 200,
          body: { booking: paid, tickets: paid.tickets, payment },
        });
      },
    )
    .post("/:id/cancel", limited, validate("param", BookingIdParam), async (c) => {
      const booking = await loadOwnBooking(deps, c.get("principal"), c.req.valid("param").id);
      if (booking.status !== "held" && booking.status !== "confirmed") {
        throw new AppError(409, "not_cancellable", {
          detail: `This booking is ${booking.status}.`,
        });
      }
      const refunded = await cancelBooking({ ...deps, sql: deps.db.sql }, booking);
      await bestEffort(
        deps.log,
        "booking cancelled",
        () => notifyBookingCancelled(deps.notifier, booking.id, refunded),
      );
      return c.json({ booking: await getBooking(deps.db.sql, booking.id), refunded });
    });
}
