/**
 * A crew member's duty timeline: per UTC day, the duties that start that day (their flights,
 * worked or positioning), the rest after each, and where the member is at the day's end.
 */
import { buildDuties } from "./duty.ts";
import type { CrewFlight } from "./model.ts";
import { locationAt } from "./position.ts";

const DAY_MS = 86_400_000;

/** One duty on the timeline, with the rest until the next duty (absent for the last). */
export interface TimelineDuty<F extends CrewFlight = CrewFlight> {
  reportAt: number;
  releaseAt: number;
  flights: F[];
  restAfterMs?: number;
}

/** One day of the timeline. */
export interface TimelineDay<F extends CrewFlight = CrewFlight> {
  /** "YYYY-MM-DD" (UTC). */
  date: string;
  duties: TimelineDuty<F>[];
  /** Where the member is at the end of the day. */
  endsAt: string;
}

/** `days` days from `from` ("YYYY-MM-DD", UTC) of a member based at `homeBase`. */
export function dutyTimeline<F extends CrewFlight>(
  homeBase: string,
  flights: readonly F[],
  range: { from: string; days: number },
): TimelineDay<F>[] {
  const duties = buildDuties(flights).map((d, i, all): TimelineDuty<F> => ({
    ...d,
    // buildDuties keeps the flights it was given.
    flights: d.flights as F[],
    restAfterMs: all[i + 1] ? all[i + 1].reportAt - d.releaseAt : undefined,
  }));
  const start = Date.parse(`${range.from}T00:00:00Z`);
  return Array.from({ length: range.days }, (_, i) => {
    const dayStart = start + i * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    return {
      date: new Date(dayStart).toISOString().slice(0, 10),
      duties: duties.filter((d) => d.reportAt >= dayStart && d.reportAt < dayEnd),
      endsAt: locationAt(homeBase, flights, dayEnd),
    };
  });
}
