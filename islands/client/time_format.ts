/**
 * Dates and durations for booking pages and islands, the same on the server and in the
 * browser (both format with ICU), so hydration finds what the server rendered.
 */

/** An instant as "Mon 23 Nov, 07:40" in the time zone `tz` (an airport's IANA zone). */
export function formatInZone(iso: string, tz: string): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: tz,
  });
  const time = d.toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: tz,
  });
  return `${day}, ${time}`;
}

/** Milliseconds left as "9:05" (minutes and seconds; never negative). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** Minutes as "2h 05m". */
export function formatDuration(minutes: number): string {
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}
