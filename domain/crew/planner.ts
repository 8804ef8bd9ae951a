/**
 * A greedy crew planner: flights in departure order, each missing position filled by the
 * best legal candidate given existing assignments and everything proposed before it.
 * Candidates already at the departure airport come first (no positioning), then the ones
 * with the least flight time in the trailing 672 h, then the fewest proposals, then members
 * whose own role is the position (a captain in the right seat is a substitute), then by id.
 */
import { flightShortfall } from "./complement.ts";
import { flightTimeWithin } from "./duty.ts";
import { checkAssignment } from "./legality.ts";
import { locationAt } from "./position.ts";
import {
  byDeparture,
  type CrewFlight,
  type CrewMemberFacts,
  type CrewRole,
  fitsPosition,
} from "./model.ts";

const TRAILING_MS = 672 * 3_600_000;

/** A flight to staff: its seat count and the crew it already has. */
export interface FlightToStaff {
  flight: CrewFlight;
  seats: number;
  crew: readonly { crewId: string; role: CrewRole }[];
}

/** What the planner works from. */
export interface PlanInput {
  flights: readonly FlightToStaff[];
  members: readonly CrewMemberFacts[];
  /** Each member's assigned flights (any order); members without an entry have none. */
  assignments: ReadonlyMap<string, readonly CrewFlight[]>;
}

/** One proposed assignment. */
export interface Proposal {
  crewId: string;
  role: CrewRole;
}

/** The plan for one flight: who is proposed, and which positions nobody could fill. */
export interface FlightPlan {
  flightId: string;
  proposals: Proposal[];
  unfilled: CrewRole[];
}

interface Ranked {
  member: CrewMemberFacts;
  local: boolean;
  flightTime: number;
  proposals: number;
  substitute: boolean;
}

function compare(a: Ranked, b: Ranked): number {
  return Number(b.local) - Number(a.local) || a.flightTime - b.flightTime ||
    a.proposals - b.proposals || Number(a.substitute) - Number(b.substitute) ||
    (a.member.id < b.member.id ? -1 : 1);
}

/**
 * Proposes crew for every position the flights lack. Every proposal is legal against the
 * member's existing assignments and the proposals made before it; nothing is written.
 */
export function planCrew(input: PlanInput): FlightPlan[] {
  const schedules = new Map<string, CrewFlight[]>();
  for (const m of input.members) schedules.set(m.id, [...(input.assignments.get(m.id) ?? [])]);
  const proposed = new Map<string, number>();
  const flights = byDeparture(input.flights.map((f) => f.flight));
  const byId = new Map(input.flights.map((f) => [f.flight.id, f]));
  return flights.map((flight) => {
    const staff = byId.get(flight.id)!;
    const plan: FlightPlan = { flightId: flight.id, proposals: [], unfilled: [] };
    const onBoard = new Set(staff.crew.map((c) => c.crewId));
    // A position nobody can fill stays unfillable for the rest of this flight.
    const hopeless = new Set<CrewRole>();
    for (
      const position of flightShortfall(flight, staff.seats, staff.crew.map((c) => c.role))
        .positions
    ) {
      const pick = hopeless.has(position) ? undefined : best(input, flight, position, {
        schedules,
        proposed,
        onBoard,
      });
      if (!pick) {
        hopeless.add(position);
        plan.unfilled.push(position);
        continue;
      }
      schedules.get(pick.id)!.push(flight);
      proposed.set(pick.id, (proposed.get(pick.id) ?? 0) + 1);
      onBoard.add(pick.id);
      plan.proposals.push({ crewId: pick.id, role: position });
    }
    return plan;
  });
}

function best(
  input: PlanInput,
  flight: CrewFlight,
  position: CrewRole,
  state: {
    schedules: Map<string, CrewFlight[]>;
    proposed: Map<string, number>;
    onBoard: Set<string>;
  },
): CrewMemberFacts | undefined {
  const ranked: Ranked[] = [];
  for (const member of input.members) {
    if (state.onBoard.has(member.id) || !member.active) continue;
    if (!fitsPosition(member.role, position)) continue;
    if (!member.typeRatings.includes(flight.aircraftType)) continue;
    const schedule = state.schedules.get(member.id)!;
    ranked.push({
      member,
      local: locationAt(member.homeBase, schedule, flight.departureAt) === flight.origin,
      flightTime: flightTimeWithin(schedule, flight.departureAt - TRAILING_MS, flight.departureAt),
      proposals: state.proposed.get(member.id) ?? 0,
      substitute: member.role !== position,
    });
  }
  ranked.sort(compare);
  return ranked.find((r) =>
    checkAssignment(
      { member: r.member, position, flight, assigned: state.schedules.get(r.member.id)! },
      { firstOnly: true },
    ).length === 0
  )?.member;
}
