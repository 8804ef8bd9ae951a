/**
 * Auto-assign by pairings: for each kind of position (captain, first officer, cabin) and
 * each group of members with the same type ratings, flights that need that kind are taken
 * in departure order; each one still short anchors a pairing from a base of the group
 * (domain/crew/pairing.ts), which goes to the member of that base who can legally fly every
 * leg of it and has flown least lately. Every leg is checked with the full legality rules
 * against the member's assignments and what was proposed before, so a plan is legal as a
 * whole; positioning legs are proposed too, each needing one free seat.
 */
import { flightShortfall } from "./complement.ts";
import { flightTimeWithin, MIN_REST_MS, releaseAt, reportAt } from "./duty.ts";
import { checkAssignment } from "./legality.ts";
import { type CrewFlight, type CrewMemberFacts, type CrewRole } from "./model.ts";
import { fitsOneDuty, FlightIndex, type Pairing, pairingsFor } from "./pairing.ts";
import type { FlightPlan, FlightToStaff } from "./planner.ts";

const TRAILING_MS = 672 * 3_600_000;

/** The kinds of position pairings are built for; a purser fills a cabin position. */
const KINDS: { position: CrewRole; roles: readonly CrewRole[] }[] = [
  { position: "captain", roles: ["captain"] },
  { position: "first_officer", roles: ["first_officer"] },
  { position: "flight_attendant", roles: ["flight_attendant", "purser"] },
];

/** What the pairing planner works from. */
export interface PairingPlanInput {
  /** Flights to staff (the ones short of crew), with seats and crew they have. */
  flights: readonly FlightToStaff[];
  /** Every flight of the period a member may ride to position (crewed or not). */
  network: readonly CrewFlight[];
  /** Seats free for a positioning passenger, by flight id (absent: none). */
  freeSeats: ReadonlyMap<string, number>;
  members: readonly CrewMemberFacts[];
  /** Each member's assigned flights (positioning legs marked); absent: none. */
  assignments: ReadonlyMap<string, readonly CrewFlight[]>;
  /** Longest pairing, in days (default 4). */
  maxDays?: number;
}

/** A pairing given to a member. */
export interface PlannedPairing extends Pairing {
  crewId: string;
  position: CrewRole;
}

/** The plan: per flight what is proposed and unfilled, the positioning legs, the pairings. */
export interface PairingPlan {
  flights: FlightPlan[];
  positioning: { flightId: string; crewId: string }[];
  pairings: PlannedPairing[];
}

interface State {
  need: Map<string, Map<CrewRole, number>>;
  seats: Map<string, number>;
  schedules: Map<string, CrewFlight[]>;
}

/** True when the member's schedule keeps [start, end] free with rest around it. */
function free(schedule: readonly CrewFlight[], p: Pairing): boolean {
  return !schedule.some((f) =>
    reportAt(f) < p.endsAt + MIN_REST_MS && releaseAt(f) > p.startsAt - MIN_REST_MS
  );
}

/**
 * Bases of `crew` where at least one member could still take a pairing that works `anchor`:
 * every such pairing spans the anchor's duty, so a member busy (or away) around it, with rest
 * either side, cannot be picked for any of them. A sound prune: it skips only searches whose
 * pairings `pickMember` would refuse anyway.
 */
function basesWithFreeMember(
  crew: readonly CrewMemberFacts[],
  anchor: CrewFlight,
  state: State,
): string[] {
  const around: Pairing = {
    base: "",
    legs: [],
    startsAt: reportAt(anchor),
    endsAt: releaseAt(anchor),
  };
  const bases = new Set<string>();
  for (const m of crew) {
    if (bases.has(m.homeBase)) continue;
    if (!free(state.schedules.get(m.id)!, around)) continue;
    if (m.unavailability.some((u) => u.startsAt < around.endsAt && u.endsAt > around.startsAt)) {
      continue;
    }
    bases.add(m.homeBase);
  }
  return [...bases].sort();
}

/** Every leg legal in order, each against the schedule with the legs before it. */
function legalFor(m: CrewMemberFacts, position: CrewRole, p: Pairing, schedule: CrewFlight[]) {
  const trial = [...schedule];
  for (const leg of p.legs) {
    const flight = leg.positioning ? { ...leg.flight, positioning: true } : leg.flight;
    if (
      checkAssignment({ member: m, position, flight, assigned: trial }, { firstOnly: true }).length
    ) {
      return undefined;
    }
    trial.push(flight);
  }
  return trial;
}

function pickMember(
  crew: readonly CrewMemberFacts[],
  position: CrewRole,
  p: Pairing,
  state: State,
): { member: CrewMemberFacts; schedule: CrewFlight[] } | undefined {
  const ranked = crew
    .filter((m) => m.homeBase === p.base && free(state.schedules.get(m.id)!, p))
    .map((m) => ({
      m,
      hours: flightTimeWithin(state.schedules.get(m.id)!, p.startsAt - TRAILING_MS, p.startsAt),
    }))
    .sort((a, b) => a.hours - b.hours || (a.m.id < b.m.id ? -1 : 1));
  for (const { m } of ranked) {
    const schedule = legalFor(m, position, p, state.schedules.get(m.id)!);
    if (schedule) return { member: m, schedule };
  }
  return undefined;
}

/** Members of a kind grouped by the set of types they are rated on, narrowest first. */
function ratingGroups(members: readonly CrewMemberFacts[], roles: readonly CrewRole[]) {
  const groups = new Map<string, CrewMemberFacts[]>();
  for (const m of members) {
    if (!m.active || !roles.includes(m.role)) continue;
    const key = [...m.typeRatings].sort().join(",");
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.entries()]
    .map(([key, crew]) => ({ types: new Set(key.split(",")), crew }))
    .sort((a, b) => a.types.size - b.types.size);
}

/** What each flight still needs, per position. */
function needsOf(flights: readonly FlightToStaff[]): Map<string, Map<CrewRole, number>> {
  const need = new Map<string, Map<CrewRole, number>>();
  for (const f of flights) {
    const counts = new Map<CrewRole, number>();
    for (const p of flightShortfall(f.flight, f.seats, f.crew.map((c) => c.role)).positions) {
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    need.set(f.flight.id, counts);
  }
  return need;
}

/** Writes a staffed pairing into the state and the plan. */
function book(
  state: State,
  out: PairingPlan & { byId: Map<string, FlightPlan> },
  pairing: PlannedPairing,
): void {
  const { crewId, position } = pairing;
  for (const leg of pairing.legs) {
    const id = leg.flight.id;
    if (leg.positioning) {
      state.seats.set(id, state.seats.get(id)! - 1);
      out.positioning.push({ flightId: id, crewId });
    } else {
      const counts = state.need.get(id)!;
      counts.set(position, counts.get(position)! - 1);
      out.byId.get(id)!.proposals.push({ crewId, role: position });
    }
  }
  out.pairings.push(pairing);
}

/** Proposes pairings for every kind and rating group; nothing is written. */
export function planPairings(input: PairingPlanInput): PairingPlan {
  const index = new FlightIndex(input.network);
  const network = { flights: input.network, maxDays: input.maxDays ?? 4 };
  const state: State = {
    need: needsOf(input.flights),
    seats: new Map(input.freeSeats),
    schedules: new Map(input.members.map((m) => [m.id, [...(input.assignments.get(m.id) ?? [])]])),
  };
  const anchors = input.flights.map((f) => f.flight).filter((f) => fitsOneDuty(index, f))
    .sort((a, b) => a.departureAt - b.departureAt || (a.id < b.id ? -1 : 1));
  const flights: FlightPlan[] = input.flights.map((f) => ({
    flightId: f.flight.id,
    proposals: [],
    unfilled: [],
  }));
  const out = {
    flights,
    positioning: [] as PairingPlan["positioning"],
    pairings: [] as PlannedPairing[],
    byId: new Map(flights.map((f) => [f.flightId, f])),
  };
  for (const kind of KINDS) {
    for (const group of ratingGroups(input.members, kind.roles)) {
      const needs = {
        wanted: (f: CrewFlight) =>
          group.types.has(f.aircraftType) && (state.need.get(f.id)?.get(kind.position) ?? 0) > 0,
        seatFree: (f: CrewFlight) => (state.seats.get(f.id) ?? 0) > 0,
      };
      for (const anchor of anchors) {
        // Each pass staffs one more seat of the anchor, until none is wanted or none fits.
        while (needs.wanted(anchor)) {
          let staffed = false;
          const bases = basesWithFreeMember(group.crew, anchor, state);
          for (const p of pairingsFor(index, network, needs, { anchor, bases })) {
            const pick = pickMember(group.crew, kind.position, p, state);
            if (!pick) continue;
            state.schedules.set(pick.member.id, pick.schedule);
            book(state, out, { ...p, crewId: pick.member.id, position: kind.position });
            staffed = true;
            break;
          }
          if (!staffed) break;
        }
      }
    }
  }
  for (const plan of out.flights) {
    for (const [position, n] of state.need.get(plan.flightId)!) {
      for (let i = 0; i < n; i++) plan.unfilled.push(position);
    }
  }
  return { flights, positioning: out.positioning, pairings: out.pairings };
}
