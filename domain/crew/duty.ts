/**
 * Duty periods built from flights: report 60 min before departure, release 30 min after
 * arrival; consecutive flights that turn at the same airport within 4 h are one duty. The
 * flight duty period (FDP) limits are US 14 CFR 117 Table B (unaugmented operations), or
 * Table C for a duty flown by an augmented crew (augmented.ts).
 */
import { toLocal } from "../time.ts";
import {
  augmentedFdpLimitMinutes,
  dutyCrew,
  flightDeckCrew,
  flightTimeLimitMs,
  MAX_AUGMENTED_SEGMENTS,
  restAfterMs,
  STANDARD_PILOTS,
} from "./augmented.ts";
import { byDeparture, type CrewFlight } from "./model.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Report for duty this long before a flight's departure. */
export const REPORT_BEFORE_MS = 60 * MINUTE;
/** Released from duty this long after a flight's arrival. */
export const RELEASE_AFTER_MS = 30 * MINUTE;
/** The longest ground time between two flights of one duty. */
export const MAX_TURN_MS = 4 * HOUR;
/** The shortest rest between two duties. */
export const MIN_REST_MS = 10 * HOUR;

/** When a member reports for a flight. */
export function reportAt(f: CrewFlight): number {
  return f.departureAt - REPORT_BEFORE_MS;
}

/**
 * Whether flight `f` alone is a legal duty for the flight deck crew its block time needs
 * (two pilots, or an augmented crew of up to MAX_PILOTS): its flight time within that crew's
 * limit, and report to arrival within the FDP limit for its local report hour. A sector that
 * fails cannot be staffed by anyone.
 */
export function legalAsOneDuty(
  f: Pick<CrewFlight, "departureAt" | "arrivalAt" | "originTz">,
): boolean {
  const report = f.departureAt - REPORT_BEFORE_MS;
  const hour = Number(toLocal(new Date(report), f.originTz).slice(11, 13));
  const pilots = flightDeckCrew(f);
  return f.arrivalAt - f.departureAt <= flightTimeLimitMs(pilots, hour) &&
    f.arrivalAt - report <= fdpLimitFor(hour, 1, pilots) * MINUTE;
}

/** When a member is released after a flight. */
export function releaseAt(f: CrewFlight): number {
  return f.arrivalAt + RELEASE_AFTER_MS;
}

/** True when `next` continues the duty that `prev` is part of (same airport, short turn). */
export function chains(prev: CrewFlight, next: CrewFlight): boolean {
  const ground = next.departureAt - prev.arrivalAt;
  return next.origin === prev.destination && ground >= 0 && ground <= MAX_TURN_MS;
}

/** One duty period: its flights in order, from the first report to the last release. */
export interface Duty {
  flights: CrewFlight[];
  reportAt: number;
  releaseAt: number;
}

/** Groups flights into duties, in departure order. */
export function buildDuties(flights: readonly CrewFlight[]): Duty[] {
  const duties: Duty[] = [];
  for (const f of byDeparture(flights)) {
    const current = duties.at(-1);
    const last = current?.flights.at(-1);
    if (current && last && chains(last, f)) {
      current.flights.push(f);
      current.releaseAt = releaseAt(f);
    } else {
      duties.push({ flights: [f], reportAt: reportAt(f), releaseAt: releaseAt(f) });
    }
  }
  return duties;
}

// [first hour, last hour + 1, limits in hours for 1..7+ segments]
const FDP_TABLE: [number, number, number[]][] = [
  [0, 4, [9, 9, 9, 9, 9, 9, 9]],
  [4, 5, [10, 10, 10, 10, 9, 9, 9]],
  [5, 6, [12, 12, 12, 12, 11.5, 11, 10.5]],
  [6, 7, [13, 13, 12, 12, 11.5, 11, 10.5]],
  [7, 12, [14, 14, 13, 13, 12.5, 12, 11.5]],
  [12, 13, [13, 13, 13, 13, 12.5, 12, 11.5]],
  [13, 17, [12, 12, 12, 12, 11.5, 11, 10.5]],
  [17, 22, [12, 12, 11, 11, 10, 9, 9]],
  [22, 23, [11, 11, 10, 10, 9, 9, 9]],
  [23, 24, [10, 10, 10, 9, 9, 9, 9]],
];

/** The FDP limit in minutes for a report at local hour `hour` (0-23) with `segments` flights. */
export function fdpLimitMinutes(hour: number, segments: number): number {
  const row = FDP_TABLE.find(([from, to]) => hour >= from && hour < to);
  if (!row || segments < 1) throw new RangeError(`no FDP limit for ${hour} h, ${segments} legs`);
  return row[2][Math.min(segments, 7) - 1] * 60;
}

/**
 * The FDP limit in minutes for a duty reporting at local `hour` with `segments` flights,
 * flown by `pilots`: an augmented crew has Table C, but only for up to three segments.
 */
export function fdpLimitFor(hour: number, segments: number, pilots: number): number {
  return pilots > STANDARD_PILOTS && segments <= MAX_AUGMENTED_SEGMENTS
    ? augmentedFdpLimitMinutes(hour, pilots)
    : fdpLimitMinutes(hour, segments);
}

/** The local report hour of a duty, at its first departure airport. */
function reportLocalOf(duty: Duty): string {
  return toLocal(new Date(duty.reportAt), duty.flights[0].originTz).slice(0, 16);
}

/** The worked flights of a duty: a positioning leg is duty, not a flight segment (117.3). */
function workedOf(flights: readonly CrewFlight[]): CrewFlight[] {
  return flights.filter((f) => !f.positioning);
}

/**
 * The rest a duty needs after it: longer after an augmented duty, and after one whose
 * positioning legs ran past the Table B limit of its report and segments.
 */
export function restAfter(duty: Duty): number {
  const hour = Number(reportLocalOf(duty).slice(11, 13));
  const segments = Math.max(1, workedOf(duty.flights).length);
  const beyondTableB = duty.flights.at(-1)!.arrivalAt - duty.reportAt >
    fdpLimitMinutes(hour, segments) * MINUTE;
  return restAfterMs(
    duty.releaseAt - duty.reportAt,
    dutyCrew(duty.flights),
    MIN_REST_MS,
    beyondTableB,
  );
}

/** A duty's flight duty period against its limit. */
export interface FdpCheck {
  /** Report to the last arrival. */
  fdpMinutes: number;
  limitMinutes: number;
  segments: number;
  /** Pilots the duty is flown with (more than two: augmented). */
  pilots: number;
  /** Local report time at the first departure airport, "YYYY-MM-DDTHH:MM". */
  reportLocal: string;
}

/**
 * The FDP of a duty, with the limit it has: from its report (positioning before a worked
 * flight counts) to the arrival of its last worked flight. Positioning after the last worked
 * flight is duty but no FDP, and a duty of positioning legs only has none (14 CFR 117.3).
 */
export function dutyFdp(duty: Duty): FdpCheck {
  const reportLocal = reportLocalOf(duty);
  const worked = workedOf(duty.flights);
  const last = worked.at(-1);
  const segments = worked.length;
  const pilots = dutyCrew(duty.flights);
  return {
    fdpMinutes: last ? (last.arrivalAt - duty.reportAt) / MINUTE : 0,
    limitMinutes: fdpLimitFor(Number(reportLocal.slice(11, 13)), Math.max(1, segments), pilots),
    segments,
    pilots,
    reportLocal,
  };
}

/** Block time of `flights` that falls inside [start, end), in milliseconds. */
export function flightTimeWithin(flights: readonly CrewFlight[], start: number, end: number) {
  let total = 0;
  for (const f of flights) {
    const overlap = Math.min(f.arrivalAt, end) - Math.max(f.departureAt, start);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/**
 * The busiest window of length `windowMs` that overlaps `flight`, counting `flights` (which
 * include it). Flight time in a sliding window is piecewise linear in the window's end, so
 * its maximum is at an end where the window's start or end meets a flight's departure or
 * arrival; only those candidates are tried.
 */
export function busiestWindow(
  flights: readonly CrewFlight[],
  flight: CrewFlight,
  windowMs: number,
): { flightTimeMs: number; start: number; end: number } {
  const lo = flight.departureAt;
  const hi = flight.arrivalAt + windowMs;
  const near = flights.filter((f) => f.arrivalAt > lo - windowMs && f.departureAt < hi);
  const ends = new Set([lo, hi]);
  for (const f of near) {
    for (
      const t of [f.departureAt, f.arrivalAt, f.departureAt + windowMs, f.arrivalAt + windowMs]
    ) {
      if (t >= lo && t <= hi) ends.add(t);
    }
  }
  let best = { flightTimeMs: -1, start: lo - windowMs, end: lo };
  for (const end of [...ends].sort((a, b) => a - b)) {
    const time = flightTimeWithin(near, end - windowMs, end);
    if (time > best.flightTimeMs) best = { flightTimeMs: time, start: end - windowMs, end };
  }
  return best;
}
