import assert from "node:assert/strict";
import { checkAssignment } from "../../../domain/crew/legality.ts";
import type { CrewFlight, CrewMemberFacts } from "../../../domain/crew/model.ts";
import { planPairings } from "../../../domain/crew/pairing_planner.ts";
import { flight, member } from "./support.ts";

const E195 = 40; // seats: one cabin crew member

function plan(flights: CrewFlight[], members: CrewMemberFacts[], extra: CrewFlight[] = []) {
  const network = [...flights, ...extra];
  return planPairings({
    flights: flights.map((f) => ({
      flight: f,
      seats: E195,
      crew: [{ crewId: "x", role: "first_officer" }, { crewId: "y", role: "flight_attendant" }],
    })),
    network,
    freeSeats: new Map(network.map((f) => [f.id, 1])),
    members,
    assignments: new Map(),
  });
}

const captain = (id: string, homeBase: string) => member({ id, homeBase });

interface Case {
  name: string;
  flights: CrewFlight[];
  /** Flights that only carry positioning passengers (no crew needed). */
  extra?: CrewFlight[];
  members: CrewMemberFacts[];
  /** Per member, the legs of their pairings; "~" marks a positioning leg. */
  legs: Record<string, string[]>;
  unfilled: string[];
}

const CASES: Case[] = [
  {
    name: "an out-and-back in one duty from the base",
    flights: [
      flight("out", "JFK-BOS", "2030-03-01T12:00:00Z", 90),
      flight("back", "BOS-JFK", "2030-03-01T15:00:00Z", 90),
    ],
    members: [captain("a", "JFK")],
    legs: { a: ["out", "back"] },
    unfilled: [],
  },
  {
    name: "a night at the outstation with at least 10 h rest",
    flights: [
      flight("out", "JFK-BOS", "2030-03-01T18:00:00Z", 90),
      flight("early", "BOS-JFK", "2030-03-02T04:00:00Z", 90),
      flight("back", "BOS-JFK", "2030-03-02T08:00:00Z", 90),
    ],
    members: [captain("a", "JFK")],
    // Released 20:00, reporting 03:00 is 7 h: too short; 07:00 is 11 h.
    legs: { a: ["out", "back"] },
    unfilled: ["early"],
  },
  {
    name: "a flight with no way home stays unfilled rather than stranding its crew",
    flights: [flight("out", "JFK-BOS", "2030-03-01T12:00:00Z", 90)],
    members: [captain("a", "JFK")],
    legs: {},
    unfilled: ["out"],
  },
  {
    name: "positioning home on a flight with a free seat when no worked flight leads there",
    flights: [flight("out", "JFK-BOS", "2030-03-01T12:00:00Z", 90)],
    extra: [flight("ride", "BOS-JFK", "2030-03-01T15:00:00Z", 90)],
    members: [captain("a", "JFK")],
    legs: { a: ["out", "~ride"] },
    unfilled: [],
  },
  {
    name: "positioning out from the base to work a flight between two outstations",
    flights: [
      flight("work", "BOS-ORD", "2030-03-01T15:00:00Z", 120),
      flight("home", "ORD-JFK", "2030-03-01T19:00:00Z", 120),
    ],
    extra: [flight("ride", "JFK-BOS", "2030-03-01T12:00:00Z", 90)],
    members: [captain("a", "JFK")],
    legs: { a: ["~ride", "work", "home"] },
    unfilled: [],
  },
  {
    // 18 h 30 min from a 09:00 report: over the 19 h FDP even a crew of four may have.
    name: "a flight longer than even an augmented crew may fly is left unfilled",
    flights: [flight("ulr", "JFK-SIN", "2030-03-01T10:00:00Z", 18.5 * 60)],
    extra: [flight("ride", "SIN-JFK", "2030-03-03T10:00:00Z", 18.5 * 60)],
    members: [captain("a", "JFK")],
    legs: {},
    unfilled: ["ulr"],
  },
  {
    name: "a member on leave at the flight's base leaves it to one who positions in",
    flights: [flight("out", "JFK-BOS", "2030-03-01T12:00:00Z", 90)],
    extra: [flight("ride", "BOS-JFK", "2030-03-01T09:00:00Z", 60)],
    members: [
      member({
        id: "a",
        unavailability: [{
          startsAt: Date.parse("2030-03-01T00:00:00Z"),
          endsAt: Date.parse("2030-03-02T00:00:00Z"),
        }],
      }),
      captain("b", "BOS"),
    ],
    // From BOS the pairing rides in and works the flight straight after the ride.
    legs: { b: ["~ride", "out"] },
    unfilled: [],
  },
  {
    name: "a feeder leads straight into the flight, not to a chain that skips it",
    flights: [
      flight("in", "BOS-JFK", "2030-03-01T08:00:00Z", 60),
      flight("out", "JFK-ORD", "2030-03-01T12:00:00Z", 120),
      flight("back", "ORD-BOS", "2030-03-01T16:00:00Z", 120),
    ],
    members: [captain("b", "BOS")],
    legs: { b: ["in", "out", "back"] },
    unfilled: [],
  },
  {
    name: "two pairings from one base go to two members when their times overlap",
    flights: [
      flight("o1", "JFK-BOS", "2030-03-01T12:00:00Z", 90),
      flight("o2", "JFK-ORD", "2030-03-01T12:30:00Z", 120),
      flight("b1", "BOS-JFK", "2030-03-01T15:00:00Z", 90),
      flight("b2", "ORD-JFK", "2030-03-01T16:00:00Z", 120),
    ],
    members: [captain("a", "JFK"), captain("b", "JFK"), captain("c", "BOS")],
    legs: { a: ["o1", "b1"], b: ["o2", "b2"] },
    unfilled: [],
  },
];

for (const c of CASES) {
  Deno.test(`crew pairings: ${c.name}`, () => {
    const result = plan(c.flights, c.members, c.extra);
    const legs: Record<string, string[]> = {};
    for (const p of result.pairings) {
      legs[p.crewId] = [
        ...(legs[p.crewId] ?? []),
        ...p.legs.map((l) => (l.positioning ? "~" : "") + l.flight.id),
      ];
      assert.equal(p.legs[0].flight.origin, p.base, "starts at the base");
      assert.equal(p.legs.at(-1)!.flight.destination, p.base, "ends at the base");
    }
    assert.deepEqual(legs, c.legs);
    const unfilled = result.flights.filter((f) => f.unfilled.length).map((f) => f.flightId);
    assert.deepEqual(unfilled, c.unfilled);
  });
}

Deno.test("crew pairings: every leg is legal against the member's whole plan", () => {
  const flights: CrewFlight[] = [];
  const airports = ["JFK", "BOS", "ORD"];
  for (let day = 0; day < 4; day++) {
    for (
      const [i, [from, to]] of [["JFK", "BOS"], ["BOS", "JFK"], ["JFK", "ORD"], ["ORD", "JFK"], [
        "BOS",
        "ORD",
      ], ["ORD", "BOS"]].entries()
    ) {
      const dep = Date.parse("2030-03-01T11:00:00Z") + day * 86_400_000 + i * 75 * 60_000;
      flights.push(
        flight(`d${day}-${from}${to}`, `${from}-${to}`, new Date(dep).toISOString(), 100),
      );
    }
  }
  const members = airports.flatMap((base, i) => [captain(`c${i}a`, base), captain(`c${i}b`, base)]);
  const result = plan(flights, members);
  const roster = new Map<string, CrewFlight[]>();
  for (const p of result.pairings) {
    roster.set(p.crewId, [
      ...(roster.get(p.crewId) ?? []),
      ...p.legs.map((l) => ({ ...l.flight, positioning: l.positioning || undefined })),
    ]);
  }
  assert.ok(result.pairings.length >= 6, `${result.pairings.length} pairings`);
  for (const [crewId, schedule] of roster) {
    const m = members.find((x) => x.id === crewId)!;
    for (const f of schedule) {
      assert.deepEqual(
        checkAssignment({ member: m, position: "captain", flight: f, assigned: schedule }),
        [],
        `${crewId} on ${f.id}`,
      );
    }
  }
});
