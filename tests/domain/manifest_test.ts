import assert from "node:assert/strict";
import { csvCell, csvLine } from "../../domain/csv_write.ts";
import { buildManifest, exitRowProblem, type ManifestPassenger } from "../../domain/manifest.ts";

const DEPARTURE = new Date("2030-06-15T10:00:00Z");

// [date of birth, problem at DEPARTURE or null when the passenger may sit in an exit row]
const ages: [string | null, string | null][] = [
  ["1990-01-01", null],
  ["2015-06-15", null], // 15 on the day of departure
  ["2015-06-16", "under 15 (14 at departure)"], // 15 the day after
  ["2020-02-29", "under 15 (10 at departure)"],
  ["2029-01-01", "infant (1 at departure)"],
  ["2030-06-01", "infant (0 at departure)"],
  [null, "age unknown (no date of birth)"],
];

for (const [dob, problem] of ages) {
  Deno.test(`manifest: born ${dob ?? "unknown"}, exit row ${problem ?? "allowed"}`, () => {
    assert.equal(exitRowProblem(dob, DEPARTURE), problem);
  });
}

// [value, CSV cell]
const cells: [string | number | null, string][] = [
  ["Lovelace", "Lovelace"],
  ["O'Brien", "O'Brien"],
  ["Smith, Jr", '"Smith, Jr"'],
  ['say "hi"', '"say ""hi"""'],
  ["two\nlines", '"two\nlines"'],
  ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ["+1 555", "'+1 555"],
  ["-2", "'-2"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\tx", "'\tx"],
  ["\rx", `"'\rx"`],
  [" padded", '" padded"'],
  [-2, "-2"],
  [17, "17"],
  [null, ""],
  ["", ""],
];

for (const [value, cell] of cells) {
  Deno.test(`csv: ${JSON.stringify(value)} is written ${JSON.stringify(cell)}`, () => {
    assert.equal(csvCell(value), cell);
  });
}

Deno.test("csv: a line is its cells joined by commas and ended by CRLF", () => {
  assert.equal(csvLine(["a", 1, null, "b,c"]), 'a,1,,"b,c"\r\n');
});

function passenger(seat: string | null, cabin: string, dob: string | null, last: string) {
  return {
    bookingId: `b-${last}`,
    pnr: "ABCDEF",
    ticketNumber: "0001234567890",
    firstName: "A",
    lastName: last,
    dateOfBirth: dob,
    seat,
    cabin,
    status: "open",
    checkinSequence: null,
  } satisfies ManifestPassenger;
}

Deno.test("manifest: exit rows by cabin flag only the ineligible, in seat order, unseated last", () => {
  const rows = buildManifest([
    passenger(null, "Y", "1990-01-01", "Nobody"),
    passenger("12C", "Y", "2020-01-01", "Kid"),
    passenger("11A", "J", "2020-01-01", "Front"), // row 11 is an exit row in Y, not in J
    passenger("9F", "Y", "1990-01-01", "Early"),
    passenger("12A", "Y", "1970-01-01", "Adult"),
  ], {
    departureAt: DEPARTURE,
    exitRows: { Y: [11, 12] },
    connections: new Map([["b-Adult", { outbound: { flight: "CT 2", airport: "FRA", at: "x" } }]]),
  });
  assert.deepEqual(
    rows.map((r) => [r.lastName, r.exitRow, r.exitRowEligible, r.outbound?.flight ?? null]),
    [
      ["Early", false, null, null],
      ["Front", false, null, null],
      ["Adult", true, true, "CT 2"],
      ["Kid", true, false, null],
      ["Nobody", false, null, null],
    ],
  );
});
