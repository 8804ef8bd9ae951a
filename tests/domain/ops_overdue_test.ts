import assert from "node:assert/strict";
import { overdueAt, type OverdueFacts } from "../../domain/ops_overdue.ts";

const flight: OverdueFacts = {
  status: "scheduled",
  departureAt: "2030-03-01T10:00:00.000Z",
  estimatedDepartureAt: null,
  arrivalAt: "2030-03-01T12:00:00.000Z",
  estimatedArrivalAt: null,
};
const at = (hhmm: string) => Date.parse(`2030-03-01T${hhmm}:00.000Z`);

Deno.test("overdueAt: departure and arrival flags by status, time and grace", () => {
  const cases: [string, Partial<OverdueFacts>, string, { departure: boolean; arrival: boolean }][] =
    [
      ["before departure", {}, "09:59", { departure: false, arrival: false }],
      ["within the grace", {}, "10:15", { departure: false, arrival: false }],
      ["past the grace, not departed", {}, "10:16", { departure: true, arrival: false }],
      ["boarding still counts", { status: "boarding" }, "10:30", {
        departure: true,
        arrival: false,
      }],
      [
        "delayed to a later time",
        { status: "delayed", estimatedDepartureAt: "2030-03-01T11:00:00.000Z" },
        "10:30",
        { departure: false, arrival: false },
      ],
      ["departed is never overdue to depart", { status: "departed" }, "11:00", {
        departure: false,
        arrival: false,
      }],
      ["departed and past arrival", { status: "departed" }, "12:01", {
        departure: false,
        arrival: true,
      }],
      [
        "estimated arrival later",
        { status: "departed", estimatedArrivalAt: "2030-03-01T12:30:00.000Z" },
        "12:10",
        { departure: false, arrival: false },
      ],
      ["never reported at all", {}, "13:00", { departure: true, arrival: true }],
      ["arrived", { status: "arrived" }, "13:00", { departure: false, arrival: false }],
      ["cancelled", { status: "cancelled" }, "13:00", { departure: false, arrival: false }],
    ];
  for (const [name, change, now, want] of cases) {
    assert.deepEqual(overdueAt({ ...flight, ...change }, at(now)), want, name);
  }
  assert.deepEqual(overdueAt(flight, at("10:06"), 5), { departure: true, arrival: false });
});
