/** Small text formatters of the passenger pages (browser-safe, no server imports). */

/** 95 → "1h 35m". */
export function formatDuration(minutes: number): string {
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

/** "2030-03-02" → "Sat 2 Mar" (domain/text_format.ts). */
export { formatDay } from "../../domain/text_format.ts";

/** "2030-03-02" → "Saturday 2 March 2030". */
export function formatLongDay(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** Whole days from one local date-time's date to another's ("+1" for the next day). */
export function dayShift(fromLocal: string, toLocal: string): number {
  const day = (local: string) => Date.parse(`${local.slice(0, 10)}T00:00:00Z`);
  return Math.round((day(toLocal) - day(fromLocal)) / 86_400_000);
}

/** Cabin names by code, front to back. */
export const CABIN_NAMES: Record<string, string> = {
  Y: "Economy",
  W: "Premium economy",
  J: "Business",
  F: "First",
};
