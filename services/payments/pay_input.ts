/** A card payment as the payment API and the checkout page take it. */
import { z } from "zod";

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
