/**
 * The bell's stream is the page's one stream of the user's notifications: each one that
 * arrives is passed on to the page's other islands with one DOM event, so a page that follows
 * a booking (the trip page) needs no stream of its own. Browser-only.
 */
import type { Notification } from "../../domain/views/notification.ts";

const EVENT = "contrail:notification";

/** Passes notification `n`, just received, on to every island on the page. */
export function announceNotification(n: Notification): void {
  document.dispatchEvent(new CustomEvent(EVENT, { detail: n }));
}

/** Calls `fn` with each notification the page receives; returns the unsubscribe function. */
export function onNotification(fn: (n: Notification) => void): () => void {
  const listener = (e: Event) => fn((e as CustomEvent<Notification>).detail);
  document.addEventListener(EVENT, listener);
  return () => document.removeEventListener(EVENT, listener);
}
