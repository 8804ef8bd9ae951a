import assert from "node:assert/strict";
import type { HoldSeats, SeatsHeld } from "../../../domain/inventory/commands.ts";
import type { Inventory } from "../../../domain/inventory/state.ts";
import type { CabinCode } from "../../../domain/seat_layout.ts";
import {
  block,
  confirm,
  fresh,
  given,
  heldOf,
  hold,
  holdN,
  occupy,
  onlyFree,
  run,
} from "./support.ts";

// Automatic seat assignment: HoldSeats with a count. An A320neo unless told: economy rows 4-30
// of ABC|DEF, no row 13, exit rows 11 and 12, 30C and 30D blocked by the layout.

const rowOf = (id: string) => Number(id.slice(0, -1));
const letterOf = (id: string) => id.slice(-1);
const rowsOf = (seats: string[]) => [...new Set(seats.map(rowOf))];
const EXIT_ROWS = [11, 12];

/** Auto-assigns a party of `count` and returns the SeatsHeld event. */
function party(inv: Inventory, count: number, more: Partial<HoldSeats> = {}): SeatsHeld {
  return heldOf(run(inv, holdN("party", count, more)).decision);
}

/** Economy seats of rows `from`..`to` that exist (blocked ones left out). */
function rowSeats(inv: Inventory, from: number, to: number): string[] {
  return inv.seatList
    .filter((s) => s.cabin === "Y" && s.row >= from && s.row <= to && !s.blocked)
    .map((s) => s.id);
}

// [aircraft, cabin, party size, the aisle groups of the cabin]
const sideBySide: [string, CabinCode, number, string[]][] = [
  ["A20N", "Y", 2, ["ABC", "DEF"]],
  ["A20N", "Y", 3, ["ABC", "DEF"]],
  ["A20N", "J", 2, ["AC", "DF"]],
  ["E195", "Y", 2, ["AC", "DF"]],
  ["B789", "Y", 3, ["ABC", "DEG", "HJK"]],
  ["B789", "W", 3, ["AC", "DEG", "JK"]],
  ["B77W", "Y", 4, ["ABC", "DEFG", "HJK"]],
];

for (const [aircraft, cabin, n, groups] of sideBySide) {
  Deno.test(`inventory: a party of ${n} in an empty ${aircraft} ${cabin} cabin sits side by side in one aisle group`, () => {
    const inv = fresh(aircraft);
    const held = party(inv, n, { cabin });
    assert.equal(held.seats.length, n);
    assert.equal(held.together, true);
    assert.equal(rowsOf(held.seats).length, 1, `${held.seats} are not in one row`);
    const letters = held.seats.map(letterOf).join("");
    assert.ok(groups.some((g) => g.includes(letters)), `${held.seats} split by an aisle`);
    for (const id of held.seats) {
      assert.ok(!inv.seatById.get(id)!.exitRow, `${id} is in an exit row`);
    }
  });
}

for (const n of [4, 5, 6]) {
  Deno.test(`inventory: a party of ${n} in an empty A320neo sits in one row, side by side across the aisle`, () => {
    const held = party(fresh(), n);
    assert.equal(rowsOf(held.seats).length, 1);
    assert.ok("ABCDEF".includes(held.seats.map(letterOf).join("")), `${held.seats}`);
  });
}

// [exit-row eligible, the row a party of 2 gets when rows 4-10 are full]
for (const [eligible, row] of [[false, 14], [true, 11]] as const) {
  Deno.test(`inventory: with rows 4-10 full, a party ${eligible ? "" : "not "}eligible for exit rows gets row ${row}`, () => {
    const start = fresh();
    const inv = occupy(start, rowSeats(start, 4, 10));
    const held = party(inv, 2, { exitRowEligible: eligible });
    assert.deepEqual(rowsOf(held.seats), [row]);
  });
}

Deno.test("inventory: when only exit rows are free, only an eligible party gets seats", () => {
  const start = fresh();
  const inv = onlyFree(start, rowSeats(start, 11, 12));
  const refused = run(inv, holdN("p", 1)).decision;
  assert.ok(!refused.ok && refused.reason === "not_enough_seats", JSON.stringify(refused));
  const held = party(inv, 3, { exitRowEligible: true });
  for (const id of held.seats) assert.ok(EXIT_ROWS.includes(rowOf(id)));
});

Deno.test("inventory: seats blocked by the layout are never assigned, even to the last seat", () => {
  let inv = fresh();
  const assigned: string[] = [];
  for (let i = 0;; i++) {
    const r = run(inv, holdN(`p${i}`, 1, { exitRowEligible: true }));
    if (!r.decision.ok) {
      assert.equal(r.decision.reason, "not_enough_seats");
      break;
    }
    assigned.push(...heldOf(r.decision).seats);
    inv = r.inv;
  }
  assert.equal(assigned.length, 154, "156 economy seats, two of them blocked");
  assert.equal(new Set(assigned).size, assigned.length);
  assert.ok(!assigned.includes("30C") && !assigned.includes("30D"));
});

Deno.test("inventory: seats an operator blocked are never assigned", () => {
  const inv = given(fresh(), [block(["4A", "4B", "4C", "4D", "4E", "4F", "5A"])]);
  const held = party(inv, 3);
  assert.deepEqual(held.seats, ["5D", "5E", "5F"]);
});

Deno.test("inventory: row 13 does not exist; with rows 4-12 full a party gets row 14", () => {
  const start = fresh();
  assert.ok(!start.seatList.some((s) => s.row === 13));
  const inv = occupy(start, rowSeats(start, 4, 12));
  assert.deepEqual(rowsOf(party(inv, 3, { exitRowEligible: true }).seats), [14]);
});

// [the only free seats, party size, exit-row eligible, expected seats, together]
const splitParties: [string[], number, boolean, string[], boolean][] = [
  // 12 and 14 are adjacent rows: there is no row 13.
  [["12A", "12B", "12C", "14A", "14B", "14C"], 4, true, ["12A", "12B", "12C", "14B"], true],
  [["20D", "20E", "21D", "21E"], 4, false, ["20D", "20E", "21D", "21E"], true],
  [["6F", "7A", "7B", "7C"], 3, false, ["7A", "7B", "7C"], true],
  // Rows 11 and 12 lie between 10 and 14: not adjacent.
  [["10A", "10B", "14A", "14B"], 4, false, ["10A", "10B", "14A", "14B"], false],
  [["4A", "8F", "20C", "25E"], 3, false, ["4A", "8F", "20C"], false],
];

for (const [free, n, eligible, expected, together] of splitParties) {
  Deno.test(`inventory: a party of ${n} with only ${free.join(" ")} free gets ${expected.join(" ")}${together ? " together" : ", scattered"}`, () => {
    const inv = onlyFree(fresh(), free);
    const held = party(inv, n, { exitRowEligible: eligible });
    assert.deepEqual(held.seats, expected);
    assert.equal(held.together, together);
  });
}

// [the only free seats (all when empty), the seat a lone traveller gets]
const loneTravellers: [string[], string][] = [
  [[], "4A"],
  [["4B", "5B", "5C"], "5C"],
  [["4B", "4E", "6F"], "6F"],
  [["4B", "5E"], "4B"],
];

for (const [free, expected] of loneTravellers) {
  Deno.test(`inventory: a lone traveller with ${free.length ? free.join(" ") : "all seats"} free gets ${expected}`, () => {
    const inv = free.length ? onlyFree(fresh(), free) : fresh();
    const held = party(inv, 1);
    assert.deepEqual(held.seats, [expected]);
    const onlyMiddles = free.length > 0 && free.every((id) => inv.seatById.get(id)!.middle);
    assert.equal(inv.seatById.get(expected)!.middle, onlyMiddles);
  });
}

Deno.test("inventory: automatic assignment never picks a held, sold or blocked seat", () => {
  let inv = given(fresh(), [
    hold("h1", ["4B", "5E", "6A"]),
    hold("h2", ["7C", "7D", "9F"]),
    confirm("h2", "b2"),
    hold("h3", ["14A", "15B", "16C", "17D", "18E", "19F"]),
    block(["20A", "21F"]),
  ]);
  const sizes = [3, 1, 4, 2, 5];
  for (let i = 0; i < 200; i++) {
    const r = run(inv, holdN(`p${i}`, sizes[i % sizes.length], { exitRowEligible: true }));
    if (!r.decision.ok) {
      assert.equal(r.decision.reason, "not_enough_seats");
      if (sizes[i % sizes.length] === 1) break;
      sizes.splice(0, sizes.length, 1);
      continue;
    }
    const held = heldOf(r.decision);
    assert.equal(held.seats.length, held.count);
    for (const id of held.seats) assert.equal(inv.taken.get(id), undefined, `${id} was not free`);
    inv = r.inv;
  }
  const free = inv.seatList.filter((s) => s.cabin === "Y" && !inv.taken.has(s.id));
  assert.deepEqual(free, [], "the cabin should end full");
});
