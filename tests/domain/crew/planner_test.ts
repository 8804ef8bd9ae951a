import assert from "node:assert/strict";
import { checkAssignment } from "../../../domain/crew/legality.ts";
import type { CrewFlight, CrewMemberFacts, CrewRole } from "../../../domain/crew/model.ts";
import { type FlightToStaff, planCrew } from "../../../domain/crew/planner.ts";
import { locationAt } from "../../../domain/crew/position.ts";
import { flight, member } from "./support.ts";

const toStaff = (f: CrewFlight, seats = 40, crew: FlightToStaff["crew"] = []) => ({
  flight: f,
  seats,
  crew,
});

function captains(...specs: [id: string, base: string][]): CrewMemberFacts[] {
  return specs.map(([id, homeBase]) => member({ id, homeBase }));
}

Deno.test("crew planner: prefers a member already at the departure airport", () => {
  const [plan] = planCrew({
    flights: [toStaff(flight("f1", "BOS-JFK", "2030-03-05T10:00:00Z", 90), 40, [
      { crewId: "fo", role: "first_officer" },
      { crewId: "fa", role: "flight_attendant" },
    ])],
    members: captains(["a", "JFK"], ["b", "BOS"]),
    assignments: new Map(),
  });
  assert.deepEqual(plan.proposals, [{ crewId: "b", role: "captain" }]);
  assert.deepEqual(plan.unfilled, []);
});

Deno.test("crew planner: a member's location is where their last flight landed", () => {
  const earlier = flight("e", "JFK-BOS", "2030-03-04T10:00:00Z", 90);
  const members = captains(["a", "JFK"], ["b", "JFK"]);
  assert.equal(
    locationAt(members[1].homeBase, [earlier], Date.parse("2030-03-05T10:00:00Z")),
    "BOS",
  );
  assert.equal(
    locationAt(members[1].homeBase, [earlier], Date.parse("2030-03-04T09:00:00Z")),
    "JFK",
  );
  const [plan] = planCrew({
    flights: [toStaff(flight("f1", "BOS-JFK", "2030-03-05T10:00:00Z", 90), 40, [
      { crewId: "x", role: "first_officer" },
      { crewId: "y", role: "flight_attendant" },
    ])],
    members,
    assignments: new Map([["b", [earlier]]]),
  });
  assert.deepEqual(plan.proposals, [{ crewId: "b", role: "captain" }]);
});

Deno.test("crew planner: balances by flight time in the trailing 672 h", () => {
  const busy = flight("e", "BOS-JFK", "2030-03-01T10:00:00Z", 300);
  const light = flight("g", "BOS-JFK", "2030-03-01T12:00:00Z", 60);
  const [plan] = planCrew({
    flights: [toStaff(flight("f1", "JFK-BOS", "2030-03-05T10:00:00Z", 90), 40, [
      { crewId: "x", role: "first_officer" },
      { crewId: "y", role: "flight_attendant" },
    ])],
    members: captains(["a", "JFK"], ["b", "JFK"]),
    assignments: new Map([["a", [busy]], ["b", [light]]]),
  });
  assert.deepEqual(plan.proposals, [{ crewId: "b", role: "captain" }]);
});

Deno.test("crew planner: with equal hours and place, the member with fewer proposals wins", () => {
  const first = flight("f1", "JFK-BOS", "2030-03-01T10:00:00Z", 90);
  // Five weeks later neither has flight time in the trailing 672 h, and both are in Boston.
  const second = flight("f2", "BOS-JFK", "2030-04-05T10:00:00Z", 90);
  const crew = [{ crewId: "x", role: "first_officer" as CrewRole }, {
    crewId: "y",
    role: "flight_attendant" as CrewRole,
  }];
  const plans = planCrew({
    flights: [toStaff(second, 40, crew), toStaff(first, 40, crew)],
    members: captains(["a", "JFK"], ["b", "BOS"]),
    assignments: new Map(),
  });
  assert.deepEqual(plans.map((p) => [p.flightId, p.proposals[0].crewId]), [
    ["f1", "a"],
    ["f2", "b"],
  ]);
});

Deno.test("crew planner: ties go to a member in their own role, then to the lower id, every time", () => {
  const input = {
    flights: [toStaff(flight("f1", "JFK-BOS", "2030-03-05T10:00:00Z", 90))],
    members: [
      member({ id: "p2", role: "first_officer" }),
      member({ id: "c2" }),
      member({ id: "c1" }),
      member({ id: "p1", role: "first_officer" }),
      member({ id: "fa2", role: "flight_attendant" }),
      member({ id: "fa1", role: "flight_attendant" }),
    ],
    assignments: new Map(),
  };
  const [plan] = planCrew(input);
  assert.deepEqual(plan.proposals, [
    { crewId: "c1", role: "captain" },
    { crewId: "p1", role: "first_officer" },
    { crewId: "fa1", role: "flight_attendant" },
  ]);
  assert.deepEqual(planCrew(input), [plan]);
});

Deno.test("crew planner: reports positions nobody can legally fill", () => {
  const plans = planCrew({
    flights: [
      toStaff(flight("f1", "JFK-LHR", "2030-03-05T10:00:00Z", 420, { aircraftType: "B789" }), 120),
      toStaff(flight("f2", "JFK-BOS", "2030-03-05T10:30:00Z", 90), 120),
    ],
    members: [
      member({ id: "c1" }),
      member({ id: "fa1", role: "flight_attendant", typeRatings: ["A20N", "B789"] }),
    ],
    assignments: new Map(),
  });
  assert.deepEqual(plans[0], {
    flightId: "f1",
    proposals: [{ crewId: "fa1", role: "flight_attendant" }],
    unfilled: ["captain", "first_officer", "flight_attendant", "flight_attendant"],
  });
  // fa1 is on f1 already, so f2 gets only its captain.
  assert.deepEqual(plans[1], {
    flightId: "f2",
    proposals: [{ crewId: "c1", role: "captain" }],
    unfilled: ["first_officer", "flight_attendant", "flight_attendant", "flight_attendant"],
  });
});

Deno.test("crew planner: every proposal is legal against the whole resulting roster", () => {
  const airports = ["JFK", "BOS", "ORD", "MIA"];
  const flights: FlightToStaff[] = [];
  for (let i = 0; i < 60; i++) {
    const from = airports[i % 4];
    const to = airports[(i * 7 + 1) % 4] === from
      ? airports[(i + 2) % 4]
      : airports[(i * 7 + 1) % 4];
    const dep = Date.parse("2030-03-01T05:00:00Z") + i * 97 * 60_000;
    flights.push(
      toStaff(
        flight(
          `f${String(i).padStart(2, "0")}`,
          `${from}-${to}`,
          new Date(dep).toISOString(),
          60 + (i % 5) * 45,
          {
            aircraftType: i % 3 ? "A20N" : "E195",
          },
        ),
        60 + (i % 4) * 30,
      ),
    );
  }
  const members: CrewMemberFacts[] = [];
  const roles: CrewRole[] = ["captain", "first_officer", "purser", "flight_attendant"];
  for (let i = 0; i < 24; i++) {
    members.push(member({
      id: `m${String(i).padStart(2, "0")}`,
      role: roles[i % 4],
      homeBase: airports[i % 4],
      typeRatings: i % 5 ? ["A20N", "E195"] : ["A20N"],
      unavailability: i % 7 ? [] : [{
        startsAt: Date.parse("2030-03-01T12:00:00Z"),
        endsAt: Date.parse("2030-03-02T12:00:00Z"),
      }],
    }));
  }
  const existing = new Map([["m01", [flight("x", "JFK-BOS", "2030-03-01T09:00:00Z", 120)]]]);
  const plans = planCrew({ flights, members, assignments: existing });
  const roster = new Map<string, CrewFlight[]>();
  for (const [id, fs] of existing) roster.set(id, [...fs]);
  const byId = new Map(flights.map((f) => [f.flight.id, f.flight]));
  let proposed = 0;
  for (const plan of plans) {
    const positions = plan.proposals.map((p) => p.crewId);
    assert.equal(new Set(positions).size, positions.length, "nobody twice on one flight");
    for (const p of plan.proposals) {
      roster.set(p.crewId, [...(roster.get(p.crewId) ?? []), byId.get(plan.flightId)!]);
      proposed++;
    }
  }
  assert.ok(proposed > 20, `only ${proposed} proposals`);
  assert.ok(plans.some((p) => p.unfilled.length > 0), "some positions stay open");
  for (const plan of plans) {
    for (const p of plan.proposals) {
      const m = members.find((x) => x.id === p.crewId)!;
      const found = checkAssignment({
        member: m,
        position: p.role,
        flight: byId.get(plan.flightId)!,
        assigned: roster.get(p.crewId)!,
      });
      assert.deepEqual(found, [], `${p.crewId} on ${plan.flightId}`);
    }
  }
});
