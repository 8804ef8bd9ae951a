import assert from "node:assert/strict";
import {
  dateRangeProblem,
  daysInRange,
  hourRangeProblem,
  hourWindow,
  loadFactor,
  MAX_REPORT_DAYS,
  MAX_REPORT_HOURS,
  type Money,
  revenueList,
} from "../../domain/reports.ts";

// [from, to, days with both ends included]
const ranges: [string, string, number][] = [
  ["2030-03-01", "2030-03-01", 1],
  ["2030-03-01", "2030-03-03", 3],
  ["2030-02-27", "2030-03-01", 3],
  ["2028-02-28", "2028-03-01", 3],
  ["2030-12-31", "2031-01-01", 2],
  ["2030-03-01", "2030-05-31", MAX_REPORT_DAYS],
  ["2030-03-02", "2030-03-01", 0],
];
for (const [from, to, days] of ranges) {
  Deno.test(`reports: ${from}..${to} covers ${days} days`, () => {
    assert.equal(daysInRange(from, to), days);
  });
}

// [from, to, window start, window end, hours]
const windows: [string, string, string, string, number][] = [
  [
    "2030-03-01T00:00:00Z",
    "2030-03-01T03:00:00Z",
    "2030-03-01T00:00:00.000Z",
    "2030-03-01T03:00:00.000Z",
    3,
  ],
  [
    "2030-03-01T00:30:00Z",
    "2030-03-01T01:10:00Z",
    "2030-03-01T00:00:00.000Z",
    "2030-03-01T02:00:00.000Z",
    2,
  ],
  [
    "2030-03-01T05:45:00+05:30",
    "2030-03-01T06:00:00+05:30",
    "2030-03-01T00:00:00.000Z",
    "2030-03-01T01:00:00.000Z",
    1,
  ],
  [
    "2030-03-01T00:00:00Z",
    "2030-04-01T00:00:00Z",
    "2030-03-01T00:00:00.000Z",
    "2030-04-01T00:00:00.000Z",
    MAX_REPORT_HOURS,
  ],
];
for (const [from, to, start, end, hours] of windows) {
  Deno.test(`reports: the hour window of ${from}..${to} is ${hours} whole UTC hours`, () => {
    const w = hourWindow(new Date(from), new Date(to));
    assert.deepEqual(
      { start: w.start.toISOString(), end: w.end.toISOString(), hours: w.hours },
      { start, end, hours },
    );
  });
}

// [sold, capacity, load factor]
const factors: [number, number, number][] = [
  [0, 180, 0],
  [2, 180, 0.0111],
  [90, 180, 0.5],
  [180, 180, 1],
  [1, 3, 0.3333],
  [2, 3, 0.6667],
  [190, 180, 1.0556],
  [0, 0, 0],
];
for (const [sold, capacity, expected] of factors) {
  Deno.test(`reports: load factor of ${sold} sold of ${capacity} seats is ${expected}`, () => {
    assert.equal(loadFactor(sold, capacity), expected);
  });
}

// [amounts by currency, currencies that must appear, expected list]
const revenues: [Record<string, number> | null, string[], Money[]][] = [
  [null, [], []],
  [null, ["USD"], [{ currency: "USD", amount: 0 }]],
  [{ USD: 15900 }, ["USD"], [{ currency: "USD", amount: 15900 }]],
  [{ EUR: 100 }, ["USD"], [{ currency: "EUR", amount: 100 }, { currency: "USD", amount: 0 }]],
  [
    { USD: 5, EUR: 7, GBP: 0 },
    [],
    [{ currency: "EUR", amount: 7 }, { currency: "GBP", amount: 0 }, {
      currency: "USD",
      amount: 5,
    }],
  ],
  [{ USD: 1 }, ["USD", "EUR", "USD"], [{ currency: "EUR", amount: 0 }, {
    currency: "USD",
    amount: 1,
  }]],
];
for (const [amounts, currencies, expected] of revenues) {
  Deno.test(
    `reports: revenue ${JSON.stringify(amounts)} with ${
      currencies.join(",") || "no"
    } currencies is kept per currency`,
    () => {
      assert.deepEqual(revenueList(amounts, currencies), expected);
    },
  );
}

// [from, to, problem or undefined]
const dateChecks: [string, string, RegExp | undefined][] = [
  ["2030-03-01", "2030-03-01", undefined],
  ["2030-03-01", "2030-05-31", undefined],
  ["2030-03-01", "2030-06-01", /at most 92 days/],
  ["2030-03-02", "2030-03-01", /before/],
];
for (const [from, to, problem] of dateChecks) {
  Deno.test(`reports: the range ${from}..${to} is ${problem ? "refused" : "accepted"}`, () => {
    const found = dateRangeProblem(from, to);
    if (problem) assert.match(found ?? "", problem);
    else assert.equal(found, undefined);
  });
}

// [from, to, problem or undefined]
const hourChecks: [string, string, RegExp | undefined][] = [
  ["2030-03-01T00:00:00Z", "2030-03-01T00:00:01Z", undefined],
  ["2030-03-01T00:00:00Z", "2030-04-01T00:00:00Z", undefined],
  ["2030-03-01T00:30:00Z", "2030-04-01T00:00:01Z", /at most 744 hours/],
  ["2030-03-01T00:00:00Z", "2030-03-01T00:00:00Z", /not after/],
  ["2030-03-01T01:00:00Z", "2030-03-01T00:00:00Z", /not after/],
  ["not a time", "2030-03-01T00:00:00Z", /not after/],
];
for (const [from, to, problem] of hourChecks) {
  Deno.test(`reports: the hours ${from}..${to} are ${problem ? "refused" : "accepted"}`, () => {
    const found = hourRangeProblem(new Date(from), new Date(to));
    if (problem) assert.match(found ?? "", problem);
    else assert.equal(found, undefined);
  });
}
