import assert from "node:assert/strict";
import {
  cabinCapacities,
  type CabinLayout,
  expandSeats,
  type SeatLayout,
  SeatLayoutSchema,
} from "../../domain/seat_layout.ts";
import { DEMO_AIRCRAFT_TYPES } from "../../db/demo/aircraft_types.ts";

type CabinInput = Partial<CabinLayout> & Pick<CabinLayout, "seatsAcross">;

function cabin(c: CabinInput): CabinLayout {
  return {
    code: "Y",
    name: "Economy",
    firstRow: 1,
    lastRow: 1,
    skipRows: [],
    exitRows: [],
    extraLegroomRows: [],
    blockedSeats: [],
    missingSeats: [],
    ...c,
  };
}

function layout(...cabins: CabinInput[]): SeatLayout {
  return SeatLayoutSchema.parse({ cabins: cabins.map(cabin) });
}

// [seatsAcross, window letters, aisle letters, middle letters]
const characteristics: [string, string, string, string][] = [
  ["ABC|DEF", "AF", "CD", "BE"],
  ["A|DG|K", "AK", "ADGK", ""],
  ["AC|DEFG|HK", "AK", "CDGH", "EF"],
  ["ABC|DEG|HJK", "AK", "CDGH", "BEJ"],
  ["ABCDEF", "AF", "", "BCDE"],
];

for (const [across, windows, aisles, middles] of characteristics) {
  Deno.test(`seat layout: "${across}" has windows ${windows}, aisles ${aisles}, middles ${middles || "none"}`, () => {
    const seats = expandSeats(layout({ seatsAcross: across, firstRow: 7, lastRow: 7 }));
    assert.deepEqual(seats.map((s) => s.letter).join(""), across.replaceAll("|", ""));
    assert.deepEqual(seats.filter((s) => s.window).map((s) => s.letter).join(""), windows);
    assert.deepEqual(seats.filter((s) => s.aisle).map((s) => s.letter).join(""), aisles);
    assert.deepEqual(seats.filter((s) => s.middle).map((s) => s.letter).join(""), middles);
    assert.ok(seats.every((s) => s.id === `7${s.letter}` && s.row === 7 && s.cabin === "Y"));
  });
}

Deno.test("seat layout: exit rows are flagged and imply extra legroom", () => {
  const seats = expandSeats(
    layout({
      seatsAcross: "AB|CD",
      firstRow: 10,
      lastRow: 14,
      exitRows: [12],
      extraLegroomRows: [10],
    }),
  );
  const byRow = (row: number) => seats.filter((s) => s.row === row);
  assert.ok(byRow(12).every((s) => s.exitRow && s.extraLegroom));
  assert.ok(byRow(10).every((s) => !s.exitRow && s.extraLegroom));
  for (const row of [11, 13, 14]) assert.ok(byRow(row).every((s) => !s.exitRow && !s.extraLegroom));
});

Deno.test("seat layout: skipRows leaves out row 13 entirely", () => {
  const seats = expandSeats(
    layout({ seatsAcross: "AC|DF", firstRow: 10, lastRow: 15, skipRows: [13] }),
  );
  assert.deepEqual([...new Set(seats.map((s) => s.row))], [10, 11, 12, 14, 15]);
  assert.equal(seats.length, 20);
  assert.ok(!seats.some((s) => s.id.startsWith("13")));
});

Deno.test("seat layout: missingSeats are left out and blockedSeats are kept but flagged", () => {
  const l = layout({
    seatsAcross: "ABC|DEF",
    firstRow: 1,
    lastRow: 2,
    missingSeats: ["2A", "2F"],
    blockedSeats: ["1C", "1D"],
  });
  const seats = expandSeats(l);
  assert.deepEqual(seats.map((s) => s.id), [
    "1A",
    "1B",
    "1C",
    "1D",
    "1E",
    "1F",
    "2B",
    "2C",
    "2D",
    "2E",
  ]);
  assert.deepEqual(seats.filter((s) => s.blocked).map((s) => s.id), ["1C", "1D"]);
  assert.deepEqual(cabinCapacities(l), { Y: 10 });
});

Deno.test("seat layout: seats come front to back, cabin by cabin, and capacities count them", () => {
  const l = layout(
    { code: "J", name: "Business", seatsAcross: "A|DG|K", firstRow: 1, lastRow: 2 },
    { code: "W", name: "Premium", seatsAcross: "AC|DG", firstRow: 5, lastRow: 5 },
    { code: "Y", seatsAcross: "ABC|DEF", firstRow: 10, lastRow: 12, blockedSeats: ["12C"] },
  );
  const seats = expandSeats(l);
  assert.deepEqual(seats.slice(0, 5).map((s) => `${s.cabin}${s.id}`), [
    "J1A",
    "J1D",
    "J1G",
    "J1K",
    "J2A",
  ]);
  const rows = seats.map((s) => s.row);
  assert.deepEqual(rows, [...rows].sort((a, b) => a - b));
  assert.deepEqual(cabinCapacities(l), { J: 8, W: 4, Y: 18 });
});

const base = { code: "Y", name: "Economy", firstRow: 1, lastRow: 10, seatsAcross: "ABC|DEF" };
const rejected: [string, unknown][] = [
  ["the letter I", { cabins: [{ ...base, seatsAcross: "ABC|DEFGHIJ" }] }],
  ["a duplicate letter", { cabins: [{ ...base, seatsAcross: "ABC|CDE" }] }],
  ["lastRow before firstRow", { cabins: [{ ...base, firstRow: 10, lastRow: 9 }] }],
  ["cabins out of order", {
    cabins: [{ ...base, code: "Y", firstRow: 1, lastRow: 5 }, {
      ...base,
      code: "J",
      firstRow: 6,
      lastRow: 8,
    }],
  }],
  ["overlapping rows", {
    cabins: [{ ...base, code: "J", firstRow: 1, lastRow: 5 }, {
      ...base,
      code: "Y",
      firstRow: 5,
      lastRow: 20,
    }],
  }],
  ["the same cabin twice", {
    cabins: [{ ...base, firstRow: 1, lastRow: 5 }, { ...base, firstRow: 6, lastRow: 8 }],
  }],
  ["five aisle groups", { cabins: [{ ...base, seatsAcross: "A|B|C|D|E" }] }],
  ["lower-case letters", { cabins: [{ ...base, seatsAcross: "abc|def" }] }],
  ["an empty group", { cabins: [{ ...base, seatsAcross: "ABC||DEF" }] }],
  ["no cabins", { cabins: [] }],
  ["an unknown cabin code", { cabins: [{ ...base, code: "Z" }] }],
  ["a malformed blocked seat", { cabins: [{ ...base, blockedSeats: ["A12"] }] }],
  ["row 0", { cabins: [{ ...base, firstRow: 0 }] }],
];

for (const [what, input] of rejected) {
  Deno.test(`seat layout: SeatLayoutSchema rejects ${what}`, () => {
    assert.equal(SeatLayoutSchema.safeParse(input).success, false);
  });
}

Deno.test("seat layout: SeatLayoutSchema accepts four aisle groups and fills defaults", () => {
  const parsed = SeatLayoutSchema.parse({ cabins: [{ ...base, seatsAcross: "A|B|C|D" }] });
  assert.deepEqual(parsed.cabins[0].skipRows, []);
  assert.deepEqual(parsed.cabins[0].missingSeats, []);
  assert.equal(expandSeats(parsed).length, 40);
});

// Seat counts computed by hand from db/demo/aircraft_types.ts (rows x seats across, minus
// skipped rows and missing seats; blocked seats still count).
const expectedCapacities: Record<string, Record<string, number>> = {
  E195: { J: 9, Y: 100 }, // J 3x3; Y rows 4-29 without 13 = 25x4
  A20N: { J: 12, Y: 156 }, // J 3x4; Y rows 4-30 without 13 = 26x6
  B789: { J: 28, W: 35, Y: 241 }, // J 7x4; W 5x7; Y 27x9 - 2 missing
  B77W: { F: 6, J: 32, W: 40, Y: 300 }, // F 2x3; J 8x4; W 5x8; Y 30x10
};

Deno.test("seat layout: every demo aircraft layout parses and has the expected capacities", () => {
  assert.deepEqual(
    DEMO_AIRCRAFT_TYPES.map((t) => t.code).sort(),
    Object.keys(expectedCapacities).sort(),
  );
  for (const t of DEMO_AIRCRAFT_TYPES) {
    const parsed = SeatLayoutSchema.parse(t.layout);
    assert.deepEqual(cabinCapacities(parsed), expectedCapacities[t.code], t.code);
  }
});

Deno.test("seat layout: demo capacities are realistic (A320neo 168, a widebody with 300+)", () => {
  const total = (code: string) => {
    const t = DEMO_AIRCRAFT_TYPES.find((a) => a.code === code)!;
    return Object.values(cabinCapacities(SeatLayoutSchema.parse(t.layout))).reduce(
      (a, b) => a + b,
      0,
    );
  };
  assert.equal(total("A20N"), 168);
  assert.ok(total("E195") >= 100 && total("E195") <= 146);
  assert.ok(total("B789") >= 290 && total("B789") <= 420);
  assert.ok(total("B77W") >= 300 && total("B77W") <= 550);
});

Deno.test("seat layout: demo seat ids are unique and valid within each aircraft", () => {
  for (const t of DEMO_AIRCRAFT_TYPES) {
    const seats = expandSeats(SeatLayoutSchema.parse(t.layout));
    assert.equal(new Set(seats.map((s) => s.id)).size, seats.length, t.code);
    assert.ok(seats.every((s) => /^[1-9][0-9]{0,2}[A-HJ-K]$/.test(s.id)), t.code);
    assert.ok(seats.every((s) => s.window || s.aisle || s.middle), t.code);
  }
});
