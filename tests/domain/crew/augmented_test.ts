import assert from "node:assert/strict";
import {
  augmentedFdpLimitMinutes,
  dutyCrew,
  flightDeckCrew,
} from "../../../domain/crew/augmented.ts";
import { requiredComplement, shortfall } from "../../../domain/crew/complement.ts";
import { legalAsOneDuty } from "../../../domain/crew/duty.ts";
import { checkAssignment } from "../../../domain/crew/legality.ts";
import type { CrewFlight, CrewRole } from "../../../domain/crew/model.ts";
import { layoverFits } from "../../../domain/crew/pairing.ts";
import { planPairings } from "../../../domain/crew/pairing_planner.ts";
import { planCrew } from "../../../domain/crew/planner.ts";
import { flight, member } from "./support.ts";

// [departure (UTC, report 1 h before), block minutes, pilots]: Table A, then §117.11(a)(2).
const PILOTS: [string, number, number][] = [
  ["2030-03-01T10:00:00Z", 9 * 60, 2],
  ["2030-03-01T10:00:00Z", 9 * 60 + 1, 3],
  ["2030-03-01T06:00:00Z", 9 * 60, 2],
  ["2030-03-01T21:00:00Z", 8 * 60, 2],
  ["2030-03-01T21:00:00Z", 8 * 60 + 1, 3],
  ["2030-03-01T03:00:00Z", 8 * 60 + 30, 3],
  ["2030-03-01T10:00:00Z", 13 * 60, 3],
  ["2030-03-01T10:00:00Z", 13 * 60 + 1, 4],
  ["2030-03-01T10:00:00Z", 16 * 60, 4],
];

for (const [departure, minutes, pilots] of PILOTS) {
  Deno.test(`crew augmented: ${minutes} min block departing ${departure.slice(11, 16)} needs ${pilots} pilots`, () => {
    assert.equal(flightDeckCrew(flight("f", "JFK-LHR", departure, minutes)), pilots);
  });
}

Deno.test("crew augmented: the report hour that decides is local to the departure airport", () => {
  // 03:00Z is 22:00 in New York the day before: the 8 h night limit applies there.
  const f = flight("f", "JFK-LHR", "2030-03-01T03:00:00Z", 8 * 60 + 30);
  assert.equal(flightDeckCrew(f), 3);
  assert.equal(flightDeckCrew({ ...f, departureAt: Date.parse("2030-03-01T15:00:00Z") }), 2);
  assert.equal(flightDeckCrew({ ...f, originTz: "America/New_York" }), 3);
  assert.equal(
    flightDeckCrew({
      ...f,
      originTz: "America/New_York",
      departureAt: Date.parse("2030-03-01T15:00:00Z"),
      arrivalAt: Date.parse("2030-03-01T23:30:00Z"),
    }),
    2,
  );
});

// [pilots, seats, complement]: relief pilots, a second captain in a crew of four, and one
// more cabin crew member per relief pilot.
const COMPLEMENTS: [number, number, { captains: number; pilots: number; cabin: number }][] = [
  [2, 300, { captains: 1, pilots: 2, cabin: 6 }],
  [3, 300, { captains: 1, pilots: 3, cabin: 7 }],
  [4, 300, { captains: 2, pilots: 4, cabin: 8 }],
  [3, 40, { captains: 1, pilots: 3, cabin: 2 }],
];

for (const [pilots, seats, complement] of COMPLEMENTS) {
  Deno.test(`crew augmented: ${pilots} pilots on ${seats} seats need ${JSON.stringify(complement)}`, () => {
    assert.deepEqual(requiredComplement(seats, pilots), complement);
  });
}

const SHORT: [string, number, CrewRole[], CrewRole[]][] = [
  ["an empty crew of four", 4, [], [
    "captain",
    "captain",
    "first_officer",
    "first_officer",
    "flight_attendant",
    "flight_attendant",
    "flight_attendant",
  ]],
  ["a crew of three with its standard two", 3, ["captain", "first_officer", "flight_attendant"], [
    "first_officer",
    "flight_attendant",
  ]],
  ["a crew of four with three captains", 4, [
    "captain",
    "captain",
    "captain",
    "first_officer",
    "flight_attendant",
    "flight_attendant",
    "flight_attendant",
  ], []],
];

for (const [name, pilots, crew, positions] of SHORT) {
  Deno.test(`crew augmented: ${name} lacks ${positions.join(", ") || "nothing"}`, () => {
    assert.deepEqual(shortfall(40, crew, pilots).positions, positions);
  });
}

// [report hour, pilots, limit in hours], from FAR 117 Table C (class 1 rest facility).
const TABLE_C: [number, number, number][] = [
  [0, 3, 15],
  [5, 4, 17],
  [6, 3, 16],
  [6, 4, 18.5],
  [7, 3, 17],
  [12, 4, 19],
  [13, 3, 16],
  [16, 4, 18.5],
  [17, 3, 15],
  [23, 4, 17],
];

for (const [hour, pilots, hours] of TABLE_C) {
  Deno.test(`crew augmented: FDP limit for ${pilots} pilots reporting at ${hour}:xx is ${hours} h`, () => {
    assert.equal(augmentedFdpLimitMinutes(hour, pilots), hours * 60);
  });
}

// A 10 h sector reporting at 09:00 needs three pilots: Table C allows them 17 h.
const longHaul = flight("long", "JFK-LHR", "2030-03-01T10:00:00Z", 10 * 60);
// An 8 h 30 min sector reporting at 09:00: two pilots, Table B allows 14 h for one or two legs.
const standard = flight("std", "JFK-LHR", "2030-03-01T10:00:00Z", 8 * 60 + 30);

interface DutyCase {
  name: string;
  flight: CrewFlight;
  assigned: CrewFlight[];
  codes: string[];
  crew?: number;
}

const DUTIES: DutyCase[] = [
  {
    name: "an onward leg within the 17 h of an augmented duty",
    flight: flight("n", "LHR-AMS", "2030-03-01T21:00:00Z", 4 * 60 + 59),
    assigned: [longHaul],
    codes: [],
    crew: 3,
  },
  {
    name: "an onward leg past the 17 h of an augmented duty",
    flight: flight("n", "LHR-AMS", "2030-03-01T21:00:00Z", 5 * 60 + 1),
    assigned: [longHaul],
    codes: ["fdp"],
  },
  {
    name: "a duty of 14 h 30 min with no augmented sector keeps the 14 h limit",
    flight: flight("n", "LHR-AMS", "2030-03-01T19:30:00Z", 4 * 60),
    assigned: [standard],
    codes: ["fdp"],
    crew: 2,
  },
  {
    name: "an augmented sector ridden as a positioning passenger augments nothing",
    flight: flight("n", "LHR-AMS", "2030-03-01T21:00:00Z", 3 * 60),
    assigned: [{ ...longHaul, positioning: true }],
    codes: ["fdp"],
    crew: 2,
  },
  {
    name: "a fourth segment ends the augmented limit",
    flight: flight("n", "BRU-AMS", "2030-03-02T00:00:00Z", 30),
    assigned: [
      longHaul,
      flight("s2", "LHR-CDG", "2030-03-01T21:00:00Z", 60),
      flight("s3", "CDG-BRU", "2030-03-01T22:30:00Z", 45),
    ],
    codes: ["fdp"],
  },
  {
    name: "11 h 30 min rest after an augmented duty of 11 h 30 min",
    flight: flight("n", "LHR-JFK", "2030-03-02T09:00:00Z", 8 * 60),
    assigned: [longHaul],
    codes: [],
  },
  {
    name: "11 h 29 min rest after an augmented duty of 11 h 30 min",
    flight: flight("n", "LHR-JFK", "2030-03-02T08:59:00Z", 8 * 60),
    assigned: [longHaul],
    codes: ["rest"],
  },
  {
    name: "10 h rest after an unaugmented duty of 10 h",
    flight: flight("n", "LHR-JFK", "2030-03-02T06:00:00Z", 8 * 60),
    assigned: [standard],
    codes: [],
  },
];

for (const c of DUTIES) {
  Deno.test(`crew augmented: ${c.name}`, () => {
    const found = checkAssignment({
      member: member({ typeRatings: ["A20N"] }),
      position: "captain",
      flight: c.flight,
      assigned: c.assigned,
    });
    assert.deepEqual(found.map((v) => v.code), c.codes, JSON.stringify(found, null, 1));
    if (c.crew) assert.equal(dutyCrew([...c.assigned, c.flight]), c.crew);
  });
}

Deno.test("crew augmented: both planners staff the relief positions of a long sector", () => {
  const out = flight("out", "JFK-LHR", "2030-03-01T10:00:00Z", 10 * 60);
  const back = flight("back", "LHR-JFK", "2030-03-02T10:00:00Z", 10 * 60);
  const crew = [
    member({ id: "c1" }),
    member({ id: "f1", role: "first_officer" }),
    member({ id: "f2", role: "first_officer" }),
    member({ id: "a1", role: "flight_attendant" }),
    member({ id: "a2", role: "flight_attendant" }),
  ];
  const flights = [out, back].map((f) => ({ flight: f, seats: 40, crew: [] }));
  const pairings = planPairings({
    flights,
    network: [out, back],
    freeSeats: new Map(),
    members: crew,
    assignments: new Map(),
  });
  const greedy = planCrew({ flights, members: crew, assignments: new Map() });
  for (const plans of [pairings.flights, greedy]) {
    for (const p of plans) {
      assert.deepEqual(p.unfilled, []);
      assert.deepEqual(p.proposals.map((x) => x.role).sort(), [
        "captain",
        "first_officer",
        "first_officer",
        "flight_attendant",
        "flight_attendant",
      ]);
    }
  }
});

// A sector alone as a duty, and the way back after it: 16 h 30 min LAX-DXB departing (UTC
// times, UTC zone) at a report hour Table C allows 4 pilots 18.5 h (13:00-16:59) or 17 h.
const ONE_DUTY_CASES: [string, number, boolean][] = [
  ["2030-03-01T15:40:00Z", 990, true], // report 14:40: 17 h 30 min of 18 h 30 min
  ["2030-03-01T21:50:00Z", 990, false], // report 20:50: over 17 h
  ["2030-03-01T21:50:00Z", 960, true], // 17 h exactly
  ["2030-03-01T10:00:00Z", 1030, false], // over 17 h of flight time: no crew at all may fly it
  ["2030-03-01T02:00:00Z", 480, true], // two pilots, 9 h of a 9 h limit at 01:00
];
for (const [departure, minutes, legal] of ONE_DUTY_CASES) {
  Deno.test(`crew augmented: ${minutes} min departing ${departure.slice(11, 16)} is ${legal ? "" : "not "}one legal duty`, () => {
    assert.equal(legalAsOneDuty(flight("f", "LAX-DXB", departure, minutes)), legal);
  });
}

Deno.test("crew augmented: the way back needs the rest an augmented duty asks for, within reach", () => {
  // 14 h 55 min out (16 h 25 min of duty): the rest before the way back is at least as long.
  const out = flight("o", "SYD-LAX", "2030-03-02T11:10:00Z", 895);
  const back = (at: string) => flight("b", "LAX-SYD", at, 895);
  const arrived = out.arrivalAt; // 2030-03-03T02:05Z
  const after = (h: number) => new Date(arrived + h * 3_600_000).toISOString();
  assert.equal(layoverFits(out, back(after(17))), false, "15 h 30 min of rest is too little");
  assert.equal(layoverFits(out, back(after(18))), true);
  assert.equal(layoverFits(out, back(after(40))), true, "a rest and a day: the search's reach");
  assert.equal(layoverFits(out, back(after(41))), false);
  // A short sector needs only the 10 h minimum.
  const hop = flight("h", "JFK-BOS", "2030-03-02T10:00:00Z", 60);
  assert.equal(layoverFits(hop, flight("r", "BOS-JFK", "2030-03-02T22:30:00Z", 60)), true);
  assert.equal(layoverFits(hop, flight("r", "BOS-JFK", "2030-03-02T22:00:00Z", 60)), false);
});
