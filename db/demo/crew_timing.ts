/**
 * Departure times the demo schedule can staff: a sector that even the largest augmented crew
 * may not fly at its slot (FAR 117 Table C by report hour) moves to another slot, and a
 * long-haul way back moves until crews from either end can fly out, rest as the rules ask
 * and fly home within a pairing's reach, as real airlines time their ultra-long routes.
 */
import { legalAsOneDuty } from "../../domain/crew/duty.ts";
import { layoverFits } from "../../domain/crew/pairing.ts";
import { addDays, localToUtc } from "../../domain/time.ts";
import type { ScheduleAirport } from "./schedule.ts";

/** A route's daily sector as timing reads it: where from and how long. */
export interface TimedSector {
  route: { origin: ScheduleAirport };
  blockMin: number;
}

const DAY_MIN = 24 * 60;
const STEP_MIN = 15;
/**
 * Dates times are judged on, whatever date the schedule starts (so a seed on any day gets the
 * same times): each mix of daylight saving time north and south of the equator.
 */
export const JUDGED_DATES = [
  "2030-01-15",
  "2030-03-20",
  "2030-04-15",
  "2030-07-15",
  "2030-10-15",
  "2030-11-15",
];
/** A way back may leave up to this many days after the way out (across the date line). */
const MAX_DAYS_AWAY = 3;

/** "HH:MM" plus `minutes` (negative: minus), around the clock. */
export function shifted(slot: string, minutes: number): string {
  const [h, m] = slot.split(":").map(Number);
  const t = (((h * 60 + m + minutes) % DAY_MIN) + DAY_MIN) % DAY_MIN;
  return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
}

/** The sector departing at local `time` on `date` plus `days`, as the crew rules read it. */
function flight(s: TimedSector, time: string, date: string, days = 0) {
  const local = `${addDays(date, days)}T${time}`;
  const departureAt = localToUtc(local, s.route.origin.tz).getTime();
  return { departureAt, arrivalAt: departureAt + s.blockMin * 60_000, originTz: s.route.origin.tz };
}

/**
 * The first of `candidates` ("HH:MM" local) at which a crew can legally fly the sector as one
 * duty (domain/crew/duty.ts); the first candidate when none can (the schedule test then
 * names the route).
 */
export function flyableTime(s: TimedSector, candidates: string[]): string {
  return candidates.find((time) => flyable(s, time)) ?? candidates[0];
}

function flyable(s: TimedSector, time: string): boolean {
  return JUDGED_DATES.every((date) => legalAsOneDuty(flight(s, time, date)));
}

/** True when a crew that flew `a` at `ta` can fly `b` (at `tb`, a few days on at most) next. */
function comesBack(a: TimedSector, ta: string, b: TimedSector, tb: string): boolean {
  return JUDGED_DATES.every((date) => {
    const inbound = flight(a, ta, date);
    return Array.from({ length: MAX_DAYS_AWAY + 1 }, (_, days) => days)
      .some((days) => layoverFits(inbound, flight(b, tb, date, days)));
  });
}

/**
 * The way back's departure time: its own when crews from either end can fly out and back,
 * else the nearest one (in 15-minute steps, later first) that allows it and that a crew may
 * legally fly; its own when none does (the schedule test then names the route).
 */
export function returnTime(
  out: TimedSector & { time: string },
  back: TimedSector & { time: string },
): string {
  for (let step = 0; step <= DAY_MIN / STEP_MIN / 2; step++) {
    for (const sign of step ? [1, -1] : [1]) {
      const time = shifted(back.time, sign * step * STEP_MIN);
      if (
        flyable(back, time) && comesBack(out, out.time, back, time) &&
        comesBack(back, time, out, out.time)
      ) {
        return time;
      }
    }
  }
  return back.time;
}
