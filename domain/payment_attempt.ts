/**
 * A checkout payment attempt, shared by the checkout page, its card form (in the browser) and
 * the payment use case.
 */

/** The problem code of an attempt given up before the card was charged (or refunded). */
export const PAYMENT_INTERRUPTED = "payment_interrupted";
