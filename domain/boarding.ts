/** When and in which order passengers board: the rules printed on a boarding pass. */
import type { CabinCode, Seat, SeatLayout } from "./seat_layout.ts";
import { formatInZone, zoneAbbreviation } from "./time.ts";

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

/** A pass's times as printed, local at the origin airport. */
export interface PassLocalTimes {
  /** The departure's local date, "Fri 1 Mar". */
  date: string;
  /** Local departure time of day, "12:00". */
  departure: string;
  /** Local time boarding starts, "11:20". */
  boarding: string;
  /** The zone both times are in at departure, "CET" (else an offset, "GMT+9"). */
  zone: string;
}

/** A time of day as "07:40" in the zone `tz`. */
function clockIn(iso: string, tz: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: tz,
  });
}

/**
 * The departure and boarding times as a boarding pass prints them in the origin's zone `tz`:
 * the page renders these and the API sends them, so both say the same.
 */
export function passLocalTimes(
  times: { departureAt: string; boardingAt: string },
  tz: string,
): PassLocalTimes {
  return {
    date: formatInZone(times.departureAt, tz).split(",")[0],
    departure: clockIn(times.departureAt, tz),
    boarding: clockIn(times.boardingAt, tz),
    zone: zoneAbbreviation(times.departureAt, tz),
  };
}
