/**
 * The words a hold countdown says out loud: once when 5 minutes are left, once at 1 minute,
 * and when the hold ends. Pure, so the moments are tested without waiting for them.
 */

const MINUTE = 60_000;
/** Moments announced before the expiry itself, in milliseconds left. */
export const HOLD_MARKS = [5 * MINUTE, 1 * MINUTE];

/** The hold ended: what is said, and shown, once. */
export const HOLD_EXPIRED_TEXT =
  "Your hold expired and the seats were released. Payment is no longer possible.";

/**
 * What to announce when the time left goes from `before` to `after` (ms), or undefined.
 * A mark already passed when counting started (`before` at or under it) is never said.
 */
export function holdAnnouncement(before: number, after: number): string | undefined {
  if (before > 0 && after <= 0) return HOLD_EXPIRED_TEXT;
  const mark = HOLD_MARKS.filter((m) => before > m && after <= m).at(-1);
  if (mark === undefined) return undefined;
  const minutes = Math.round(mark / MINUTE);
  return `${minutes} minute${minutes === 1 ? "" : "s"} left to pay before the seats are released.`;
}
