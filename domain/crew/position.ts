/**
 * Where a crew member is: at their base until their first flight, then wherever their last
 * flight landed, whether they worked it or rode it as a positioning passenger. A member can
 * only report for a flight that departs where they are, and a new flight must leave them
 * where the next one they hold departs; otherwise a later assignment is stranded.
 */
import { byDeparture, type CrewFlight } from "./model.ts";

/** One position breach: the flight that puts the member elsewhere, and where. */
export interface PositionBreach {
  /** "before": the member is elsewhere at report; "after": the next flight leaves elsewhere. */
  side: "before" | "after";
  /** Where the member is (before) or where the next flight departs (after). */
  at: string;
  /** The neighbouring flight, absent when the member is still at base. */
  flightId?: string;
}

/** Where a member based at `homeBase` is at `at`: where the last flight before it landed. */
export function locationAt(homeBase: string, flights: readonly CrewFlight[], at: number): string {
  let where = homeBase;
  let latest = -Infinity;
  for (const f of flights) {
    if (f.departureAt < at && f.departureAt > latest) {
      latest = f.departureAt;
      where = f.destination;
    }
  }
  return where;
}

/**
 * Whether `flight` fits the member's chain of flights (`others`, any order, without it): the
 * previous one landed at its origin (or, with none, the base is its origin), and the next one
 * departs from its destination.
 */
export function positionBreaches(
  homeBase: string,
  flight: CrewFlight,
  others: readonly CrewFlight[],
): PositionBreach[] {
  const sorted = byDeparture(others.filter((f) => f.id !== flight.id));
  const prev = sorted.findLast((f) => f.departureAt < flight.departureAt);
  const next = sorted.find((f) => f.departureAt > flight.departureAt);
  const out: PositionBreach[] = [];
  const here = prev?.destination ?? homeBase;
  if (here !== flight.origin) out.push({ side: "before", at: here, flightId: prev?.id });
  if (next && next.origin !== flight.destination) {
    out.push({ side: "after", at: next.origin, flightId: next.id });
  }
  return out;
}
