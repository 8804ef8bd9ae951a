import assert from "node:assert/strict";
import { addMonths, monthWeeks } from "../../domain/calendar_month.ts";

// [month, n, expected]
const steps: [string, number, string][] = [
  ["2030-03", 1, "2030-04"],
  ["2030-12", 1, "2031-01"],
  ["2030-01", -1, "2029-12"],
  ["2030-03", -14, "2029-01"],
  ["2030-03", 0, "2030-03"],
];
for (const [month, n, expected] of steps) {
  Deno.test(`calendar month: ${month} ${n >= 0 ? "+" : ""}${n} is ${expected}`, () => {
    assert.equal(addMonths(month, n), expected);
  });
}

// [month, weeks, the first week, the last date]
const grids: [string, number, (string | null)[], string][] = [
  // March 2030 starts on a Friday.
  ["2030-03", 5, [null, null, null, null, "2030-03-01", "2030-03-02", "2030-03-03"], "2030-03-31"],
  // February 2027 starts on a Monday and has 28 days: exactly four weeks.
  ["2027-02", 4, [
    "2027-02-01",
    "2027-02-02",
    "2027-02-03",
    "2027-02-04",
    "2027-02-05",
    "2027-02-06",
    "2027-02-07",
  ], "2027-02-28"],
  // A leap February, starting on a Tuesday.
  [
    "2028-02",
    5,
    [null, "2028-02-01", "2028-02-02", "2028-02-03", "2028-02-04", "2028-02-05", "2028-02-06"],
    "2028-02-29",
  ],
  // August 2026 starts on a Saturday and spans six weeks.
  ["2026-08", 6, [null, null, null, null, null, "2026-08-01", "2026-08-02"], "2026-08-31"],
];
for (const [month, weeks, first, last] of grids) {
  Deno.test(`calendar month: ${month} is ${weeks} Monday-first weeks`, () => {
    const grid = monthWeeks(month);
    assert.equal(grid.length, weeks);
    assert.ok(grid.every((w) => w.length === 7));
    assert.deepEqual(grid[0], first);
    const dates = grid.flat().filter((d) => d !== null);
    assert.equal(dates.at(-1), last);
    assert.equal(new Set(dates).size, dates.length);
  });
}
