import assert from "node:assert/strict";
import { SALES_CLOSE_BEFORE_DEPARTURE_MS } from "../../../domain/inventory/decide.ts";
import { seatStatus } from "../../../domain/inventory/state.ts";
import {
  block,
  BOB,
  DEPARTURE,
  economyLayout,
  EXPIRES,
  fresh,
  heldOf,
  hold,
  holdN,
  NOW,
  sold3,
  status,
  testCases,
} from "./support.ts";

// HoldSeats decided on an empty A320neo (rows 4-30 of ABC|DEF in Y, no row 13, exit rows 11
// and 12, 30C and 30D blocked by the layout) unless a row says otherwise.

const CLOSES = DEPARTURE - SALES_CLOSE_BEFORE_DEPARTURE_MS;
/** Two rows of AB: an economy cabin of four seats. */
const tiny = () => fresh(economyLayout(2, "AB"));
const rows45 = ["4A", "4B", "4C", "4D", "4E", "4F", "5A", "5B", "5C", "5D"];

testCases([
  // HoldSeats by seat.
  {
    name: "two free seats can be held until the hold's time to live runs out",
    when: hold("h1", ["4A", "4B"]),
    want: ["SeatsHeld"],
    then(inv, d) {
      const e = heldOf(d);
      assert.deepEqual([e.seats, e.count, e.at, e.expiresAt], [["4A", "4B"], 2, NOW, EXPIRES]);
      assert.deepEqual(seatStatus(inv, "4B"), { kind: "held", holdId: "h1" });
      assert.equal(inv.state.holds.h1.unitPrice, e.unitPrice);
    },
  },
  {
    name: "a seat held by one hold cannot be held by another",
    given: [hold("h1", ["4A"])],
    when: hold("h2", ["4B", "4A"], { owner: BOB }),
    want: "seat_taken",
    seats: ["4A"],
  },
  {
    name: "a sold seat cannot be held",
    given: sold3,
    when: hold("h2", ["4C", "4D"], { owner: BOB }),
    want: "seat_taken",
    seats: ["4C"],
  },
  { name: "a seat in skipped row 13 is unknown", when: hold("h1", ["13A"]), want: "unknown_seat" },
  {
    name: "seats past the last row or with an absent letter are unknown",
    when: hold("h1", ["31A", "4B", "4G"]),
    want: "unknown_seat",
    seats: ["31A", "4G"],
  },
  {
    name: "a business seat cannot be held in economy",
    when: hold("h1", ["4A", "1A"]),
    want: "wrong_cabin",
    seats: ["1A"],
  },
  {
    name: "seat 30C, blocked by the A320neo layout, cannot be held",
    when: hold("h1", ["30B", "30C"]),
    want: "seat_blocked",
    seats: ["30C"],
  },
  {
    name: "a seat an operator blocked cannot be held",
    given: [block(["5A"])],
    when: hold("h1", ["5A"]),
    want: "seat_blocked",
    seats: ["5A"],
  },
  {
    name: "an exit-row seat in row 11 needs an eligible party",
    when: hold("h1", ["10A", "11A"]),
    want: "exit_row_not_eligible",
    seats: ["11A"],
  },
  {
    name: "an eligible party may hold exit-row seats",
    when: hold("h1", ["11A", "12F"], { exitRowEligible: true }),
    want: ["SeatsHeld"],
  },
  { name: "a hold of 0 seats is invalid", when: holdN("h1", 0), want: "invalid_request" },
  { name: "a hold of 10 seats is invalid", when: holdN("h1", 10), want: "invalid_request" },
  { name: "a hold of 1.5 seats is invalid", when: holdN("h1", 1.5), want: "invalid_request" },
  { name: "an empty seat list is invalid", when: hold("h1", []), want: "invalid_request" },
  { name: "a list of 10 seats is invalid", when: hold("h1", rows45), want: "invalid_request" },
  {
    name: "a seat listed twice is invalid",
    when: hold("h1", ["4A", "4A"]),
    want: "invalid_request",
  },
  {
    name: "seats and a count that disagree are invalid",
    when: hold("h1", ["4A", "4B"], { count: 3 }),
    want: "invalid_request",
  },
  {
    name: "seats and a count that agree are fine",
    when: hold("h1", ["4A", "4B"], { count: 2 }),
    want: ["SeatsHeld"],
  },
  {
    name: "cabin F does not exist on an A320neo",
    when: holdN("h1", 1, { cabin: "F" }),
    want: "unknown_cabin",
  },
  {
    name: "sales close 30 minutes before departure",
    when: holdN("h1", 1),
    at: CLOSES,
    want: "flight_closed",
  },
  {
    name: "sales stay closed after departure",
    when: holdN("h1", 1),
    at: DEPARTURE + 1,
    want: "flight_closed",
  },
  {
    name: "a hold 1 ms before sales close is accepted",
    when: holdN("h1", 1),
    at: CLOSES - 1,
    want: ["SeatsHeld"],
  },
  {
    name: "a party larger than what remains of the authorization is refused",
    on: tiny,
    given: [holdN("h1", 3)],
    when: holdN("h2", 2),
    want: "not_enough_seats",
  },
  {
    name: "the last authorized seat can be held",
    on: tiny,
    given: [holdN("h1", 3)],
    when: holdN("h2", 1),
    want: ["SeatsHeld"],
  },
  {
    name: "seats an operator blocked leave the authorization unfilled but unassignable",
    on: tiny,
    given: [block(["2B"]), holdN("h1", 2)],
    when: holdN("h2", 2),
    want: "not_enough_seats",
  },
  {
    name: "an overbooked cabin sells a seat count without a seat",
    on: () => fresh(economyLayout(2, "AB"), { overbooking: { Y: 1 } }),
    given: [holdN("h1", 4)],
    when: holdN("h2", 1),
    want: ["SeatsHeld"],
    then: (_, d) => assert.deepEqual([heldOf(d).seats, heldOf(d).count], [[], 1]),
  },
  // Retried holds.
  {
    name: "a retried hold by the same owner is accepted without a second hold",
    given: [hold("h1", ["4A"])],
    when: hold("h1", ["5A", "5B"]),
    want: [],
    then: (inv) =>
      assert.deepEqual([inv.state.holds.h1.seats, status(inv, "5A")], [["4A"], "free"]),
  },
  {
    name: "a hold id someone else holds is in use",
    given: [hold("h1", ["4A"])],
    when: hold("h1", ["5A"], { owner: BOB }),
    want: "hold_id_in_use",
  },
  {
    name: "a retried hold after it was confirmed changes nothing",
    given: sold3,
    when: hold("h1", ["4A"]),
    want: [],
  },
  {
    name: "the id of a confirmed hold stays in use for others",
    given: sold3,
    when: holdN("h1", 1, { owner: BOB }),
    want: "hold_id_in_use",
  },
]);
