/**
 * Crew planners on the demo week: today's greedy planner (flights in departure order, best
 * legal member per seat) against pairings (domain/crew/pairing_planner.ts), both on the same
 * 7-day demo schedule and the demo roster sized from it, with no crew assigned yet. Prints
 * positions, positions filled legally (every proposal re-checked against the final roster),
 * coverage, crew used, positioning legs and runtime, then each planner's unfilled positions
 * by kind, origin and date.
 *
 *   deno run --allow-all bench/crew_planner.ts [days]
 */
import { flightDeckCrew } from "../domain/crew/augmented.ts";
import { requiredComplement, shortfall } from "../domain/crew/complement.ts";
import { checkAssignment } from "../domain/crew/legality.ts";
import type { CrewFlight, CrewMemberFacts, CrewRole } from "../domain/crew/model.ts";
import { fitsOneDuty, FlightIndex } from "../domain/crew/pairing.ts";
import { planPairings } from "../domain/crew/pairing_planner.ts";
import { type FlightPlan, type FlightToStaff, planCrew } from "../domain/crew/planner.ts";
import { cabinCapacities, SeatLayoutSchema } from "../domain/seat_layout.ts";
import { DEMO_AIRCRAFT_TYPES } from "../db/demo/aircraft_types.ts";
import { DEMO_AIRPORTS, DEMO_HUBS } from "../db/demo/airports.ts";
import { demoCrewRoster } from "../db/demo/crew.ts";
import { generateSchedule } from "../db/demo/schedule.ts";
import { referenceAirports } from "../db/seed.ts";
import { addDays } from "../domain/time.ts";

const days = Number(Deno.args[0] ?? 7);
const byCode = new Map(referenceAirports().map((a) => [a.iata, a]));
const schedule = generateSchedule({
  airports: DEMO_AIRPORTS.map((c) => byCode.get(c)!),
  hubs: DEMO_HUBS,
  aircraftTypes: DEMO_AIRCRAFT_TYPES,
  startDate: "2030-03-01",
  // Pairings that start in the week may come home in the days after it.
  days: days + 4,
});
const seats = new Map(DEMO_AIRCRAFT_TYPES.map((t) => [
  t.code,
  Object.values(cabinCapacities(SeatLayoutSchema.parse(t.layout))).reduce((a, b) => a + b, 0),
]));
const all: FlightToStaff[] = schedule.map((f) => ({
  flight: {
    id: `${f.flightNumber}-${f.departureLocal.slice(0, 10)}`,
    origin: f.origin,
    destination: f.destination,
    originTz: byCode.get(f.origin)!.tz,
    departureAt: f.departureAt.getTime(),
    arrivalAt: f.arrivalAt.getTime(),
    aircraftType: f.aircraftType,
  },
  seats: seats.get(f.aircraftType)!,
  crew: [],
}));
const lastDate = addDays("2030-03-01", days - 1);
const flights = all.filter((f) => f.flight.id.slice(-10) <= lastDate);
const sizing = schedule.map((f) => ({ ...f, originTz: byCode.get(f.origin)!.tz }));
const members: CrewMemberFacts[] = demoCrewRoster(sizing, days + 4).map((m) => ({
  id: m.employeeNumber,
  role: m.role,
  homeBase: m.homeBase,
  typeRatings: m.typeRatings,
  active: true,
  unavailability: [],
}));
function positionsOf(f: FlightToStaff): number {
  const c = requiredComplement(f.seats, flightDeckCrew(f.flight));
  return c.pilots + c.cabin;
}
const positions = flights.reduce((n, f) => n + positionsOf(f), 0);
const augmented = flights.filter((f) => flightDeckCrew(f.flight) > 2);
const index = new FlightIndex(flights.map((f) => f.flight));
const staffable = flights.filter((f) => fitsOneDuty(index, f.flight))
  .reduce((n, f) => n + positionsOf(f), 0);

/** Proposals that are legal against the whole resulting roster, and the members used. */
function legalFigures(plans: FlightPlan[], positioning: { flightId: string; crewId: string }[]) {
  const byId = new Map(all.map((f) => [f.flight.id, f.flight]));
  const roster = new Map<string, CrewFlight[]>();
  const put = (crewId: string, f: CrewFlight) =>
    roster.set(crewId, [...(roster.get(crewId) ?? []), f]);
  for (const p of plans) for (const x of p.proposals) put(x.crewId, byId.get(p.flightId)!);
  for (const x of positioning) put(x.crewId, { ...byId.get(x.flightId)!, positioning: true });
  const memberById = new Map(members.map((m) => [m.id, m]));
  let legal = 0;
  for (const p of plans) {
    for (const x of p.proposals) {
      const broken = checkAssignment({
        member: memberById.get(x.crewId)!,
        position: x.role as CrewRole,
        flight: byId.get(p.flightId)!,
        assigned: roster.get(x.crewId)!,
      });
      if (broken.length === 0) legal++;
    }
  }
  // Where each member is after their last leg: greedy never plans the way home.
  const away =
    [...roster].filter(([id, fs]) =>
      fs.reduce((a, b) => (b.departureAt > a.departureAt ? b : a)).destination !==
        memberById.get(id)!.homeBase
    ).length;
  return { legal, crewUsed: roster.size, away };
}

/**
 * Positions left unfilled (legal proposals only), counted by role, type and whether the crew is
 * augmented, by origin and by departure date: where the planners fall short, at a glance. (The
 * last days' flights can only ride home after the week, as positioning passengers.)
 */
function unfilledBy(plans: FlightPlan[]) {
  const byId = new Map(flights.map((f) => [f.flight.id, f]));
  const kinds = new Map<string, number>();
  const origins = new Map<string, number>();
  const dates = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const p of plans) {
    const f = byId.get(p.flightId)!;
    const pilots = flightDeckCrew(f.flight);
    const roles = p.proposals.map((x) => x.role as CrewRole);
    for (const role of shortfall(f.seats, roles, pilots).positions) {
      const cabin = role === "flight_attendant" ? "cabin" : role;
      bump(kinds, `${cabin} ${f.flight.aircraftType}${pilots > 2 ? ` (${pilots} pilots)` : ""}`);
      bump(origins, f.flight.origin);
      bump(dates, f.flight.id.slice(-5));
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(", ");
  const byDate = [...dates].sort().map(([k, v]) => `${k} ${v}`).join(", ");
  return { kinds: top(kinds, 8), origins: top(origins, 8), byDate };
}

function row(
  name: string,
  plans: FlightPlan[],
  ms: number,
  positioning: { flightId: string; crewId: string }[] = [],
) {
  const proposed = plans.reduce((n, p) => n + p.proposals.length, 0);
  const { legal, crewUsed, away } = legalFigures(plans, positioning);
  return {
    planner: name,
    proposed,
    "filled legally": legal,
    "coverage %": +(100 * legal / positions).toFixed(1),
    "of staffable %": +(100 * legal / staffable).toFixed(1),
    "crew used": crewUsed,
    "left away from base": away,
    positioning: positioning.length,
    "runtime s": +(ms / 1000).toFixed(1),
  };
}

console.log(
  `${days} days: ${flights.length} flights (${augmented.length} with an augmented crew, ` +
    `${augmented.reduce((n, f) => n + positionsOf(f), 0)} positions), ${positions} positions ` +
    `(${staffable} on flights some crew may fly), roster ${members.length}`,
);
let t0 = performance.now();
const greedy = planCrew({ flights, members, assignments: new Map() });
const greedyRow = row("greedy", greedy, performance.now() - t0);
t0 = performance.now();
const paired = planPairings({
  flights,
  network: all.map((f) => f.flight),
  freeSeats: new Map(all.map((f) => [f.flight.id, f.seats])),
  members,
  assignments: new Map(),
});
const pairRow = row("pairings", paired.flights, performance.now() - t0, paired.positioning);
console.table([greedyRow, pairRow]);
for (const [name, plans] of [["greedy", greedy], ["pairings", paired.flights]] as const) {
  const { kinds, origins, byDate } = unfilledBy(plans);
  console.log(`${name} unfilled by kind: ${kinds}\n${name} unfilled by origin: ${origins}`);
  console.log(`${name} unfilled by date: ${byDate}`);
}
console.log(`pairings built: ${paired.pairings.length}`);
