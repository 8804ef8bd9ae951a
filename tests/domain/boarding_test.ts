import assert from "node:assert/strict";
import { boardingGroup, boardingStartsAt, isWideBody } from "../../domain/boarding.ts";
import { expandSeats, type SeatLayout } from "../../domain/seat_layout.ts";

const cabin = (code: "F" | "J" | "W" | "Y", firstRow: number, lastRow: number, across: string) => ({
  code,
  name: code,
  firstRow,
  lastRow,
  seatsAcross: across,
  skipRows: [],
  exitRows: [],
  extraLegroomRows: [],
  blockedSeats: [],
  missingSeats: [],
});

const NARROW: SeatLayout = { cabins: [cabin("J", 1, 3, "AC|DF"), cabin("Y", 4, 30, "ABC|DEF")] };
const WIDE: SeatLayout = {
  cabins: [
    cabin("J", 1, 8, "A|DG|K"),
    cabin("W", 10, 14, "AC|DEF|HK"),
    cabin("Y", 20, 50, "ABC|DEFG|HJK"),
  ],
};

Deno.test("boarding: a layout with two aisles in some cabin is wide-body", () => {
  assert.equal(isWideBody(NARROW), false);
  assert.equal(isWideBody(WIDE), true);
});

Deno.test("boarding: starts 40 minutes before a narrow-body departure, 50 before a wide-body", () => {
  const departure = Date.parse("2030-03-01T10:00:00Z");
  assert.equal(
    new Date(boardingStartsAt(departure, false)).toISOString(),
    "2030-03-01T09:20:00.000Z",
  );
  assert.equal(
    new Date(boardingStartsAt(departure, true)).toISOString(),
    "2030-03-01T09:10:00.000Z",
  );
});

Deno.test("boarding: the group follows the cabin, then economy from the window in", () => {
  const seat = (layout: SeatLayout, id: string) => expandSeats(layout).find((s) => s.id === id);
  const cases: [SeatLayout, "F" | "J" | "W" | "Y", string, number][] = [
    [WIDE, "J", "1A", 1],
    [NARROW, "J", "2C", 1],
    [WIDE, "W", "12E", 2],
    [NARROW, "Y", "14A", 3],
    [NARROW, "Y", "14F", 3],
    [NARROW, "Y", "14B", 4],
    [NARROW, "Y", "14C", 5],
    [NARROW, "Y", "14D", 5],
    [WIDE, "Y", "30K", 3],
    [WIDE, "Y", "30B", 4],
    [WIDE, "Y", "30E", 4],
    [WIDE, "Y", "30G", 5],
    [WIDE, "Y", "30H", 5],
    [NARROW, "Y", "99A", 5], // a seat the layout does not know boards last
  ];
  for (const [layout, cabinCode, id, group] of cases) {
    assert.equal(boardingGroup(cabinCode, seat(layout, id)), group, `${cabinCode} ${id}`);
  }
});
