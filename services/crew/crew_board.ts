/**
 * What operators look at when staffing flights, shared by the JSON API and the admin pages:
 * one flight's crew with each member's legality as things stand, a day's flights with
 * their crew and shortfalls, and the auto-assign proposal (nothing written here).
 */
import { type Complement, requiredComplement, shortfall } from "../../domain/crew/complement.ts";
import { checkAssignment } from "../../domain/crew/legality.ts";
import { planCrew } from "../../domain/crew/planner.ts";
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
import { LEGALITY_LOOKBACK_MS } from "./crew_assignment.ts";

/** A flight as crew views show it (ISO instants). */
export type CrewFlightView = ReturnType<typeof flightView>;

/** One assigned member with the rules their assignment breaks now (empty when legal). */
export type CrewOnFlight = FlightCrewEntry & { warnings: ReturnType<typeof checkAssignment> };

/** One flight's crew: who is on it, what it needs, what it lacks, and legality now. */
export interface FlightCrew {
  flight: CrewFlightView;
  complement: Complement;
  short: ReturnType<typeof shortfall>;
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
    complement: requiredComplement(flight.seats),
    short: shortfall(flight.seats, crew.map((c) => c.role)),
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
    .filter((f) => !q.shortOnly || shortfall(f.seats, f.crew.map((m) => m.role)).short);
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

/**
 * A legal crew for each short flight departing (local date) from `from` to `to` and still
 * open after `now`: greedy in departure order, preferring crew already at the airport.
 */
export async function proposeCrew(
  sql: Sql,
  range: { from: string; to: string; now: Date },
): Promise<PlannedFlight[]> {
  const flights =
    (await listFlightsWithCrew(sql, { from: range.from, to: range.to, openAfter: range.now }))
      .filter((f) => shortfall(f.seats, f.crew.map((m) => m.role)).short);
  const since = new Date(Date.parse(`${range.from}T00:00:00Z`) - LEGALITY_LOOKBACK_MS - 86_400_000);
  const members = await loadMembers(sql, since);
  const assignments = await loadAssignedFlights(sql, members.map((m) => m.id), since);
  const plans = planCrew({
    flights: flights.map((f) => ({ flight: f, seats: f.seats, crew: f.crew })),
    members,
    assignments,
  });
  const names = new Map(members.map((m) => [m.id, m.name]));
  const byId = new Map(flights.map((f) => [f.id, f]));
  return plans.map((p) => ({
    ...flightView(byId.get(p.flightId)!),
    proposals: p.proposals.map((x) => ({ ...x, name: names.get(x.crewId)! })),
    unfilled: p.unfilled,
  }));
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
