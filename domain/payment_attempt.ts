/**
 * A checkout payment attempt and its Idempotency-Key, shared by the checkout page, its card
 * form (in the browser) and the payment use case.
 */

/** The problem code of an attempt given up before the card was charged (or refunded). */
export const PAYMENT_INTERRUPTED = "payment_interrupted";

/** The Idempotency-Key of checkout attempt `attempt` for `bookingId`. */
export function checkoutKey(bookingId: string, attempt: string): string {
  return `checkout:${bookingId}:${attempt}`;
}

/** The attempt of a checkout key for `bookingId`; undefined for any other key. */
export function checkoutAttemptOf(bookingId: string, key: string): string | undefined {
  const prefix = checkoutKey(bookingId, "");
  if (!key.startsWith(prefix)) return undefined;
  const attempt = key.slice(prefix.length);
  return /^[A-Za-z0-9_-]{16,64}$/.test(attempt) ? attempt : undefined;
}
