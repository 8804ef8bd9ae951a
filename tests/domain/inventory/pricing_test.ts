import assert from "node:assert/strict";
import type { HoldConfirmed } from "../../../domain/inventory/commands.ts";
import {
  DAYS_CURVE,
  daysToDepartureFactor,
  defaultBuckets,
  quote,
} from "../../../domain/inventory/pricing.ts";
import {
  type CabinInventory,
  indexInventory,
  seatsInUse,
} from "../../../domain/inventory/state.ts";
import { CABIN_CODES } from "../../../domain/seat_layout.ts";
import {
  BOB,
  confirm,
  DAY,
  DEPARTURE,
  fresh,
  given,
  heldOf,
  hold,
  holdN,
  NOW,
  run,
} from "./support.ts";

const closeTo = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

// [days to departure, demand factor]: the curve's points, points between them, and outside.
const curve: [number, number][] = [
  [0, 1.8],
  [3, 1.5],
  [7, 1.3],
  [14, 1.15],
  [30, 1],
  [60, 0.9],
  [1.5, 1.65],
  [5, 1.4],
  [10.5, 1.225],
  [22, 1.075],
  [45, 0.95],
  [61, 0.9],
  [365, 0.9],
  [-0.5, 1.8],
];

for (const [days, factor] of curve) {
  Deno.test(`inventory: the demand factor ${days} days before departure is ${factor}`, () => {
    closeTo(daysToDepartureFactor(days * DAY), factor);
  });
}

Deno.test("inventory: the demand curve has the points the tests assume", () => {
  assert.deepEqual(DAYS_CURVE, curve.slice(0, 6));
});

Deno.test("inventory: the demand factor never falls as departure nears", () => {
  let previous = 0;
  for (let hours = 24 * 70; hours >= 0; hours--) {
    const factor = daysToDepartureFactor(hours * 3_600_000);
    assert.ok(factor >= previous - 1e-12, `${hours} h: ${factor} < ${previous}`);
    previous = factor;
  }
});

// [cabin, authorized seats]
const bucketSizes = CABIN_CODES.flatMap((c) =>
  [1, 6, 10, 32, 40, 156, 241, 300].map((n) => [c, n] as const)
);

for (const [cabin, authorized] of bucketSizes) {
  Deno.test(`inventory: the default ${cabin} buckets for ${authorized} seat(s) are nested up to the authorization`, () => {
    const buckets = defaultBuckets(cabin, authorized);
    assert.ok(buckets.length >= 2);
    assert.equal(buckets.at(-1)!.limit, authorized);
    for (let i = 1; i < buckets.length; i++) {
      const [lower, higher] = [buckets[i - 1], buckets[i]];
      assert.ok(Number.isInteger(lower.limit) && lower.limit >= 0);
      if (authorized >= 10) assert.ok(lower.limit < higher.limit, `${lower.code} ≥ ${higher.code}`);
      else assert.ok(lower.limit <= higher.limit);
      assert.ok(lower.multiplier < higher.multiplier, "the lowest fare comes first");
    }
  });
}

Deno.test("inventory: the A320neo economy ladder for 156 seats is Q78 M117 B140 Y156", () => {
  const ladder = defaultBuckets("Y", 156).map((b) => `${b.code}${b.limit}`).join(" ");
  assert.equal(ladder, "Q78 M117 B140 Y156");
});

/** 100 economy seats at 400.00 a seat: Q up to 50, M to 75, B to 90, Y to 100. */
const economy: CabinInventory = {
  code: "Y",
  baseFare: 40_000,
  capacity: 100,
  authorized: 100,
  buckets: defaultBuckets("Y", 100),
};
const FAR = 60 * DAY; // demand factor 0.9

// [seats in use, party size, bucket, unit price] at 60 days: base × multiplier × 0.9.
const quotes: [number, number, string | undefined, number | undefined][] = [
  [0, 1, "Q", 28_800],
  [49, 1, "Q", 28_800],
  [48, 2, "Q", 28_800],
  [49, 2, "M", 36_000],
  [50, 1, "M", 36_000],
  [74, 1, "M", 36_000],
  [75, 1, "B", 45_000],
  [88, 3, "Y", 57_600],
  [90, 1, "Y", 57_600],
  [91, 9, "Y", 57_600],
  [99, 2, undefined, undefined],
  [100, 1, undefined, undefined],
  [0, 101, undefined, undefined],
];

for (const [inUse, count, bucket, price] of quotes) {
  Deno.test(`inventory: ${count} seat(s) with ${inUse} of 100 in use quote ${bucket ?? "nothing"}`, () => {
    const q = quote(economy, inUse, count, FAR);
    assert.deepEqual(q, bucket === undefined ? undefined : { bucket, unitPrice: price });
  });
}

Deno.test("inventory: the quote rises as the load grows and as departure nears", () => {
  const byLoad = Array.from({ length: 100 }, (_, n) => quote(economy, n, 1, FAR)!.unitPrice);
  for (let i = 1; i < byLoad.length; i++) assert.ok(byLoad[i] >= byLoad[i - 1]);
  assert.ok(byLoad[99] > byLoad[0]);
  const byTime = Array.from(
    { length: 61 },
    (_, d) => quote(economy, 10, 1, (60 - d) * DAY)!.unitPrice,
  );
  for (let i = 1; i < byTime.length; i++) assert.ok(byTime[i] >= byTime[i - 1]);
  assert.ok(byTime[60] > byTime[0]);
});

Deno.test("inventory: quotes are rounded to whole currency units", () => {
  for (const baseFare of [12_345, 9_999, 33_350, 101]) {
    const q = quote({ ...economy, baseFare }, 0, 1, 5 * DAY)!;
    assert.equal(q.unitPrice % 100, 0);
    assert.ok(Math.abs(q.unitPrice - baseFare * 0.8 * 1.4) <= 50, `${baseFare}: ${q.unitPrice}`);
  }
});

Deno.test("inventory: a hold carries the quote for the cabin's load and the time left", () => {
  const inv = given(fresh(), [holdN("load", 9, { owner: BOB })]);
  const held = heldOf(run(inv, holdN("h1", 2)).decision);
  const cabin = inv.state.cabins.find((c) => c.code === "Y")!;
  const q = quote(cabin, 9, 2, DEPARTURE - NOW)!;
  assert.deepEqual([held.unitPrice, held.bucket], [q.unitPrice, q.bucket]);
});

Deno.test("inventory: successive sales climb the fare ladder as the cabin fills, and fall back on cancellation", () => {
  let inv = fresh();
  const seen: string[] = [];
  let lastPrice = 0;
  for (let i = 0; i < 17; i++) {
    const r = run(inv, holdN(`p${i}`, 9, { exitRowEligible: true }));
    const held = heldOf(r.decision);
    assert.ok(held.unitPrice >= lastPrice, `hold ${i}: ${held.unitPrice} < ${lastPrice}`);
    lastPrice = held.unitPrice;
    if (seen.at(-1) !== held.bucket) seen.push(held.bucket);
    inv = given(r.inv, [confirm(`p${i}`, `b${i}`)]);
  }
  assert.deepEqual(seen, ["Q", "M", "B", "Y"]);
  assert.equal(seatsInUse(inv, "Y"), 153);
  for (let i = 0; i < 17; i++) inv = given(inv, [{ type: "CancelSeats", bookingId: `b${i}` }]);
  assert.equal(heldOf(run(inv, holdN("again", 9)).decision).bucket, "Q");
});

Deno.test("inventory: unpaid holds alone never move the fare (issue: 141 of 154 held doubled it)", () => {
  let inv = fresh();
  const first = heldOf(run(inv, holdN("probe", 1)).decision);
  // One account holds nearly the whole cabin, nine seats at a time, for free.
  for (let i = 0; i < 15; i++) inv = given(inv, [holdN(`hoard${i}`, 9, { owner: BOB })]);
  assert.ok(seatsInUse(inv, "Y") >= 135);
  const after = heldOf(run(inv, holdN("probe", 1)).decision);
  assert.deepEqual([after.bucket, after.unitPrice], [first.bucket, first.unitPrice]);
  // Sales do move it: the same seats sold put the cabin in a higher bucket.
  for (let i = 0; i < 15; i++) inv = given(inv, [confirm(`hoard${i}`, `s${i}`, BOB)]);
  assert.notEqual(heldOf(run(inv, holdN("probe", 1)).decision).bucket, first.bucket);
});

Deno.test("inventory: the held price is honoured at confirm after load and time changed", () => {
  const early = DEPARTURE - 60 * DAY;
  const late = DEPARTURE - 2 * DAY;
  let inv = fresh("A20N", { holdTtlMs: 59 * DAY });
  const h1 = run(inv, holdN("h1", 2), early);
  const held = heldOf(h1.decision);
  inv = h1.inv;
  for (let i = 0; i < 15; i++) inv = given(inv, [holdN(`load${i}`, 9, { owner: BOB })], late);
  const now = heldOf(run(inv, holdN("probe", 2, { owner: BOB }), late).decision);
  assert.ok(now.unitPrice > held.unitPrice, "the market price should have risen");
  const { inv: after, decision } = run(inv, confirm("h1", "b1"), late);
  assert.ok(decision.ok);
  const e = decision.events[0] as HoldConfirmed;
  assert.deepEqual([e.unitPrice, e.total], [held.unitPrice, held.unitPrice * 2]);
  assert.equal(after.state.sales.b1.unitPrice, held.unitPrice);
});

Deno.test("inventory: an exclusive hold replaces the owner's live hold on the flight, only if it is made", () => {
  let inv = given(fresh(), [hold("first", ["4A", "4B"]), hold("bobs", ["5A"], { owner: BOB })]);
  // The same seats again (back and resubmit): the old hold gives way in the same decision.
  const again = run(inv, hold("second", ["4A", "4B"], { exclusive: true }));
  assert.ok(again.decision.ok);
  assert.deepEqual(again.decision.events.map((e) => e.type), ["HoldReleased", "SeatsHeld"]);
  assert.deepEqual(Object.keys(again.inv.state.holds).sort(), ["bobs", "second"]);
  inv = again.inv;
  // A refused exclusive hold leaves the owner's hold alone; others' holds are never touched.
  const refused = run(inv, hold("third", ["5A"], { exclusive: true }));
  assert.ok(!refused.decision.ok);
  assert.ok(inv.state.holds.second);
  const other = run(inv, holdN("carol", 2, { owner: "carol", exclusive: true }));
  assert.deepEqual(other.decision.ok && other.decision.events.map((e) => e.type), ["SeatsHeld"]);
});

Deno.test("inventory: the owner index follows holds through hold, release, confirm and a reload", () => {
  let inv = given(fresh(), [
    holdN("a1", 1),
    holdN("b1", 1, { owner: BOB }),
    holdN("a2", 1, { exclusive: false }),
  ]);
  assert.deepEqual(inv.holdsByOwner.get(BOB), ["b1"]);
  assert.deepEqual([...(inv.holdsByOwner.get(inv.state.holds.a1.owner) ?? [])].sort(), [
    "a1",
    "a2",
  ]);
  inv = given(inv, [confirm("a1", "s1"), holdN("a3", 1, { exclusive: true })]);
  const owner = inv.state.holds.a3.owner;
  assert.deepEqual(inv.holdsByOwner.get(owner), ["a3"], "a2 replaced, a1 sold");
  const reloaded = indexInventory(structuredClone(inv.state));
  assert.deepEqual(
    [...reloaded.holdsByOwner].sort(),
    [...inv.holdsByOwner].sort(),
    "rebuilt from the state alone",
  );
});
