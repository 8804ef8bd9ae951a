import assert from "node:assert/strict";
import { buildDuties, fdpLimitMinutes } from "../../../domain/crew/duty.ts";
import { flight } from "./support.ts";

// [report hour, segments, limit in hours], from FAR 117 Table B.
const LIMITS: [number, number, number][] = [
  [0, 1, 9],
  [3, 7, 9],
  [4, 4, 10],
  [4, 5, 9],
  [5, 1, 12],
  [5, 5, 11.5],
  [5, 7, 10.5],
  [6, 2, 13],
  [6, 3, 12],
  [7, 1, 14],
  [11, 3, 13],
  [11, 5, 12.5],
  [12, 4, 13],
  [12, 7, 11.5],
  [13, 1, 12],
  [16, 6, 11],
  [17, 2, 12],
  [17, 3, 11],
  [21, 5, 10],
  [21, 6, 9],
  [22, 2, 11],
  [22, 3, 10],
  [23, 3, 10],
  [23, 4, 9],
  [23, 9, 9],
];

for (const [hour, segments, hours] of LIMITS) {
  Deno.test(`crew duty: FDP limit for a ${hour}:xx report with ${segments} segment(s) is ${hours} h`, () => {
    assert.equal(fdpLimitMinutes(hour, segments), hours * 60);
  });
}

Deno.test("crew duty: flights chain into one duty only at the same airport within 4 h", () => {
  const duties = buildDuties([
    flight("c", "BOS-JFK", "2030-03-01T14:00:00Z", 60),
    flight("a", "JFK-BOS", "2030-03-01T08:00:00Z", 120),
    flight("d", "LGA-BOS", "2030-03-01T16:00:00Z", 60),
    flight("e", "BOS-JFK", "2030-03-02T08:00:00Z", 60),
  ]);
  assert.deepEqual(duties.map((d) => d.flights.map((f) => f.id)), [["a", "c"], ["d"], ["e"]]);
  assert.equal(new Date(duties[0].reportAt).toISOString(), "2030-03-01T07:00:00.000Z");
  assert.equal(new Date(duties[0].releaseAt).toISOString(), "2030-03-01T15:30:00.000Z");
});
