import assert from "node:assert/strict";
import { departureSections, utcOffsetLabel } from "../../domain/departure_board.ts";
import { toLocal } from "../../domain/time.ts";

const AIRPORTS: Record<string, { city: string; tz: string }> = {
  LHR: { city: "London", tz: "Europe/London" },
  JFK: { city: "New York", tz: "America/New_York" },
  DEL: { city: "Delhi", tz: "Asia/Kolkata" },
};

/** A flight leaving `iata` at the instant `at`, with its local time as the database has it. */
function flight(iata: string, at: string) {
  const { city, tz } = AIRPORTS[iata];
  return {
    id: `${iata}@${at}`,
    origin: { iata, city },
    departureAt: at,
    departureLocal: toLocal(new Date(at), tz),
  };
}

// [case, flights in the order the database lists them (by instant), expected sections:
//  airport then its flights' local times, in order, with a zone beside a changed offset]
const cases: [string, ReturnType<typeof flight>[], string[][]][] = [
  [
    "London at 09:00 UTC before New York at 10:00 UTC (05:00 local): two sections",
    [flight("LHR", "2030-01-10T09:00:00Z"), flight("JFK", "2030-01-10T10:00:00Z")],
    [["LHR UTC", "09:00"], ["JFK UTC\u22125", "05:00"]],
  ],
  [
    "flights of one airport interleaved with another's stay together, in order",
    [
      flight("JFK", "2030-01-10T08:00:00Z"),
      flight("LHR", "2030-01-10T09:00:00Z"),
      flight("JFK", "2030-01-10T12:30:00Z"),
      flight("DEL", "2030-01-10T13:00:00Z"),
      flight("LHR", "2030-01-10T14:00:00Z"),
    ],
    [["JFK UTC\u22125", "03:00", "07:30"], ["LHR UTC", "09:00", "14:00"], [
      "DEL UTC+5:30",
      "18:30",
    ]],
  ],
  [
    "an unsorted input is put in departure order",
    [flight("LHR", "2030-01-10T14:00:00Z"), flight("LHR", "2030-01-10T09:00:00Z")],
    [["LHR UTC", "09:00", "14:00"]],
  ],
  [
    "across a clock change the later flight carries its own offset (01:30 BST, 01:15 GMT)",
    [flight("LHR", "2030-10-27T00:30:00Z"), flight("LHR", "2030-10-27T01:15:00Z")],
    [["LHR UTC+1", "01:30", "01:15 UTC"]],
  ],
];

for (const [name, flights, expected] of cases) {
  Deno.test(`departure board: ${name}`, () => {
    const got = departureSections(flights).map((s) => [
      `${s.airport.iata} ${s.zone}`,
      ...s.flights.map((f) => f.flight.departureLocal.slice(11, 16) + (f.zone ? ` ${f.zone}` : "")),
    ]);
    assert.deepEqual(got, expected);
  });
}

Deno.test("departure board: within a section the instants and local times both ascend", () => {
  const at = ["05:00", "09:10", "11:45", "23:50"].flatMap((t) =>
    Object.keys(AIRPORTS).map((iata) => flight(iata, `2030-01-10T${t}:00Z`))
  );
  for (const s of departureSections(at)) {
    const times = s.flights.map((f) => f.flight.departureLocal);
    assert.deepEqual(times, [...times].sort(), s.airport.iata);
  }
});

// [local, instant, label]
const offsets: [string, string, string][] = [
  ["2030-01-10T09:00:00", "2030-01-10T09:00:00Z", "UTC"],
  ["2030-07-10T10:00", "2030-07-10T09:00:00.000Z", "UTC+1"],
  ["2030-01-10T04:00:00", "2030-01-10T09:00:00Z", "UTC\u22125"],
  ["2030-01-10T14:30:00", "2030-01-10T09:00:00Z", "UTC+5:30"],
  ["2030-01-09T23:30:00", "2030-01-10T03:00:00Z", "UTC\u22123:30"],
];
for (const [local, at, label] of offsets) {
  Deno.test(`departure board: ${local} at ${at} is ${label}`, () => {
    assert.equal(utcOffsetLabel(local, at), label);
  });
}
