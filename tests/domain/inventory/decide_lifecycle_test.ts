import assert from "node:assert/strict";
import type { HoldReleased } from "../../../domain/inventory/commands.ts";
import { seatStatus } from "../../../domain/inventory/state.ts";
import {
  BOB,
  cancel,
  confirm,
  expire,
  EXPIRES,
  hold,
  holdN,
  release,
  sold3,
  status,
  testCases,
} from "./support.ts";

// ReleaseHold, ConfirmHold, ExpireHold and CancelSeats on an A320neo: a hold's life after
// HoldSeats. Holds are made at NOW and expire at EXPIRES.

testCases([
  // ReleaseHold.
  {
    name: "releasing a hold frees its seats",
    given: [hold("h1", ["4A", "4B"])],
    when: release("h1"),
    want: ["HoldReleased"],
    then(inv, d) {
      assert.equal(d.ok && (d.events[0] as HoldReleased).reason, "released");
      assert.deepEqual([status(inv, "4A"), status(inv, "4B"), inv.state.holds], [
        "free",
        "free",
        {},
      ]);
    },
  },
  { name: "releasing an unknown hold is refused", when: release("h9"), want: "hold_not_found" },
  {
    name: "only the owner may release a hold",
    given: [hold("h1", ["4A"])],
    when: release("h1", BOB),
    want: "not_owner",
  },
  // ConfirmHold.
  {
    name: "confirming a hold sells its seats for unit price times count",
    given: [holdN("h1", 3)],
    when: confirm("h1", "b1"),
    want: ["HoldConfirmed"],
    then(inv, d) {
      const e = d.ok ? d.events[0] : undefined;
      assert.ok(e?.type === "HoldConfirmed");
      assert.equal(e.total, e.unitPrice * 3);
      assert.deepEqual([inv.state.holds, inv.state.sales.b1.seats.length], [{}, 3]);
      for (const id of e.seats) {
        assert.deepEqual(seatStatus(inv, id), { kind: "sold", bookingId: "b1" });
      }
    },
  },
  {
    name: "only the owner may confirm a hold",
    given: [holdN("h1", 1)],
    when: confirm("h1", "b1", BOB),
    want: "not_owner",
  },
  {
    name: "a hold cannot be confirmed at its expiry instant",
    given: [holdN("h1", 1)],
    when: confirm("h1", "b1"),
    at: EXPIRES,
    want: "hold_expired",
  },
  {
    name: "a hold can be confirmed 1 ms before it expires",
    given: [holdN("h1", 1)],
    when: confirm("h1", "b1"),
    at: EXPIRES - 1,
    want: ["HoldConfirmed"],
  },
  {
    name: "a retried confirmation with the same booking changes nothing",
    given: sold3,
    when: confirm("h1", "b1"),
    want: [],
  },
  {
    name: "a confirmed hold cannot be confirmed for another booking",
    given: sold3,
    when: confirm("h1", "b2"),
    want: "hold_not_found",
  },
  {
    name: "confirming an unknown hold is refused",
    when: confirm("h9", "b1"),
    want: "hold_not_found",
  },
  {
    name: "a booking cannot buy twice on one flight",
    given: [...sold3, hold("h2", ["5A"])],
    when: confirm("h2", "b1"),
    want: "invalid_request",
  },
  // ExpireHold.
  {
    name: "an early expiry message leaves the hold alone",
    given: [hold("h1", ["4A"])],
    when: expire("h1"),
    at: EXPIRES - 1,
    want: [],
  },
  {
    name: "a hold expires exactly at its expiry instant",
    given: [hold("h1", ["4A"])],
    when: expire("h1"),
    at: EXPIRES,
    want: ["HoldReleased"],
    then(inv, d) {
      assert.equal(d.ok && (d.events[0] as HoldReleased).reason, "expired");
      assert.equal(status(inv, "4A"), "free");
    },
  },
  {
    name: "expiring a released hold changes nothing",
    given: [hold("h1", ["4A"]), release("h1")],
    when: expire("h1"),
    at: EXPIRES,
    want: [],
  },
  {
    name: "expiring a confirmed hold changes nothing",
    given: sold3,
    when: expire("h1"),
    at: EXPIRES,
    want: [],
  },
  // CancelSeats.
  {
    name: "cancelling a booking frees all its seats",
    given: sold3,
    when: cancel("b1"),
    want: ["SeatsCancelled"],
    then(inv) {
      assert.deepEqual(inv.state.sales, {});
      for (const id of ["4A", "4B", "4C"]) assert.equal(status(inv, id), "free");
    },
  },
  {
    name: "cancelling some seats keeps the rest of the booking",
    given: sold3,
    when: cancel("b1", ["4B"]),
    want: ["SeatsCancelled"],
    then(inv) {
      assert.deepEqual([inv.state.sales.b1.seats, inv.state.sales.b1.count], [["4A", "4C"], 2]);
      assert.deepEqual([status(inv, "4A"), status(inv, "4B")], ["sold", "free"]);
    },
  },
  {
    name: "cancelling a seat listed twice is invalid",
    given: sold3,
    when: cancel("b1", ["4A", "4A"]),
    want: "invalid_request",
  },
  {
    name: "cancelling an empty list of seats is invalid",
    given: sold3,
    when: cancel("b1", []),
    want: "invalid_request",
  },
  {
    name: "cancelling a seat of another booking is refused",
    given: sold3,
    when: cancel("b1", ["4B", "4D"]),
    want: "seat_not_in_booking",
    seats: ["4D"],
  },
  {
    name: "cancelling an unknown booking is refused",
    when: cancel("b9"),
    want: "booking_not_found",
  },
  {
    name: "cancelled seats can be held again",
    given: [...sold3, cancel("b1", ["4B"])],
    when: hold("h2", ["4B"], { owner: BOB }),
    want: ["SeatsHeld"],
  },
]);
