/**
 * Rules shared by the admin reports: report ranges, load factor, and revenue kept apart per
 * currency (amounts in different currencies are never added together).
 */

/** Longest date range a report covers, in days (both ends included). */
export const MAX_REPORT_DAYS = 92;

/** Longest range of the bookings-per-hour series, in hours (31 days). */
export const MAX_REPORT_HOURS = 31 * 24;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Revenue in one currency: `amount` in integer minor units (cents for USD). */
export interface Money {
  currency: string;
  amount: number;
}

/** Days from `from` to `to` with both ends included ("YYYY-MM-DD"); 0 or less when reversed. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) +
    1;
}

/** UTC hours of a series: `from` rounded down and `to` rounded up to whole hours. */
export function hourWindow(from: Date, to: Date): { start: Date; end: Date; hours: number } {
  const start = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
  const end = Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS;
  return { start: new Date(start), end: new Date(end), hours: (end - start) / HOUR_MS };
}

/** Why a report cannot cover `from`..`to` ("YYYY-MM-DD"), or undefined when it can. */
export function dateRangeProblem(from: string, to: string): string | undefined {
  if (to < from) return "to is before from";
  if (daysInRange(from, to) > MAX_REPORT_DAYS) {
    return `a report covers at most ${MAX_REPORT_DAYS} days`;
  }
}

/** Why the hourly series cannot cover `from`..`to`, or undefined when it can. */
export function hourRangeProblem(from: Date, to: Date): string | undefined {
  if (!(to.getTime() > from.getTime())) return "to is not after from";
  if (hourWindow(from, to).hours > MAX_REPORT_HOURS) {
    return `the series covers at most ${MAX_REPORT_HOURS} hours`;
  }
}

/** Sold seats over capacity, 0..1 (more when overbooked), to 4 decimals; 0 without seats. */
export function loadFactor(sold: number, capacity: number): number {
  if (capacity <= 0) return 0;
  return Math.round((sold / capacity) * 10_000) / 10_000;
}

/**
 * Revenue as a list sorted by currency code: every currency in `currencies` appears (0 when
 * nothing was sold in it), plus any other currency that has an amount.
 */
export function revenueList(
  amounts: Record<string, number> | null | undefined,
  currencies: readonly string[] = [],
): Money[] {
  const all = new Map<string, number>(currencies.map((c) => [c, 0]));
  for (const [currency, amount] of Object.entries(amounts ?? {})) {
    all.set(currency, (all.get(currency) ?? 0) + Number(amount));
  }
  return [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amount]) => ({ currency, amount }));
}
