/**
 * When the operations board flags a flight as overdue: a departure time (estimated, else
 * scheduled) passed by more than a grace period without the flight having departed, or an
 * arrival time passed without it having arrived. Time is passed in; nothing here reads a clock.
 */

/** Minutes after the expected departure before a flight that has not left is flagged. */
export const DEPARTURE_GRACE_MINUTES = 15;

/** What the rule reads of a flight (ISO instants). */
export interface OverdueFacts {
  status: string;
  departureAt: string;
  estimatedDepartureAt: string | null;
  arrivalAt: string;
  estimatedArrivalAt: string | null;
}

/** Which of the flight's times are overdue at `now` (ms since the epoch). */
export interface Overdue {
  departure: boolean;
  arrival: boolean;
}

const LEFT = new Set(["departed", "arrived", "cancelled"]);
const ENDED = new Set(["arrived", "cancelled"]);

/** The overdue flags of `f` at `now`; a cancelled flight is never overdue. */
export function overdueAt(f: OverdueFacts, now: number, graceMinutes = DEPARTURE_GRACE_MINUTES) {
  const departs = Date.parse(f.estimatedDepartureAt ?? f.departureAt);
  const arrives = Date.parse(f.estimatedArrivalAt ?? f.arrivalAt);
  return {
    departure: !LEFT.has(f.status) && now > departs + graceMinutes * 60_000,
    arrival: !ENDED.has(f.status) && now > arrives,
  } satisfies Overdue;
}
