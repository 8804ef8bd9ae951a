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

/** A route's daily sector as timing reads it: where from, how long, on which first date. */
export interface TimedSector {
  route: { origin: ScheduleAirport };
  blockMin: number;
  /** Local departure date the times are judged on, "YYYY-MM-DD". */
  date: string;
}

const DAY_MIN = 24 * 60;
const STEP_MIN = 15;

/** "HH:MM" plus `minutes` (negative: minus), around the clock. */
export function shifted(slot: string, minutes: number): string {
  const [h, m] = slot.split(":").map(Number);
  const t = (((h * 60 + m + minutes) % DAY_MIN) + DAY_MIN) % DAY_MIN;
  return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
}

/** The sector departing at local `time`, `days` after its date, as the crew rules read it. */
function flight(s: TimedSector, time: string, days = 0) {
  const local = `${addDays(s.date, days)}T${time}`;
  const departureAt = localToUtc(local, s.route.origin.tz).getTime();
  return { departureAt, arrivalAt: departureAt + s.blockMin * 60_000, originTz: s.route.origin.tz };
}

/**
 * The first of `candidates` ("HH:MM" local) at which a crew can legally fly the sector as one
 * duty (domain/crew/duty.ts); the first candidate when none can (the schedule test then
 * names the route).
 */
export function flyableTime(s: TimedSector, candidates: string[]): string {
  return candidates.find((time) => legalAsOneDuty(flight(s, time))) ?? candidates[0];
}

/** True when a crew that flew `a` at `ta` can fly `b` (at `tb`, that day or one of the next two) next. */
function comesBack(a: TimedSector, ta: string, b: TimedSector, tb: string): boolean {
  const inbound = flight(a, ta);
  return [0, 1, 2].some((days) => layoverFits(inbound, flight(b, tb, days)));
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
        legalAsOneDuty(flight(back, time)) && comesBack(out, out.time, back, time) &&
        comesBack(back, time, out, out.time)
      ) {
        return time;
      }
    }
  }
  return back.time;
}
