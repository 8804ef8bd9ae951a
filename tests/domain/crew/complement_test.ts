import assert from "node:assert/strict";
import { requiredComplement, shortfall } from "../../../domain/crew/complement.ts";
import type { CrewRole } from "../../../domain/crew/model.ts";

const REQUIRED: [seats: number, cabin: number][] = [
  [1, 1],
  [50, 1],
  [51, 2],
  [100, 2],
  [101, 3],
  [174, 4],
  [396, 8],
];

for (const [seats, cabin] of REQUIRED) {
  Deno.test(`crew complement: ${seats} seats need 2 pilots, a captain and ${cabin} cabin crew`, () => {
    assert.deepEqual(requiredComplement(seats), { captains: 1, pilots: 2, cabin });
  });
}

const SHORT: [name: string, seats: number, crew: CrewRole[], positions: CrewRole[]][] = [
  ["an empty flight", 120, [], [
    "captain",
    "first_officer",
    "flight_attendant",
    "flight_attendant",
    "flight_attendant",
  ]],
  ["a full complement", 50, ["captain", "first_officer", "flight_attendant"], []],
  ["two first officers and no captain", 50, ["first_officer", "first_officer", "purser"], [
    "captain",
  ]],
  ["two captains count as both pilots", 50, ["captain", "captain", "flight_attendant"], []],
  ["a purser counts as cabin crew", 100, ["captain", "first_officer", "purser"], [
    "flight_attendant",
  ]],
  ["only a captain", 40, ["captain"], ["first_officer", "flight_attendant"]],
  ["more crew than needed", 40, [
    "captain",
    "first_officer",
    "first_officer",
    "purser",
    "flight_attendant",
  ], []],
];

for (const [name, seats, crew, positions] of SHORT) {
  Deno.test(`crew complement: ${name} lacks ${positions.join(", ") || "nothing"}`, () => {
    const s = shortfall(seats, crew);
    assert.deepEqual(s.positions, positions);
    assert.equal(s.short, positions.length > 0);
    assert.equal(s.captains, positions.filter((p) => p === "captain").length);
    assert.equal(s.pilots, positions.filter((p) => p !== "flight_attendant").length);
    assert.equal(s.cabin, positions.filter((p) => p === "flight_attendant").length);
  });
}
