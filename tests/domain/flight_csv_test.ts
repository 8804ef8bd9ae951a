import assert from "node:assert/strict";
import { csvColumnOf, flightInputFromRow, parseFlightCsvHeader } from "../../domain/flight_csv.ts";

const COLUMNS = [
  "flight_number",
  "origin",
  "destination",
  "departure_local",
  "arrival_local",
  "aircraft_type",
  "fare_J",
  "fare_Y",
];

// [what, header, expected columns or problem messages]
const headers: [string, string[], { columns?: string[]; problems?: string[] }][] = [
  ["any case and order", ["FARE_y", "Origin", ...COLUMNS.slice(2, 6), " flight_number "], {
    columns: ["fare_Y", "origin", ...COLUMNS.slice(2, 6), "flight_number"],
  }],
  ["registration instead of type, with carrier and currency", [
    ...COLUMNS.slice(0, 5),
    "aircraft_registration",
    "fare_F",
    "carrier",
    "currency",
  ], {
    columns: [...COLUMNS.slice(0, 5), "aircraft_registration", "fare_F", "carrier", "currency"],
  }],
  ["an unknown column", [...COLUMNS, "gate"], { problems: ['unknown column "gate"'] }],
  ["a repeated column", [...COLUMNS, "Origin"], { problems: ["origin appears twice"] }],
  ["no aircraft and no fares", COLUMNS.slice(0, 5), {
    problems: [
      "no aircraft_type or aircraft_registration column",
      "no fare column (fare_F, fare_J, fare_W, fare_Y)",
    ],
  }],
  ["a required column missing", COLUMNS.slice(1), { problems: ["no flight_number column"] }],
];

for (const [what, fields, expected] of headers) {
  Deno.test(`flight csv: header with ${what}`, () => {
    const result = parseFlightCsvHeader(fields);
    if (expected.columns) assert.deepEqual(result, { ok: true, columns: expected.columns });
    else {
      assert.equal(result.ok, false);
      if (!result.ok) assert.deepEqual(result.problems.map((p) => p.message), expected.problems);
    }
  });
}

const GOOD = ["101", "lhr", "JFK", "2030-06-01T09:00", "2030-06-01T12:00", "B789", "250000", ""];

// [what, fields, expected reason]
const rows: [string, string[], string][] = [
  ["too few fields", GOOD.slice(1), "expected 8 fields, found 7"],
  ["a missing flight number", ["", ...GOOD.slice(1)], "flight_number: missing"],
  [
    "no aircraft",
    [...GOOD.slice(0, 5), "", ...GOOD.slice(6)],
    "aircraft_type: give an aircraft type or registration",
  ],
  [
    "a decimal fare",
    [...GOOD.slice(0, 6), "2500.00", ""],
    "fare_J: expected a whole number of minor units, e.g. 15900 for 159.00",
  ],
  ["no fare at all", [...GOOD.slice(0, 6), "", ""], "fares: at least one cabin fare is needed"],
  [
    "a bad airport code",
    [GOOD[0], "LONDON", ...GOOD.slice(2)],
    "origin: expected a 3-letter IATA code",
  ],
  [
    "a bad time",
    [...GOOD.slice(0, 3), "tomorrow", ...GOOD.slice(4)],
    "departure_local: expected a local date-time like 2030-03-01T07:05",
  ],
];

for (const [what, fields, reason] of rows) {
  Deno.test(`flight csv: a row with ${what} is rejected naming the column`, () => {
    assert.deepEqual(flightInputFromRow(COLUMNS, fields), { ok: false, reason });
  });
}

Deno.test("flight csv: a good row becomes a FlightInput with defaults", () => {
  const result = flightInputFromRow(COLUMNS, GOOD);
  assert.ok(result.ok);
  assert.deepEqual(result.input, {
    carrier: "CT",
    flightNumber: "101",
    origin: "LHR",
    destination: "JFK",
    departureLocal: "2030-06-01T09:00",
    arrivalLocal: "2030-06-01T12:00",
    aircraftType: "B789",
    baseFares: { J: 250000 },
    currency: "USD",
  });
});

Deno.test("flight csv: problem paths are named as CSV columns", () => {
  assert.equal(csvColumnOf("baseFares.W"), "fare_W");
  assert.equal(csvColumnOf("arrivalLocal"), "arrival_local");
  assert.equal(csvColumnOf("origin"), "origin");
});
