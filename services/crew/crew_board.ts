/**
 * What operators look at when staffing flights, shared by the JSON API and the admin pages:
 * one flight's crew with each member's legality as things stand, a day's flights with
 * their crew and shortfalls, and the auto-assign proposal (nothing written here).
 */
import {
  type Complement,
  flightShortfall,
  requiredComplement,
} from "../../domain/crew/complement.ts";
import { flightDeckCrew } from "../../domain/crew/augmented.ts";
import { checkAssignment } from "../../domain/crew/legality.ts";
import type { CrewRole } from "../../domain/crew/model.ts";
import {
  type FlightCrewEntry,
  flightView,
  getStaffedFlight,
  listFlightCrew,
  listFlightsWithCrew,
  loadAssignedFlights,
  loadMembers,
  type StaffedFlight,
} from "../../db/crew_assignments_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { freeSeats } from "../../db/crew_positioning_repo.ts";
import { addDays } from "../../domain/time.ts";
import { LEGALITY_LOOKBACK_MS } from "./crew_assignment.ts";
import { runPairingPlanner } from "./crew_plan_thread.ts";

/** A flight as crew views show it (ISO instants). */
export type CrewFlightView = ReturnType<typeof flightView>;

/** One assigned member with the rules their assignment breaks now (empty when legal). */
export type CrewOnFlight = FlightCrewEntry & { warnings: ReturnType<typeof checkAssignment> };

/** One flight's crew: who is on it, what it needs, what it lacks, and legality now. */
export interface FlightCrew {
  flight: CrewFlightView;
  complement: Complement;
  short: ReturnType<typeof flightShortfall>;
  crew: CrewOnFlight[];
}

/**
 * Each flight's crew with warnings, checked against every member's assignments at once (one
 * query for the members and one for their flights, however many flights are shown).
 */
async function withWarnings(
  sql: Sql,
  flights: { flight: StaffedFlight; crew: FlightCrewEntry[] }[],
): Promise<FlightCrew[]> {
  const ids = [...new Set(flights.flatMap((f) => f.crew.map((c) => c.crewId)))];
  const earliest = Math.min(...flights.map((f) => f.flight.departureAt));
  const since = new Date(earliest - LEGALITY_LOOKBACK_MS);
  const [members, assigned] = await Promise.all([
    loadMembers(sql, since, ids),
    loadAssignedFlights(sql, ids, since),
  ]);
  const byId = new Map(members.map((m) => [m.id, m]));
  return flights.map(({ flight, crew }) => ({
    flight: flightView(flight),
    complement: requiredComplement(flight.seats, flightDeckCrew(flight)),
    short: flightShortfall(flight, flight.seats, crew.map((c) => c.role)),
    crew: crew.map((c) => ({
      ...c,
      // Legality as things stand, e.g. after a delay or new leave; overrides show up here.
      warnings: checkAssignment({
        member: byId.get(c.crewId)!,
        position: c.role,
        flight,
        assigned: assigned.get(c.crewId) ?? [],
      }),
    })),
  }));
}

/** The crew on one flight, its complement and shortfall; undefined when there is no flight. */
export async function flightCrewView(sql: Sql, flightId: string): Promise<FlightCrew | undefined> {
  const flight = await getStaffedFlight(sql, flightId);
  if (!flight) return undefined;
  const crew = await listFlightCrew(sql, flightId);
  const [view] = await withWarnings(sql, [{ flight, crew }]);
  return view;
}

/** Which flights of a day the crew board shows. */
export interface CrewBoardQuery {
  /** Local departure date. */
  date: string;
  origin?: string;
  /** Only flights short of the minimum complement. */
  shortOnly?: boolean;
  limit: number;
  offset: number;
}

/** One page of a day's flights (not cancelled) with their crew, and how many match. */
export async function crewBoard(
  sql: Sql,
  q: CrewBoardQuery,
): Promise<{ flights: FlightCrew[]; total: number }> {
  const all = (await listFlightsWithCrew(sql, { from: q.date, to: q.date }))
    .filter((f) => !q.origin || f.origin === q.origin)
    .filter((f) => !q.shortOnly || flightShortfall(f, f.seats, f.crew.map((m) => m.role)).short);
  const page = all.slice(q.offset, q.offset + q.limit);
  const crews = await Promise.all(page.map((f) => listFlightCrew(sql, f.id)));
  const flights = page.length
    ? await withWarnings(sql, page.map((flight, i) => ({ flight, crew: crews[i] })))
    : [];
  return { flights, total: all.length };
}

/** One flight of an auto-assign proposal. */
export interface PlannedFlight extends CrewFlightView {
  proposals: { crewId: string; role: CrewRole; name: string }[];
  unfilled: CrewRole[];
}

/** How many assignments `flights` propose, and how many positions they leave unfilled. */
export function planTotals(flights: readonly PlannedFlight[]) {
  return {
    proposed: flights.reduce((n, f) => n + f.proposals.length, 0),
    unfilled: flights.reduce((n, f) => n + f.unfilled.length, 0),
  };
}

/** A positioning leg of a proposal: the member rides the flight to be where a pairing needs. */
export interface PlannedPositioning extends CrewFlightView {
  crewId: string;
  name: string;
}

/** Pairings may come home up to this many days after the last day staffed. */
const PAIRING_DAYS = 4;

/**
 * A legal crew for each short flight departing (local date) from `from` to `to` and still
 * open after `now`, built as pairings from each member's base (with the positioning legs
 * they need, on flights of the range or the days after it with a free seat). The planner
 * runs on a thread of its own (crew_plan_thread.ts).
 */
export async function proposeCrew(
  sql: Sql,
  range: { from: string; to: string; now: Date },
): Promise<{ flights: PlannedFlight[]; positioning: PlannedPositioning[] }> {
  const until = addDays(range.to, PAIRING_DAYS);
  const network = await listFlightsWithCrew(sql, {
    from: range.from,
    to: until,
    openAfter: range.now,
  });
  const flights = network.filter((f) =>
    f.departureLocal.slice(0, 10) <= range.to &&
    flightShortfall(f, f.seats, f.crew.map((m) => m.role)).short
  );
  const since = new Date(Date.parse(`${range.from}T00:00:00Z`) - LEGALITY_LOOKBACK_MS - 86_400_000);
  const members = await loadMembers(sql, since);
  const [assignments, seats] = await Promise.all([
    loadAssignedFlights(sql, members.map((m) => m.id), since),
    freeSeats(sql, network.map((f) => f.id)),
  ]);
  const plan = await runPairingPlanner({
    flights: flights.map((f) => ({ flight: f, seats: f.seats, crew: f.crew })),
    network,
    freeSeats: seats,
    members,
    assignments,
    maxDays: PAIRING_DAYS,
  });
  const names = new Map(members.map((m) => [m.id, m.name]));
  const byId = new Map(network.map((f) => [f.id, f]));
  return {
    flights: plan.flights.map((p) => ({
      ...flightView(byId.get(p.flightId)!),
      proposals: p.proposals.map((x) => ({ ...x, name: names.get(x.crewId)! })),
      unfilled: p.unfilled,
    })),
    positioning: plan.positioning.map((x) => ({
      ...flightView(byId.get(x.flightId)!),
      crewId: x.crewId,
      name: names.get(x.crewId)!,
    })),
  };
}

/**
 * The rules assigning `crewId` to `position` on a flight would break now, read-only (the
 * assignment itself re-checks inside its transaction); undefined when either does not exist.
 */
export async function previewAssignment(
  sql: Sql,
  req: { flightId: string; crewId: string; role: CrewRole },
): Promise<{ name: string; violations: ReturnType<typeof checkAssignment> } | undefined> {
  const flight = await getStaffedFlight(sql, req.flightId);
  if (!flight) return undefined;
  const since = new Date(flight.departureAt - LEGALITY_LOOKBACK_MS);
  const [[member], assigned] = await Promise.all([
    loadMembers(sql, since, [req.crewId]),
    loadAssignedFlights(sql, [req.crewId], since),
  ]);
  if (!member) return undefined;
  return {
    name: member.name,
    violations: checkAssignment({
      member,
      position: req.role,
      flight,
      assigned: assigned.get(req.crewId) ?? [],
    }),
  };
}
