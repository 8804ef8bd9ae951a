import type { Context } from "hono";
import { z } from "zod";
import { AppError } from "../../domain/app_error.ts";
import { cancelOnRequest } from "../../services/bookings/cancel_booking.ts";
import { currentBooking, ownBookingToChange } from "../../services/bookings/my_bookings.ts";
import { payBooking, type StoredResponse } from "../../services/payments/pay_booking.ts";
import { PayBody } from "../../services/payments/pay_input.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import {
  declare,
  documentedHeader,
  jsonBody,
  jsonResponse,
  router,
  SIGNED_IN,
} from "../declare.ts";
import { idempotencyKey } from "../idempotency.ts";
import { limitOf } from "../middleware/limits.ts";
import { BookingIdParam } from "../schemas.ts";
import { payDeps } from "../deps.ts";
import { CancelledBooking, PaidBooking } from "../responses.ts";

const send = (c: Context<AppEnv>, r: StoredResponse, replayed = false) => {
  if (replayed) c.header("Idempotent-Replayed", "true");
  const problem = r.status >= 400;
  return c.body(JSON.stringify(r.body), r.status as 200, {
    "Content-Type": problem ? "application/problem+json" : "application/json",
  });
};

/** `/api/bookings/:id/pay` and `/api/bookings/:id/cancel`. */
export function paymentRoutes(deps: AppDeps) {
  const limited = limitOf(deps, "payment");
  const pay = declare({
    tags: ["Bookings"],
    method: "post",
    path: "/api/bookings/{id}/pay",
    summary: "Pay, confirm and issue e-tickets",
    roles: SIGNED_IN,
    middleware: [limited],
    request: {
      params: BookingIdParam,
      body: jsonBody(PayBody),
      headers: z.object({
        // Checked by idempotencyKey(): 400 idempotency_key_required / invalid_idempotency_key.
        "Idempotency-Key": documentedHeader(
          "Retries with the same key get the first answer; 1-128 characters.",
          true,
        ),
      }),
    },
    responses: {
      200: jsonResponse("The confirmed booking with its e-tickets", PaidBooking),
      402: { description: "Declined (stored: a retry with the key gets the same answer)" },
    },
  });
  const cancel = declare({
    tags: ["Bookings"],
    method: "post",
    path: "/api/bookings/{id}/cancel",
    summary: "Cancel; refund by fare rule",
    roles: SIGNED_IN,
    middleware: [limited],
    request: { params: BookingIdParam },
    responses: { 200: jsonResponse("The booking and the amount refunded", CancelledBooking) },
  });
  return router()
    .openapi(pay, async (c) => {
      const key = idempotencyKey(c);
      if (!key) {
        throw new AppError(400, "idempotency_key_required", {
          detail: "Send an Idempotency-Key header.",
        });
      }
      const booking = await ownBookingToChange(deps.db.sql, actorOf(c), c.req.valid("param").id);
      const { response, replayed } = await payBooking(payDeps(deps), {
        booking,
        card: c.req.valid("json").card,
        key,
      });
      return send(c, response, replayed);
    })
    .openapi(cancel, async (c) => {
      const booking = await ownBookingToChange(deps.db.sql, actorOf(c), c.req.valid("param").id);
      const refunded = await cancelOnRequest({ ...deps, sql: deps.db.sql }, booking);
      return c.json({ booking: (await currentBooking(deps.db.sql, booking.id))!, refunded });
    });
}
