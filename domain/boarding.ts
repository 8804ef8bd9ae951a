/** When and in which order passengers board: the rules printed on a boarding pass. */
import type { CabinCode, Seat, SeatLayout } from "./seat_layout.ts";

/** Boarding starts this long before departure on a single-aisle aircraft... */
export const NARROW_BODY_BOARDING_MS = 40 * 60_000;
/** ...and this long before on a twin-aisle one, which takes longer to fill. */
export const WIDE_BODY_BOARDING_MS = 50 * 60_000;

/** True when any cabin of the layout has two aisles (three seat groups across). */
export function isWideBody(layout: SeatLayout): boolean {
  return layout.cabins.some((c) => c.seatsAcross.split("|").length >= 3);
}

/** When boarding starts (epoch ms) for a departure at `departureAt` (epoch ms). */
export function boardingStartsAt(departureAt: number, wideBody: boolean): number {
  return departureAt - (wideBody ? WIDE_BODY_BOARDING_MS : NARROW_BODY_BOARDING_MS);
}

/**
 * The boarding group: premium cabins first (First and Business 1, Premium economy 2), then
 * economy from the window in (window 3, middle 4, aisle 5), so nobody climbs over a seated
 * neighbour. A seat the layout does not know boards last.
 */
export function boardingGroup(cabin: CabinCode, seat?: Pick<Seat, "window" | "middle">): number {
  if (cabin === "F" || cabin === "J") return 1;
  if (cabin === "W") return 2;
  if (seat?.window) return 3;
  if (seat?.middle) return 4;
  return 5;
}
