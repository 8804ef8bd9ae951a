import type { CabinCode } from "../seat_layout.ts";
import type { CabinInventory, FareBucket } from "./state.ts";

const DAY_MS = 86_400_000;

/** Demand curve: fare factor by days to departure; linear between points, flat outside. */
export const DAYS_CURVE: readonly [days: number, factor: number][] = [
  [0, 1.8],
  [3, 1.5],
  [7, 1.3],
  [14, 1.15],
  [30, 1],
  [60, 0.9],
];

/** Booking-class ladders per cabin: [code, multiplier, share of authorized seats]. */
const LADDERS: Record<CabinCode, [string, number, number][]> = {
  F: [["A", 1, 0.7], ["F", 1.3, 1]],
  J: [["I", 0.9, 0.5], ["D", 1.1, 0.8], ["J", 1.4, 1]],
  W: [["E", 0.9, 0.6], ["H", 1.1, 0.85], ["W", 1.4, 1]],
  Y: [["Q", 0.8, 0.5], ["M", 1, 0.75], ["B", 1.25, 0.9], ["Y", 1.6, 1]],
};

/** The default nested fare buckets of a cabin with `authorized` sellable seats. */
export function defaultBuckets(cabin: CabinCode, authorized: number): FareBucket[] {
  return LADDERS[cabin].map(([code, multiplier, share], i, all) => ({
    code,
    multiplier,
    limit: i === all.length - 1 ? authorized : Math.floor(authorized * share),
  }));
}

/** The demand factor for a departure `msToDeparture` away. */
export function daysToDepartureFactor(msToDeparture: number): number {
  const days = Math.max(0, msToDeparture / DAY_MS);
  const last = DAYS_CURVE[DAYS_CURVE.length - 1];
  if (days >= last[0]) return last[1];
  for (let i = 1; i < DAYS_CURVE.length; i++) {
    const [d1, f1] = DAYS_CURVE[i];
    if (days <= d1) {
      const [d0, f0] = DAYS_CURVE[i - 1];
      return f0 + ((days - d0) / (d1 - d0)) * (f1 - f0);
    }
  }
  return last[1];
}

/** A price quote for `count` seats: the booking class and the price per seat. */
export interface Quote {
  bucket: string;
  unitPrice: number;
}

/**
 * Quotes `count` seats in a cabin whose demand is `inUse` seats (see pricingDemand: those sold
 * and a bounded share of those held): the lowest
 * nested bucket that still fits the whole party, times the demand factor, rounded to whole
 * currency units. `undefined` when even the last bucket (the authorization) is too small.
 */
export function quote(
  cabin: CabinInventory,
  inUse: number,
  count: number,
  msToDeparture: number,
): Quote | undefined {
  const bucket = cabin.buckets.find((b) => inUse + count <= b.limit);
  if (!bucket) return undefined;
  const raw = cabin.baseFare * bucket.multiplier * daysToDepartureFactor(msToDeparture);
  return { bucket: bucket.code, unitPrice: Math.round(raw / 100) * 100 };
}
