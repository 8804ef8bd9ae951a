/** Online check-in opens this long before departure... */
export const CHECKIN_OPENS_MS = 24 * 3600_000;
/** ...and closes this long before it. */
export const CHECKIN_CLOSES_MS = 45 * 60_000;

/** Where `now` falls against a departure's online check-in window. */
export type CheckInWindow = "not_open" | "open" | "closed";

/** The check-in window at `now` (epoch ms) for a flight departing at `departureAt` (epoch ms). */
export function checkInWindow(departureAt: number, now: number): CheckInWindow {
  const until = departureAt - now;
  if (until > CHECKIN_OPENS_MS) return "not_open";
  if (until < CHECKIN_CLOSES_MS) return "closed";
  return "open";
}
