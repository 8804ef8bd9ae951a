/**
 * Augmented crews, after US 14 CFR 117 like the rest of the legality rules: a sector longer
 * than an unaugmented crew may fly (Table A: 8 h of flight time for a report 20:00-04:59,
 * else 9 h) carries a third pilot (up to 13 h, §117.11(a)(2)) or a fourth (up to 17 h), and
 * a duty flown by such a crew has the Table C limit (class 1 rest facility, in-flight rest in
 * bunks) for at most three segments (§117.17(d)). Cabin crew get one extra member per extra
 * pilot, as 14 CFR 121.467(b) asks for duty beyond 14 h. Rest after an augmented duty lasts
 * at least as long as the duty: Part 117 sets no longer rest, so this follows EASA
 * ORO.FTL.235, which also covers the 12 h a flight attendant needs after such a duty.
 */
import { toLocal } from "../time.ts";
import type { CrewFlight } from "./model.ts";

const HOUR = 3_600_000;

/** A standard (unaugmented) flight deck crew. */
export const STANDARD_PILOTS = 2;
/** The largest augmented flight deck crew (§117.11(a)(2), Table C's last column). */
export const MAX_PILOTS = 4;
/** Most segments a duty may have and still count as augmented (§117.17(d)). */
export const MAX_AUGMENTED_SEGMENTS = 3;
/** Longest flight time a crew of 3 and of 4 pilots may fly (§117.11(a)(2)). */
const MAX_FLIGHT_TIME_MS: Record<3 | typeof MAX_PILOTS, number> = { 3: 13 * HOUR, 4: 17 * HOUR };

// Table C, class 1 rest facility: [first hour, last hour + 1, 3 pilots, 4 pilots] in hours.
const TABLE_C: [number, number, number, number][] = [
  [0, 6, 15, 17],
  [6, 7, 16, 18.5],
  [7, 13, 17, 19],
  [13, 17, 16, 18.5],
  [17, 24, 15, 17],
];

/** The local hour (0-23) at which the crew reports for `f` (60 min before departure). */
export function reportHourOf(f: Pick<CrewFlight, "departureAt" | "originTz">): number {
  return Number(toLocal(new Date(f.departureAt - HOUR), f.originTz).slice(11, 13));
}

/** Table A: the most flight time an unaugmented crew reporting at local `hour` may fly (ms). */
export function unaugmentedFlightTimeMs(hour: number): number {
  return (hour >= 5 && hour < 20 ? 9 : 8) * HOUR;
}

/** The most flight time a crew of `pilots` reporting at local `hour` may fly (ms). */
export function flightTimeLimitMs(pilots: number, hour: number): number {
  return pilots > STANDARD_PILOTS
    ? MAX_FLIGHT_TIME_MS[pilots >= MAX_PILOTS ? MAX_PILOTS : 3]
    : unaugmentedFlightTimeMs(hour);
}

/**
 * Pilots a sector of `blockMs` needs when its crew reports at local `hour`: two, or an
 * augmented crew of three or four (four also for sectors longer than any crew may fly, which
 * the FDP rule then refuses).
 */
export function pilotsFor(blockMs: number, hour: number): number {
  if (blockMs <= unaugmentedFlightTimeMs(hour)) return STANDARD_PILOTS;
  return blockMs <= MAX_FLIGHT_TIME_MS[3] ? 3 : MAX_PILOTS;
}

/** Pilots flight `f` needs, from its block time and report hour. */
export function flightDeckCrew(
  f: Pick<CrewFlight, "departureAt" | "arrivalAt" | "originTz">,
): number {
  return pilotsFor(f.arrivalAt - f.departureAt, reportHourOf(f));
}

/** Table C: the FDP limit in minutes for an augmented crew of `pilots` reporting at `hour`. */
export function augmentedFdpLimitMinutes(hour: number, pilots: number): number {
  const row = TABLE_C.find(([from, to]) => hour >= from && hour < to);
  if (!row || pilots < 3) throw new RangeError(`no augmented FDP limit for ${hour} h, ${pilots}`);
  return row[pilots >= MAX_PILOTS ? 3 : 2] * 60;
}

/**
 * The crew a duty is flown with: the smallest augmented crew among its worked sectors (the
 * in-flight rest is taken there), or the standard two when none of them is augmented.
 * `pilotsOf` is passed in so callers can cache it per flight.
 */
export function dutyCrew(
  flights: readonly CrewFlight[],
  pilotsOf: (f: CrewFlight) => number = flightDeckCrew,
): number {
  let crew = Infinity;
  for (const f of flights) {
    if (f.positioning) continue;
    const pilots = pilotsOf(f);
    if (pilots > STANDARD_PILOTS) crew = Math.min(crew, pilots);
  }
  return crew === Infinity ? STANDARD_PILOTS : crew;
}

/**
 * The rest (ms) a duty of `dutyMs` flown by a crew of `pilots` needs after it: as long as the
 * duty after an augmented one, and after one whose positioning took it past its Table B limit
 * (`beyondTableB`; 14 CFR 117.25(g) asks for rest as long as the deadhead, the duty is longer).
 */
export function restAfterMs(
  dutyMs: number,
  pilots: number,
  minRestMs: number,
  beyondTableB = false,
): number {
  return pilots > STANDARD_PILOTS || beyondTableB ? Math.max(minRestMs, dutyMs) : minRestMs;
}
