import assert from "node:assert/strict";
import {
  checkJourney,
  connectionRules,
  type JourneyRule,
  journeyStatus,
  seatsToGiveBack,
  type SegmentStatus,
  type SegmentTimes,
} from "../../domain/journey.ts";

/** A flight from "HH:MM" on day `day` of March 2030 (UTC), lasting `hours`. */
function leg(id: string, route: string, day: number, time: string, hours: number): SegmentTimes {
  const [origin, destination] = route.split("-");
  const departureAt = new Date(`2030-03-${String(day).padStart(2, "0")}T${time}:00Z`);
  return {
    flightId: id,
    origin,
    destination,
    departureAt,
    arrivalAt: new Date(departureAt.getTime() + hours * 3_600_000),
  };
}

const rules = connectionRules({ SIN: 45, LHR: 90 });

const cases: [string, SegmentTimes[], JourneyRule | "one_way" | "round_trip"][] = [
  ["a direct flight", [leg("a", "FRA-SIN", 1, "10:00", 12)], "one_way"],
  [
    "FRA→SIN→SYD with 2 h at SIN",
    [leg("a", "FRA-SIN", 1, "10:00", 12), leg("b", "SIN-SYD", 2, "00:00", 8)],
    "one_way",
  ],
  [
    "exactly SIN's own 45 min minimum",
    [leg("a", "FRA-SIN", 1, "10:00", 12), leg("b", "SIN-SYD", 1, "22:45", 8)],
    "one_way",
  ],
  [
    "44 min at SIN",
    [leg("a", "FRA-SIN", 1, "10:00", 12), leg("b", "SIN-SYD", 1, "22:44", 8)],
    "connection_too_short",
  ],
  [
    "60 min at LHR, whose minimum is 90",
    [leg("a", "ZRH-LHR", 1, "08:00", 2), leg("b", "LHR-JFK", 1, "11:00", 8)],
    "connection_too_short",
  ],
  [
    "default 60 min at an airport with none of its own",
    [leg("a", "ZRH-FRA", 1, "08:00", 1), leg("b", "FRA-JFK", 1, "09:59", 8)],
    "connection_too_short",
  ],
  [
    "exactly 6 h layover",
    [leg("a", "ZRH-FRA", 1, "08:00", 1), leg("b", "FRA-JFK", 1, "15:00", 8)],
    "one_way",
  ],
  [
    "6 h 1 min layover",
    [leg("a", "ZRH-FRA", 1, "08:00", 1), leg("b", "FRA-JFK", 1, "15:01", 8)],
    "layover_too_long",
  ],
  [
    "a second leg from elsewhere",
    [leg("a", "ZRH-FRA", 1, "08:00", 1), leg("b", "MUC-JFK", 1, "11:00", 8)],
    "segments_not_connected",
  ],
  [
    "a second leg leaving before the first lands",
    [leg("a", "ZRH-FRA", 1, "08:00", 3), leg("b", "FRA-JFK", 1, "10:00", 8)],
    "segments_out_of_order",
  ],
  [
    "the same flight twice",
    [leg("a", "ZRH-FRA", 1, "08:00", 1), leg("a", "FRA-ZRH", 3, "08:00", 1)],
    "duplicate_flight",
  ],
  [
    "five segments",
    [
      leg("a", "ZRH-FRA", 1, "08:00", 1),
      leg("b", "FRA-JFK", 1, "11:00", 8),
      leg("c", "JFK-FRA", 5, "18:00", 8),
      leg("d", "FRA-ZRH", 6, "04:00", 1),
      leg("e", "ZRH-GVA", 6, "07:00", 1),
    ],
    "too_many_segments",
  ],
  [
    "a round trip with a four-day stay",
    [leg("a", "ZRH-JFK", 1, "08:00", 9), leg("b", "JFK-ZRH", 5, "18:00", 8)],
    "round_trip",
  ],
  [
    "a round trip of connections, FRA→SIN→SYD and back",
    [
      leg("a", "FRA-SIN", 1, "10:00", 12),
      leg("b", "SIN-SYD", 2, "00:00", 8),
      leg("c", "SYD-SIN", 9, "10:00", 8),
      leg("d", "SIN-FRA", 9, "20:00", 13),
    ],
    "round_trip",
  ],
  [
    "a round trip whose way back connects for 7 h",
    [
      leg("a", "FRA-SIN", 1, "10:00", 12),
      leg("b", "SIN-SYD", 2, "00:00", 8),
      leg("c", "SYD-SIN", 9, "10:00", 8),
      leg("d", "SIN-FRA", 9, "01:00", 13),
    ],
    "segments_out_of_order",
  ],
  [
    "a round trip whose outbound connects for 7 h",
    [
      leg("a", "FRA-SIN", 1, "10:00", 12),
      leg("b", "SIN-SYD", 2, "05:00", 8),
      leg("c", "SYD-SIN", 9, "10:00", 8),
      leg("d", "SIN-FRA", 9, "20:00", 13),
    ],
    "layover_too_long",
  ],
  [
    "a return leaving before the outbound lands",
    [leg("a", "ZRH-JFK", 1, "08:00", 9), leg("b", "JFK-ZRH", 1, "16:00", 8)],
    "segments_out_of_order",
  ],
  [
    "a return leaving 30 min after the outbound lands",
    [leg("a", "ZRH-JFK", 1, "08:00", 9), leg("b", "JFK-ZRH", 1, "17:30", 8)],
    "connection_too_short",
  ],
];

for (const [name, segments, expected] of cases) {
  Deno.test(`journey rules: ${name} → ${expected}`, () => {
    const result = checkJourney(segments, rules);
    if (result.ok) assert.equal(result.shape.kind, expected);
    else assert.equal(result.violation.rule, expected, result.violation.detail);
  });
}

Deno.test("journey rules: the violation names the segment and the airport", () => {
  const result = checkJourney(
    [leg("a", "ZRH-LHR", 1, "08:00", 2), leg("b", "LHR-JFK", 1, "11:00", 8)],
    rules,
  );
  assert.ok(!result.ok);
  assert.equal(result.violation.segment, 1);
  assert.match(result.violation.detail, /LHR.*90 min/);
});

Deno.test("journey rules: a round trip's shape marks where the way back starts", () => {
  const result = checkJourney(
    [
      leg("a", "FRA-SIN", 1, "10:00", 12),
      leg("b", "SIN-SYD", 2, "00:00", 8),
      leg("c", "SYD-SIN", 9, "10:00", 8),
      leg("d", "SIN-FRA", 9, "20:00", 13),
    ],
    rules,
  );
  assert.ok(result.ok);
  assert.equal(result.shape.returnStartsAt, 2);
  assert.deepEqual(result.shape.groundMinutes, [120, 10_200, 120]);
});

Deno.test("journey rules: overnight connections up to 24 h when the rules allow them", () => {
  const overnight = connectionRules({}, 24 * 60);
  const segments = [leg("a", "ZRH-FRA", 1, "20:00", 1), leg("b", "FRA-JFK", 2, "09:00", 8)];
  assert.equal(checkJourney(segments, rules).ok, false);
  assert.equal(checkJourney(segments, overnight).ok, true);
});

const states: [SegmentStatus[], ReturnType<typeof journeyStatus>, number[]][] = [
  [["held"], "held", []],
  [["held", "held"], "held", []],
  [["confirmed", "confirmed"], "confirmed", []],
  [["confirmed", "held"], "failed", [0, 1]],
  [["held", "expired"], "expired", [0]],
  [["expired", "expired"], "expired", []],
  [["confirmed", "expired"], "failed", [0]],
  [["held", "released"], "failed", [0]],
  [["confirmed", "released"], "failed", [0]],
  [["cancelled", "cancelled"], "cancelled", []],
  [["confirmed", "cancelled"], "confirmed", []],
  [[], "failed", []],
];

for (const [segments, status, giveBack] of states) {
  Deno.test(`journey state: [${segments.join(", ")}] → ${status}`, () => {
    assert.equal(journeyStatus(segments), status);
    assert.deepEqual(seatsToGiveBack(segments), giveBack);
  });
}
