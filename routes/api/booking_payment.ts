import { type Context, Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../domain/app_error.ts";
import { getBooking } from "../../db/bookings_repo.ts";
import type { StoredResponse } from "../../db/payments_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { idempotencyKey } from "../idempotency.ts";
import { rateLimit } from "../middleware/rate_limit.ts";
import { validate } from "../problem.ts";
import { BookingIdParam } from "../schemas.ts";
import { cancelOnRequest } from "../../services/bookings/cancel_booking.ts";
import { payBooking, type PayBookingDeps } from "../../services/payments/pay_booking.ts";
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

/** What payBooking needs, from the app's dependencies. */
export function payDeps(deps: AppDeps): PayBookingDeps {
  return { ...deps, sql: deps.db.sql, paymentTokenKey: deps.config.paymentTokenKey! };
}

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
        const { response, replayed } = await payBooking(payDeps(deps), {
          booking,
          card: c.req.valid("json").card,
          key,
        });
        return send(c, response, replayed);
      },
    )
    .post("/:id/cancel", limited, validate("param", BookingIdParam), async (c) => {
      const booking = await loadOwnBooking(deps, c.get("principal"), c.req.valid("param").id);
      const refunded = await cancelOnRequest({ ...deps, sql: deps.db.sql }, booking);
      return c.json({ booking: await getBooking(deps.db.sql, booking.id), refunded });
    });
}
