import assert from "node:assert/strict";
import {
  boardingGroup,
  boardingStartsAt,
  isWideBody,
  passLocalTimes,
} from "../../domain/boarding.ts";
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

Deno.test("boarding: a pass prints its date and times local at the origin, with the zone", () => {
  const cases: [string, string, string, ReturnType<typeof passLocalTimes>][] = [
    // Winter in Paris: UTC+1.
    ["2030-03-01T11:00:00Z", "2030-03-01T10:20:00Z", "Europe/Paris", {
      date: "Fri 1 Mar",
      departure: "12:00",
      boarding: "11:20",
      zone: "CET",
    }],
    // Boarding the evening before a departure just after midnight: the date is the departure's;
    // en-GB names no short zone for New York, so its offset.
    ["2030-03-02T05:10:00Z", "2030-03-02T04:30:00Z", "America/New_York", {
      date: "Sat 2 Mar",
      departure: "00:10",
      boarding: "23:30",
      zone: "GMT-5",
    }],
    // Nor for Tokyo.
    ["2030-03-01T03:00:00Z", "2030-03-01T02:10:00Z", "Asia/Tokyo", {
      date: "Fri 1 Mar",
      departure: "12:00",
      boarding: "11:10",
      zone: "GMT+9",
    }],
  ];
  for (const [departureAt, boardingAt, tz, want] of cases) {
    assert.deepEqual(passLocalTimes({ departureAt, boardingAt }, tz), want, tz);
  }
});
