import assert from "node:assert/strict";
import { layoutSeatProblems, SeatLayoutSchema } from "../../domain/seat_layout.ts";
import { DEMO_AIRCRAFT_TYPES } from "../../db/demo/aircraft_types.ts";

const economy = {
  code: "Y",
  name: "Economy",
  firstRow: 10,
  lastRow: 14,
  seatsAcross: "ABC|DEF",
  skipRows: [13],
};
const business = { code: "J", name: "Business", firstRow: 1, lastRow: 2, seatsAcross: "A|DG|K" };

// [what, cabins, the problems' paths]
const cases: [string, unknown[], string[]][] = [
  ["a layout naming only real seats", [
    business,
    { ...economy, blockedSeats: ["10C", "14F"], missingSeats: ["12A"] },
  ], []],
  ["a blocked seat in a row before the cabin", [{ ...economy, blockedSeats: ["9A"] }], [
    "cabins.0.blockedSeats.0",
  ]],
  ["a missing seat in a row after the cabin", [{ ...economy, missingSeats: ["10A", "15A"] }], [
    "cabins.0.missingSeats.1",
  ]],
  ["a blocked seat in a skipped row", [{ ...economy, blockedSeats: ["13B"] }], [
    "cabins.0.blockedSeats.0",
  ]],
  ["a letter the cabin does not have", [business, { ...economy, blockedSeats: ["11G"] }], [
    "cabins.1.blockedSeats.0",
  ]],
  ["a seat of another cabin", [business, { ...economy, missingSeats: ["1A"] }], [
    "cabins.1.missingSeats.0",
  ]],
  ["a seat both blocked and missing", [{
    ...economy,
    blockedSeats: ["11A"],
    missingSeats: ["11A"],
  }], [
    "cabins.0.blockedSeats.0",
  ]],
  ["a cabin whose every seat is missing", [
    business,
    { ...economy, firstRow: 10, lastRow: 10, seatsAcross: "AB", missingSeats: ["10A", "10B"] },
  ], ["cabins.1"]],
  ["a cabin made only of skipped rows", [{ ...economy, firstRow: 13, lastRow: 13 }], ["cabins.0"]],
];

for (const [what, cabins, paths] of cases) {
  Deno.test(`seat layout problems: ${what} → ${paths.length ? paths.join(", ") : "none"}`, () => {
    const layout = SeatLayoutSchema.parse({ cabins });
    const problems = layoutSeatProblems(layout);
    assert.deepEqual(problems.map((p) => p.path), paths);
    for (const p of problems) assert.ok(p.message.length > 0);
  });
}

Deno.test("seat layout problems: the message names the seat and the cabin's rows and letters", () => {
  const [problem] = layoutSeatProblems(
    SeatLayoutSchema.parse({ cabins: [{ ...economy, blockedSeats: ["13B"] }] }),
  );
  assert.match(problem.message, /13B/);
  assert.match(problem.message, /rows 10-14 without 13/);
  assert.match(problem.message, /ABCDEF/);
});

Deno.test("seat layout problems: every demo aircraft layout has none", () => {
  for (const t of DEMO_AIRCRAFT_TYPES) {
    assert.deepEqual(layoutSeatProblems(SeatLayoutSchema.parse(t.layout)), [], t.code);
  }
});
