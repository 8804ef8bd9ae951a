/**
 * A seat map tells the rest of the checkout (the passengers table) that the party's seats
 * changed, with one DOM event, so every part of the page says the same seats. Browser-only.
 */

const EVENT = "contrail:seats-changed";

/** A booking's seats on each of its flights, as the API answered after a change. */
export interface SeatsChanged {
  bookingId: string;
  segments: { flightId: string; seats: string[] }[];
}

/** Tells the page that the seats of `change.bookingId` are now `change.segments`. */
export function announceSeatsChanged(change: SeatsChanged): void {
  document.dispatchEvent(new CustomEvent(EVENT, { detail: change }));
}

/** Calls `fn` with each change of `bookingId`'s seats; returns the unsubscribe function. */
export function onSeatsChanged(bookingId: string, fn: (change: SeatsChanged) => void): () => void {
  const listener = (e: Event) => {
    const change = (e as CustomEvent<SeatsChanged>).detail;
    if (change?.bookingId === bookingId) fn(change);
  };
  document.addEventListener(EVENT, listener);
  return () => document.removeEventListener(EVENT, listener);
}
