import assert from "node:assert/strict";
import type {
  AircraftChanged,
  ChangeAircraft,
  ConfigureFlight,
  FlightConfigured,
} from "../../../domain/inventory/commands.ts";
import { cabinCounters, type Inventory } from "../../../domain/inventory/state.ts";
import { expandSeats } from "../../../domain/seat_layout.ts";
import {
  block,
  BOB,
  confirm,
  DAY,
  economyLayout,
  fresh,
  given,
  hold,
  holdN,
  layoutOf,
  NOW,
  run,
  sold3,
  status,
  testCases,
} from "./support.ts";

const configure = (more: Omit<ConfigureFlight, "type">): ConfigureFlight => ({
  type: "ConfigureFlight",
  ...more,
});
const changeTo = (code: string, fares: ChangeAircraft["baseFares"] = {}): ChangeAircraft => ({
  type: "ChangeAircraft",
  aircraftType: code,
  configuration: "STD",
  registration: null,
  layout: layoutOf(code),
  baseFares: fares,
});
const configured = (inv: Inventory) => inv.state;
const moved = (e: AircraftChanged, ref: string) => e.moves.find((m) => m.ref === ref)!;

testCases([
  {
    name: "a new economy fare applies to the next quote, not to holds already made",
    given: [hold("h1", ["20A"])],
    when: configure({ baseFares: { Y: 80_000 } }),
    want: ["FlightConfigured"],
    then(inv) {
      assert.equal(configured(inv).cabins.find((c) => c.code === "Y")!.baseFare, 80_000);
      const next = run(inv, hold("h2", ["20B"], { owner: BOB }));
      assert.ok(next.decision.ok);
      const held = next.inv.state.holds.h2;
      assert.ok(held.unitPrice > inv.state.holds.h1.unitPrice, "the new fare is higher");
    },
  },
  {
    name: "authorization may not go below the seats already held or sold",
    given: [...sold3, hold("h2", ["5A", "5B"], { owner: BOB })],
    when: configure({ authorized: { Y: 4 } }),
    want: "authorization_below_demand",
    then(_inv, decision) {
      assert.ok(!decision.ok);
      assert.deepEqual(decision.conflicts, [{ cabin: "Y", needed: 5, available: 4 }]);
    },
  },
  {
    name: "authorization beyond one and a half times the seats is refused",
    when: configure({ authorized: { J: 19 } }),
    want: "invalid_request",
  },
  {
    name: "controls for a cabin the flight does not have are refused",
    when: configure({ baseFares: { F: 1 } }),
    want: "unknown_cabin",
  },
  {
    name: "a hold time outside 1 to 60 minutes is refused",
    when: configure({ holdTtlMs: 30_000 }),
    want: "invalid_request",
  },
  {
    name: "a configuration that changes nothing commits nothing",
    when: configure({ baseFares: { Y: 40_000 }, closed: false }),
    want: [],
  },
  {
    name: "a closed flight sells nothing until it is opened again",
    given: [configure({ closed: true })],
    when: hold("h1", ["20A"]),
    want: "flight_closed",
    then(inv) {
      const reopened = given(inv, [configure({ closed: false })]);
      assert.ok(run(reopened, hold("h1", ["20A"])).decision.ok);
    },
  },
  {
    name: "overbooking lets a cabin sell a count beyond its seats, never more than authorized",
    on: () => fresh(economyLayout(1, "AB")),
    given: [configure({ authorized: { Y: 3 } }), hold("h1", ["1A", "1B"])],
    when: holdN("h2", 1, { owner: BOB }),
    want: ["SeatsHeld"],
    then(inv) {
      assert.equal(inv.state.holds.h2.seats.length, 0, "seated at check-in");
      assert.equal(run(inv, holdN("h3", 1)).decision.ok, false);
    },
  },
  {
    name: "a restricted cabin sells fewer than its seats",
    on: () => fresh(economyLayout(2, "AB")),
    given: [configure({ authorized: { Y: 1 } }), hold("h1", ["1A"])],
    when: hold("h2", ["1B"], { owner: BOB }),
    want: "not_enough_seats",
  },
  {
    name: "a new hold time applies to holds made afterwards",
    given: [configure({ holdTtlMs: 20 * 60_000 })],
    when: hold("h1", ["20A"]),
    want: ["SeatsHeld"],
    then(inv) {
      assert.equal(inv.state.holds.h1.expiresAt, NOW + 20 * 60_000);
    },
  },
]);

testCases([
  {
    name: "a bigger aircraft keeps seat numbers it has and finds the nearest kind for the rest",
    given: [...sold3, hold("hj", ["1A", "1C"], { cabin: "J", owner: BOB })],
    when: changeTo("B789", { W: 150_000 }),
    want: ["AircraftChanged"],
    then(inv, decision) {
      assert.ok(decision.ok);
      const e = decision.events[0] as AircraftChanged;
      // The 787's economy starts at row 30: the party of three moves together into one row.
      const party = moved(e, "b1");
      assert.equal(new Set(party.to.map((s) => s!.replace(/\D/g, ""))).size, 1);
      assert.ok(
        party.to.every((s) => !expandSeats(layoutOf("B789")).find((x) => x.id === s)!.exitRow),
      );
      const business = moved(e, "hj");
      assert.equal(business.to[0], "1A", "1A exists in business on the 787");
      assert.notEqual(business.to[1], null);
      assert.deepEqual(inv.state.sales.b1.seats, party.to);
      for (const s of party.to) assert.equal(status(inv, s!), "sold");
      assert.deepEqual(inv.state.cabins.map((c) => c.code), ["J", "W", "Y"]);
      assert.equal(inv.state.cabins.find((c) => c.code === "W")!.baseFare, 150_000);
    },
  },
  {
    name: "an aircraft too small for the passengers is refused with every short cabin",
    on: () => fresh("B789"),
    given: [hold("w", ["20A", "20C"], { cabin: "W" }), confirm("w", "bw")],
    when: changeTo("A20N"),
    want: "aircraft_too_small",
    then(_inv, decision) {
      assert.ok(!decision.ok);
      assert.deepEqual(decision.conflicts, [{ cabin: "W", needed: 2, available: 0 }]);
      assert.match(decision.detail, /cabin W has 2 for 0 seats/);
    },
  },
  {
    name: "a new cabin without a base fare is refused",
    when: changeTo("B789"),
    want: "invalid_request",
  },
  {
    name:
      "nobody is moved into an exit row who did not sit in one; exit-row passengers may keep theirs",
    on: () => fresh("A20N"),
    given: [
      hold("e", ["11A"], { exitRowEligible: true }),
      confirm("e", "be"),
      hold("n", ["14A"], { owner: BOB }),
    ],
    when: changeTo("B789", { W: 150_000 }),
    want: ["AircraftChanged"],
    then(_inv, decision) {
      assert.ok(decision.ok);
      const e = decision.events[0] as AircraftChanged;
      const seats = new Map(expandSeats(layoutOf("B789")).map((s) => [s.id, s]));
      assert.equal(seats.get(moved(e, "n").to[0]!)!.exitRow, false);
      assert.equal(seats.get(moved(e, "n").to[0]!)!.window, true, "a window for a window");
    },
  },
  {
    name: "operator blocks end with the old aircraft",
    given: [block(["20A", "20B"])],
    when: changeTo("A20N"),
    want: ["AircraftChanged"],
    then(inv, decision) {
      assert.ok(decision.ok);
      assert.deepEqual((decision.events[0] as AircraftChanged).unblocked, ["20A", "20B"]);
      assert.equal(status(inv, "20A"), "free");
    },
  },
]);

Deno.test("inventory: an aircraft change keeps every passenger and seats nobody twice", () => {
  // A full A320neo economy cabin (except the layout's blocked seats) moves to a 787.
  let inv = fresh("A20N");
  const free = inv.seatList.filter((s) => s.cabin === "Y" && !s.blocked).map((s) => s.id);
  for (let i = 0; i < free.length; i += 3) {
    const seats = free.slice(i, i + 3);
    inv = given(inv, [
      hold(`h${i}`, seats, { owner: `o${i}`, exitRowEligible: true }),
      ...(i % 2 ? [confirm(`h${i}`, `b${i}`, `o${i}`)] : []),
    ]);
  }
  const before = cabinCounters(inv).find((c) => c.cabin === "Y")!;
  const { inv: after, decision } = run(inv, changeTo("B789", { W: 150_000 }));
  assert.ok(decision.ok);
  const counters = cabinCounters(after).find((c) => c.cabin === "Y")!;
  assert.equal(counters.held + counters.sold, before.held + before.sold);
  const all = [
    ...Object.values(after.state.holds).flatMap((h) => h.seats),
    ...Object.values(after.state.sales).flatMap((s) => s.seats),
  ];
  assert.equal(new Set(all).size, all.length, "no seat twice");
  assert.equal(all.length, free.length, "everyone kept a seat");
  for (const id of all) assert.ok(after.seatById.get(id), `${id} exists on the 787`);
  assert.equal(after.state.seq, inv.state.seq + 1);
});

Deno.test("inventory: a configuration change is one event that keeps holds, sales and seats", () => {
  const inv = given(fresh(), [...sold3]);
  const { inv: after, decision } = run(
    inv,
    configure({ authorized: { Y: 170 }, departureAt: inv.state.departureAt + DAY }),
  );
  assert.ok(decision.ok);
  const e = decision.events[0] as FlightConfigured;
  assert.equal(e.departureAt, inv.state.departureAt + DAY);
  assert.equal(after.state.cabins.find((c) => c.code === "Y")!.authorized, 170);
  assert.deepEqual(after.state.sales, inv.state.sales);
  assert.equal(status(after, "4A"), "sold");
});
