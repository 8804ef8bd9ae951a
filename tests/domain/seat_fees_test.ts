import assert from "node:assert/strict";
import { rowFees, SeatFeesSchema, seatsFee } from "../../domain/seat_fees.ts";
import type { SeatLayout } from "../../domain/seat_layout.ts";

const LAYOUT: SeatLayout = {
  cabins: [
    {
      code: "J",
      name: "Business",
      firstRow: 1,
      lastRow: 3,
      seatsAcross: "AC|DF",
      skipRows: [],
      exitRows: [],
      extraLegroomRows: [],
      blockedSeats: [],
      missingSeats: [],
    },
    {
      code: "Y",
      name: "Economy",
      firstRow: 4,
      lastRow: 30,
      seatsAcross: "ABC|DEF",
      skipRows: [13],
      exitRows: [11, 12],
      extraLegroomRows: [4],
      blockedSeats: [],
      missingSeats: [],
    },
  ],
};

Deno.test("seat fees: each row pays the highest fee that applies; other cabins and rows none", () => {
  const fees = SeatFeesSchema.parse({
    Y: { exitRow: 2500, extraLegroom: 1500, frontRows: 3, frontRowFee: 1000 },
  });
  assert.deepEqual(rowFees(LAYOUT, fees), {
    Y: { 4: 1500, 5: 1000, 6: 1000, 11: 2500, 12: 2500 },
  });
  const cases: [string[], number][] = [
    [["4A"], 1500], // legroom beats front row
    [["5C", "6D"], 2000],
    [["11A", "12F"], 5000],
    [["20A", "1A"], 0], // a plain seat; business has no fees
    [["14B"], 0], // row 13 is skipped: 14 is not a front row
  ];
  for (const [seats, fee] of cases) assert.equal(seatsFee(LAYOUT, fees, seats), fee, seats.join());
});

Deno.test("seat fees: skipped rows do not count as front rows; the schema refuses bad fees", () => {
  const skipped = { ...LAYOUT, cabins: [{ ...LAYOUT.cabins[1], skipRows: [4] }] };
  const fees = SeatFeesSchema.parse({ Y: { frontRows: 2, frontRowFee: 700 } });
  assert.deepEqual(rowFees(skipped, fees), { Y: { 5: 700, 6: 700 } });
  for (
    const bad of [{ Y: { exitRow: -1 } }, { X: {} }, { Y: { other: 1 } }, { Y: { frontRows: 21 } }]
  ) {
    assert.equal(SeatFeesSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});
