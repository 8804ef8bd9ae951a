import assert from "node:assert/strict";
import type { ChangeStatus, StatusChanged } from "../../../domain/inventory/commands.ts";
import type { StatusCommand } from "../../../domain/flight_status.ts";
import { indexInventory } from "../../../domain/inventory/state.ts";
import {
  ALICE,
  DEPARTURE,
  expire,
  fresh,
  hold,
  holdN,
  MINUTE,
  NOW,
  release,
  sold3,
  testCases,
} from "./support.ts";

// ChangeStatus and RetireFlight on an A320neo whose actor holds the flight's status next to
// its seats: one log, one sequence for both.

const ARRIVAL = DEPARTURE + 90 * MINUTE;

/** An empty A320neo scheduled at DEPARTURE, gate unknown, its status at version 3. */
const scheduled = () => {
  const inv = fresh();
  return indexInventory({
    ...inv.state,
    ops: {
      flightId: inv.state.flightId,
      version: 3,
      status: "scheduled",
      reason: null,
      departureAt: DEPARTURE,
      arrivalAt: ARRIVAL,
      estimatedDepartureAt: null,
      estimatedArrivalAt: null,
      gate: null,
      boardingAt: null,
    },
  });
};

/** The same flight boarding for a departure half an hour after NOW, when it can depart. */
const boardingNow = () => {
  const inv = scheduled();
  const ops = inv.state.ops!;
  return indexInventory({
    ...inv.state,
    ops: {
      ...ops,
      status: "boarding",
      departureAt: NOW + 30 * MINUTE,
      arrivalAt: NOW + 2 * 60 * MINUTE,
    },
  });
};

const status = (change: StatusCommand, by?: string): ChangeStatus => ({
  type: "ChangeStatus",
  change,
  ...(by ? { by } : {}),
});
const delay = status({
  type: "Delay",
  estimatedDepartureAt: DEPARTURE + 60 * MINUTE,
  reason: "fog",
});
const cancelFlight = status({ type: "Cancel", reason: "strike" });
const retire = { type: "RetireFlight" } as const;
const changed = (d: { ok: boolean; events?: unknown[] }) => d.events?.[0] as StatusChanged;

testCases([
  {
    name: "a delay is the flight's next event and its status's next version",
    on: scheduled,
    when: status(
      { type: "Delay", estimatedDepartureAt: DEPARTURE + 60 * MINUTE, reason: "fog" },
      "op-1",
    ),
    want: ["FlightStatusChanged"],
    then(inv, d) {
      const e = changed(d);
      assert.deepEqual([e.kind, e.version, e.previousStatus, e.by], [
        "delayed",
        4,
        "scheduled",
        "op-1",
      ]);
      assert.equal(e.estimatedArrivalAt, new Date(ARRIVAL + 60 * MINUTE).toISOString());
      assert.deepEqual([inv.state.ops?.status, inv.state.ops?.version], ["delayed", 4]);
      assert.equal(inv.state.ops?.estimatedDepartureAt, DEPARTURE + 60 * MINUTE);
    },
  },
  {
    name: "a status change goes through the status rules: no arrival before departing",
    on: scheduled,
    when: status({ type: "Arrive" }),
    want: "illegal_transition",
  },
  {
    name: "a delay to before the scheduled departure names the times as the problem",
    on: scheduled,
    when: status({ type: "Delay", estimatedDepartureAt: DEPARTURE - MINUTE, reason: "x" }),
    want: "invalid_times",
  },
  {
    name: "the gate a flight already has is no change",
    on: scheduled,
    given: [status({ type: "ChangeGate", gate: "B12" })],
    when: status({ type: "ChangeGate", gate: "B12" }),
    want: "no_change",
  },
  {
    name: "a cancellation closes sales in the same event: the next hold is refused",
    on: scheduled,
    given: [cancelFlight],
    when: holdN("h1", 1),
    want: "flight_closed",
  },
  {
    name: "a cancelled flight's holds can still be released and expire",
    on: scheduled,
    given: [hold("h1", ["4A"]), hold("h2", ["4B"]), cancelFlight],
    when: release("h1"),
    want: ["HoldReleased"],
  },
  {
    name: "a departed flight sells nothing",
    on: boardingNow,
    given: [status({ type: "Depart", at: NOW })],
    when: holdN("h1", 1),
    want: "flight_closed",
  },
  {
    name: "a flight with nothing held or sold can be retired",
    on: scheduled,
    given: [hold("h1", ["4A"]), release("h1")],
    when: retire,
    want: ["FlightRetired"],
    then(inv) {
      assert.deepEqual([inv.state.retired, inv.state.closed], [true, true]);
    },
  },
  {
    name: "a flight with a live hold cannot be retired",
    on: scheduled,
    given: [hold("h1", ["4A"])],
    when: retire,
    want: "flight_has_bookings",
  },
  {
    name: "a flight with a sale cannot be retired",
    on: scheduled,
    given: sold3,
    when: retire,
    want: "flight_has_bookings",
  },
  {
    name: "a retired flight refuses every command",
    on: scheduled,
    given: [retire],
    when: delay,
    want: "flight_retired",
  },
  {
    name: "a retired flight refuses holds",
    on: scheduled,
    given: [retire],
    when: hold("h1", ["4A"], { owner: ALICE }),
    want: "flight_retired",
  },
  {
    name: "a retirement retried, or a late expiry, finds nothing to do",
    on: scheduled,
    given: [retire],
    when: expire("h1"),
    want: [],
  },
  {
    name: "a state without a loaded status cannot change it",
    when: delay,
    want: "invalid_request",
  },
]);
