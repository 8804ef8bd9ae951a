import assert from "node:assert/strict";
import { dutyTimeline } from "../../../domain/crew/timeline.ts";
import { flight } from "./support.ts";

const out = flight("o", "JFK-BOS", "2030-03-01T08:00:00Z", 90);
const turn = flight("t", "BOS-JFK", "2030-03-01T11:00:00Z", 90);
const next = flight("n", "JFK-ORD", "2030-03-02T20:00:00Z", 150);
const ride = flight("p", "ORD-JFK", "2030-03-04T09:00:00Z", 150, { positioning: true });

const CASES = [
  {
    name: "a day off stays at base",
    flights: [],
    days: [{ date: "2030-03-01", duties: 0, endsAt: "JFK" }],
  },
  {
    name: "a turn is one duty; the next day ends where the evening flight lands",
    flights: [out, turn, next, ride],
    days: [
      { date: "2030-03-01", duties: 1, endsAt: "JFK" },
      { date: "2030-03-02", duties: 1, endsAt: "ORD" },
      { date: "2030-03-03", duties: 0, endsAt: "ORD" },
      { date: "2030-03-04", duties: 1, endsAt: "JFK" },
    ],
  },
];

for (const c of CASES) {
  Deno.test(`duty timeline: ${c.name}`, () => {
    const days = dutyTimeline("JFK", c.flights, { from: "2030-03-01", days: c.days.length });
    assert.deepEqual(
      days.map((d) => ({ date: d.date, duties: d.duties.length, endsAt: d.endsAt })),
      c.days,
    );
  });
}

Deno.test("duty timeline: rest after a duty runs from release to the next report", () => {
  const [first] = dutyTimeline("JFK", [out, turn, next], { from: "2030-03-01", days: 1 });
  const duty = first.duties[0];
  assert.deepEqual(duty.flights.map((f) => f.id), ["o", "t"]);
  // Released 13:00 (arrival 12:30 + 30 min); reports 19:00 the next day.
  assert.equal(duty.restAfterMs, 30 * 3_600_000);
});
