/**
 * Dates and durations for booking pages and islands, the same on the server and in the
 * browser (both format with ICU), so hydration finds what the server rendered.
 */

/** An instant as an airport's local time with its zone (see domain/time.ts). */
export { formatInZone } from "../../domain/time.ts";

/** An ISO instant as "2030-03-01 06:00 UTC" (to the minute), for staff pages. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
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
