import assert from "node:assert/strict";
import { checkAssignment } from "../../../domain/crew/legality.ts";
import type { CrewFlight, CrewMemberFacts, CrewRole } from "../../../domain/crew/model.ts";
import { flight, member, series } from "./support.ts";

interface Case {
  name: string;
  member?: Partial<CrewMemberFacts>;
  position?: CrewRole;
  flight: CrewFlight;
  assigned?: CrewFlight[];
  codes: string[];
}

const NY = "America/New_York";

// Earlier duty: JFK→BOS arriving 10:00Z, released 10:30Z.
const earlier = flight("e", "JFK-BOS", "2030-03-01T08:00:00Z", 120);
// Later duty: BOS→JFK departing 2030-03-03T08:00Z, report 07:00Z.
const later = flight("l", "BOS-JFK", "2030-03-03T08:00:00Z", 90);

// 99 h over 11 flights within three weeks, then one more flight.
const busyMonth = series("m", "2030-03-01T08:00:00Z", 11, 48, 9 * 60);
// 999 h over 111 flights in 333 days.
const busyYear = series("y", "2029-03-01T08:00:00Z", 111, 72, 9 * 60);
const afterYear = "2030-01-29T08:00:00Z";

const CASES: Case[] = [
  {
    name: "a free member on a rated type",
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90),
    codes: [],
  },
  // Rest between duties.
  {
    name: "exactly 10 h rest after the previous duty",
    flight: flight("n", "BOS-JFK", "2030-03-01T21:30:00Z", 90),
    assigned: [earlier],
    codes: [],
  },
  {
    name: "9 h 59 min rest after the previous duty",
    flight: flight("n", "BOS-JFK", "2030-03-01T21:29:00Z", 90),
    assigned: [earlier],
    codes: ["rest"],
  },
  {
    name: "exactly 10 h rest before the next duty",
    flight: flight("n", "JFK-BOS", "2030-03-02T19:00:00Z", 90),
    assigned: [later],
    codes: [],
  },
  {
    name: "9 h 59 min rest before the next duty",
    flight: flight("n", "JFK-BOS", "2030-03-02T19:01:00Z", 90),
    assigned: [later],
    codes: ["rest"],
  },
  // Chaining into one duty.
  {
    name: "a turn of exactly 4 h at the arrival airport continues the duty",
    flight: flight("n", "BOS-JFK", "2030-03-01T14:00:00Z", 90),
    assigned: [earlier],
    codes: [],
  },
  {
    name: "a turn of 4 h 01 min starts a new duty without rest",
    flight: flight("n", "BOS-JFK", "2030-03-01T14:01:00Z", 90),
    assigned: [earlier],
    codes: ["rest"],
  },
  {
    name: "a quick turn at the arrival airport is one duty, not an overlap",
    flight: flight("n", "BOS-JFK", "2030-03-01T10:30:00Z", 90),
    assigned: [earlier],
    codes: [],
  },
  // Overlap.
  {
    name: "a departure from another airport inside the previous duty window",
    flight: flight("n", "LGA-BOS", "2030-03-01T11:00:00Z", 60),
    assigned: [earlier],
    codes: ["overlap", "position"],
  },
  {
    name: "report exactly at the previous release from another airport is no overlap but no rest",
    flight: flight("n", "LGA-BOS", "2030-03-01T11:30:00Z", 60),
    assigned: [earlier],
    codes: ["position", "rest"],
  },
  {
    name: "two flights in the air at the same time",
    flight: flight("n", "BOS-JFK", "2030-03-01T09:00:00Z", 60),
    assigned: [earlier],
    codes: ["overlap"],
  },
  // Flight time in 672 h.
  {
    name: "exactly 100 h in 672 h",
    flight: flight("n", "BOS-JFK", "2030-03-23T08:00:00Z", 60),
    assigned: busyMonth,
    codes: [],
  },
  {
    name: "100 h 01 min in 672 h",
    flight: flight("n", "BOS-JFK", "2030-03-23T08:00:00Z", 61),
    assigned: busyMonth,
    codes: ["flight_time_672h"],
  },
  {
    name: "a window after the new flight going over 100 h",
    member: { homeBase: "BOS" },
    flight: flight("n", "BOS-JFK", "2030-02-27T08:00:00Z", 61),
    assigned: busyMonth,
    codes: ["flight_time_672h"],
  },
  {
    // The window ending at the new arrival starts 5 h into a 10 h flight: 5 + 90 + 1 = 96 h.
    name: "only the part of a flight inside the window counts",
    flight: flight("n", "BOS-JFK", "2030-03-29T04:00:00Z", 60),
    assigned: [
      flight("p", "JFK-BOS", "2030-03-01T00:00:00Z", 600),
      ...series("q", "2030-03-05T08:00:00Z", 9, 48, 600),
    ],
    codes: [],
  },
  // Flight time in 365 days.
  {
    name: "exactly 1,000 h in 365 days",
    flight: flight("n", "BOS-JFK", afterYear, 60),
    assigned: busyYear,
    codes: [],
  },
  {
    name: "1,000 h 01 min in 365 days",
    flight: flight("n", "BOS-JFK", afterYear, 61),
    assigned: busyYear,
    codes: ["flight_time_365d"],
  },
  // Flight duty period (report 60 min before departure). Sectors stay within what a
  // two-pilot crew may fly (augmented_test.ts covers longer ones).
  {
    name: "FDP of exactly 14 h for two segments reported at 07:00",
    flight: flight("n", "BOS-JFK", "2030-03-01T15:00:00Z", 6 * 60),
    assigned: [flight("s1", "JFK-BOS", "2030-03-01T08:00:00Z", 6 * 60)],
    codes: [],
  },
  {
    name: "FDP of 14 h 01 min for two segments reported at 07:00",
    flight: flight("n", "BOS-JFK", "2030-03-01T15:00:00Z", 6 * 60 + 1),
    assigned: [flight("s1", "JFK-BOS", "2030-03-01T08:00:00Z", 6 * 60)],
    codes: ["fdp"],
  },
  // Positioning (14 CFR 117.3): before a worked flight it is part of the FDP; after the last
  // worked flight it is duty but not FDP; past Table B it needs rest as long as the duty.
  {
    name: "positioning home after the last worked flight is duty, not FDP",
    flight: flight("n", "BOS-JFK", "2030-03-01T15:00:00Z", 6 * 60 + 1, { positioning: true }),
    assigned: [flight("s1", "JFK-BOS", "2030-03-01T08:00:00Z", 6 * 60)],
    codes: [],
  },
  {
    name: "positioning before a worked flight counts in its FDP (14 h 01 min, one segment)",
    flight: flight("n", "BOS-JFK", "2030-03-01T15:00:00Z", 6 * 60 + 1),
    assigned: [flight("s1", "JFK-BOS", "2030-03-01T08:00:00Z", 6 * 60, { positioning: true })],
    codes: ["fdp"],
  },
  {
    name: "13 h rest after an 18 h 30 min positioning duty (past Table B's 10 h) is too short",
    flight: flight("n", "SIN-JFK", "2030-03-02T07:30:00Z", 120),
    assigned: [flight("p", "JFK-SIN", "2030-03-01T00:00:00Z", 17 * 60, { positioning: true })],
    codes: ["rest"],
  },
  {
    name: "18 h 30 min rest after an 18 h 30 min positioning duty",
    flight: flight("n", "SIN-JFK", "2030-03-02T13:00:00Z", 120),
    assigned: [flight("p", "JFK-SIN", "2030-03-01T00:00:00Z", 17 * 60, { positioning: true })],
    codes: [],
  },
  {
    name: "report time read in the departure airport's zone (06:00 in New York: 13 h)",
    flight: flight("n", "BOS-JFK", "2030-03-01T19:00:00Z", 5 * 60 + 30, { originTz: NY }),
    assigned: [flight("s1", "JFK-BOS", "2030-03-01T12:00:00Z", 6 * 60, { originTz: NY })],
    codes: ["fdp"],
  },
  {
    name: "FDP of 9 h for a 02:00 report",
    flight: flight("n", "BOS-JFK", "2030-03-01T08:00:00Z", 3 * 60),
    assigned: [flight("s1", "JFK-BOS", "2030-03-01T03:00:00Z", 4 * 60)],
    codes: [],
  },
  {
    name: "FDP of 9 h 01 min for a 02:00 report",
    flight: flight("n", "BOS-JFK", "2030-03-01T08:00:00Z", 3 * 60 + 1),
    assigned: [flight("s1", "JFK-BOS", "2030-03-01T03:00:00Z", 4 * 60)],
    codes: ["fdp"],
  },
  {
    name: "third segment of a 17:30 report within 11 h",
    flight: flight("n", "JFK-BOS", "2030-03-02T03:00:00Z", 90),
    assigned: [
      flight("s1", "JFK-BOS", "2030-03-01T18:30:00Z", 180),
      flight("s2", "BOS-JFK", "2030-03-01T22:00:00Z", 180),
    ],
    codes: [],
  },
  {
    name: "third segment of a 17:30 report past 11 h",
    flight: flight("n", "JFK-BOS", "2030-03-02T03:00:00Z", 91),
    assigned: [
      flight("s1", "JFK-BOS", "2030-03-01T18:30:00Z", 180),
      flight("s2", "BOS-JFK", "2030-03-01T22:00:00Z", 180),
    ],
    codes: ["fdp"],
  },
  {
    name: "fifth segment of a 05:00 report past 11 h 30 min",
    flight: flight("n", "JFK-BOS", "2030-03-01T15:31:00Z", 60),
    assigned: [
      flight("s1", "JFK-BOS", "2030-03-01T06:00:00Z", 60),
      flight("s2", "BOS-JFK", "2030-03-01T08:00:00Z", 60),
      flight("s3", "JFK-BOS", "2030-03-01T10:30:00Z", 60),
      flight("s4", "BOS-JFK", "2030-03-01T12:30:00Z", 60),
    ],
    codes: ["fdp"],
  },
  {
    name: "fifth segment of a 05:00 report at exactly 11 h 30 min",
    flight: flight("n", "JFK-BOS", "2030-03-01T15:30:00Z", 60),
    assigned: [
      flight("s1", "JFK-BOS", "2030-03-01T06:00:00Z", 60),
      flight("s2", "BOS-JFK", "2030-03-01T08:00:00Z", 60),
      flight("s3", "JFK-BOS", "2030-03-01T10:30:00Z", 60),
      flight("s4", "BOS-JFK", "2030-03-01T12:30:00Z", 60),
    ],
    codes: [],
  },
  // Position: the member reports where they are and lands where their next flight leaves.
  {
    name: "a first flight away from the home base",
    flight: flight("n", "BOS-JFK", "2030-03-05T10:00:00Z", 90),
    codes: ["position"],
  },
  {
    name: "a flight from where the previous one landed, days later",
    flight: flight("n", "BOS-JFK", "2030-03-05T10:00:00Z", 90),
    assigned: [earlier],
    codes: [],
  },
  {
    name: "a departure from base the morning after landing elsewhere",
    flight: flight("n", "JFK-BOS", "2030-03-02T08:00:00Z", 90),
    assigned: [earlier],
    codes: ["position"],
  },
  {
    name: "a flight inserted between two that leaves the next one stranded",
    flight: flight("n", "BOS-LGA", "2030-03-02T08:00:00Z", 60),
    assigned: [earlier, later],
    codes: ["position"],
  },
  {
    name: "a flight inserted between two that keeps the chain",
    flight: flight("n", "BOS-ORD", "2030-03-02T08:00:00Z", 120),
    assigned: [earlier, flight("o", "ORD-BOS", "2030-03-03T08:00:00Z", 120)],
    codes: [],
  },
  {
    name: "a positioning leg moves the member like a worked one",
    flight: flight("n", "LGA-JFK", "2030-03-02T08:00:00Z", 60),
    assigned: [earlier, flight("d", "BOS-LGA", "2030-03-01T13:00:00Z", 60, { positioning: true })],
    codes: [],
  },
  {
    name: "a positioning leg needs no type rating and counts no flight time",
    flight: flight("n", "BOS-JFK", "2030-03-23T08:00:00Z", 600, {
      aircraftType: "B789",
      positioning: true,
    }),
    assigned: busyMonth,
    codes: [],
  },
  // Qualification.
  {
    name: "an aircraft type the member is not rated on",
    flight: flight("n", "JFK-LHR", "2030-03-05T10:00:00Z", 420, { aircraftType: "B789" }),
    codes: ["type_rating"],
  },
  {
    name: "cabin crew need a type rating too",
    member: { role: "flight_attendant", typeRatings: ["E195"] },
    position: "flight_attendant",
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90),
    codes: ["type_rating"],
  },
  {
    name: "an inactive member",
    member: { active: false },
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90),
    codes: ["inactive"],
  },
  {
    name: "a first officer in the captain's seat",
    member: { role: "first_officer" },
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90),
    codes: ["role"],
  },
  {
    name: "a captain in the first officer's seat",
    position: "first_officer",
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90),
    codes: [],
  },
  {
    name: "a purser working as a flight attendant",
    member: { role: "purser" },
    position: "flight_attendant",
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90),
    codes: [],
  },
  {
    name: "a flight attendant in the purser's position",
    member: { role: "flight_attendant" },
    position: "purser",
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90),
    codes: ["role"],
  },
  // Unavailability against the duty window 09:00-11:00.
  {
    name: "leave ending exactly at report",
    member: { unavailability: [{ startsAt: 0, endsAt: Date.parse("2030-03-05T09:00:00Z") }] },
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 60),
    codes: [],
  },
  {
    name: "leave ending 1 min after report",
    member: { unavailability: [{ startsAt: 0, endsAt: Date.parse("2030-03-05T09:01:00Z") }] },
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 60),
    codes: ["unavailable"],
  },
  {
    name: "leave starting exactly at release",
    member: {
      unavailability: [{
        startsAt: Date.parse("2030-03-05T11:30:00Z"),
        endsAt: Date.parse("2030-03-09T00:00:00Z"),
      }],
    },
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 60),
    codes: [],
  },
  // Several at once.
  {
    name: "every broken rule is listed together",
    member: {
      role: "flight_attendant",
      active: false,
      unavailability: [{ startsAt: 0, endsAt: Date.parse("2030-03-02T00:00:00Z") }],
    },
    // 18 h 30 min needs four pilots, and is longer than even they may be on duty (19 h).
    flight: flight("n", "LGA-BOS", "2030-03-01T11:00:00Z", 18.5 * 60, { aircraftType: "B789" }),
    assigned: [earlier, flight("l2", "BOS-JFK", "2030-03-02T16:00:00Z", 90)],
    codes: ["inactive", "role", "type_rating", "unavailable", "overlap", "position", "rest", "fdp"],
  },
];

for (const c of CASES) {
  Deno.test(`crew legality: ${c.name}`, () => {
    const found = checkAssignment({
      member: member(c.member),
      position: c.position ?? "captain",
      flight: c.flight,
      assigned: c.assigned ?? [],
    });
    assert.deepEqual(found.map((v) => v.code), c.codes, JSON.stringify(found, null, 1));
    for (const v of found) assert.ok(v.message.length > 0);
  });
}

Deno.test("crew legality: violations carry the figures that broke the rule", () => {
  const [rest] = checkAssignment({
    member: member(),
    position: "captain",
    flight: flight("n", "BOS-JFK", "2030-03-01T21:29:00Z", 90),
    assigned: [earlier],
  });
  assert.equal(rest.restMinutes, 599);
  assert.equal(rest.requiredMinutes, 600);
  assert.equal(rest.flightId, "e");
  const [time] = checkAssignment({
    member: member(),
    position: "captain",
    flight: flight("n", "BOS-JFK", "2030-03-23T08:00:00Z", 61),
    assigned: busyMonth,
  });
  assert.equal(time.flightMinutes, 100 * 60 + 1);
  assert.equal(time.limitMinutes, 6000);
  const [fdp] = checkAssignment({
    member: member(),
    position: "captain",
    flight: flight("n", "BOS-JFK", "2030-03-01T19:00:00Z", 5 * 60 + 30, { originTz: NY }),
    assigned: [flight("s1", "JFK-BOS", "2030-03-01T12:00:00Z", 6 * 60, { originTz: NY })],
  });
  assert.deepEqual(
    [fdp.fdpMinutes, fdp.limitMinutes, fdp.segments, fdp.pilots, fdp.reportLocal],
    [13 * 60 + 30, 13 * 60, 2, 2, "2030-03-01T06:00"],
  );
});

Deno.test("crew legality: the flight itself among the assigned flights is ignored", () => {
  const f = flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90);
  assert.deepEqual(
    checkAssignment({ member: member(), position: "captain", flight: f, assigned: [f] }),
    [],
  );
});

Deno.test("crew legality: firstOnly stops at the first broken rule", () => {
  const found = checkAssignment({
    member: member({ active: false, role: "purser" }),
    position: "captain",
    flight: flight("n", "JFK-BOS", "2030-03-05T10:00:00Z", 90),
    assigned: [],
  }, { firstOnly: true });
  assert.deepEqual(found.map((v) => v.code), ["inactive"]);
});
