/**
 * The checkout's islands tell each other that the hold is over (the countdown reached the
 * server's expiry, or the server refused a payment as expired) with one DOM event.
 * Browser-only.
 */

const EVENT = "contrail:hold-expired";

/** The holds already announced as expired on this page: each is told once. */
const announced = new Set<string>();

/**
 * Tells every island on the page that the hold of `bookingId` expired, once: a listener that
 * announces again in turn (the countdown ending itself on the news) is not called back, so the
 * islands can never bounce the event between them.
 */
export function announceHoldExpired(bookingId: string): void {
  if (announced.has(bookingId)) return;
  announced.add(bookingId);
  document.dispatchEvent(new CustomEvent(EVENT, { detail: { bookingId } }));
}

/** Calls `fn` when the hold of `bookingId` expires; returns the unsubscribe function. */
export function onHoldExpired(bookingId: string, fn: () => void): () => void {
  const listener = (e: Event) => {
    if ((e as CustomEvent<{ bookingId: string }>).detail?.bookingId === bookingId) fn();
  };
  document.addEventListener(EVENT, listener);
  return () => document.removeEventListener(EVENT, listener);
}

const TOTAL = "contrail:total-changed";

/** Tells the page's islands that the booking's total changed (new seats, new seat fees). */
export function announceTotal(bookingId: string, amount: string): void {
  document.dispatchEvent(new CustomEvent(TOTAL, { detail: { bookingId, amount } }));
}

/** Calls `fn` with the new formatted total of `bookingId`; returns the unsubscribe function. */
export function onTotalChanged(bookingId: string, fn: (amount: string) => void): () => void {
  const listener = (e: Event) => {
    const d = (e as CustomEvent<{ bookingId: string; amount: string }>).detail;
    if (d?.bookingId === bookingId) fn(d.amount);
  };
  document.addEventListener(TOTAL, listener);
  return () => document.removeEventListener(TOTAL, listener);
}
