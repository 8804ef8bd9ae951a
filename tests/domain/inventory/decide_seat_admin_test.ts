import assert from "node:assert/strict";
import { seatStatus } from "../../../domain/inventory/state.ts";
import {
  block,
  BOB,
  change,
  confirm,
  EXPIRES,
  fresh,
  heldOf,
  hold,
  holdN,
  MINUTE,
  NOW,
  run,
  sold3,
  status,
  testCases,
  unblock,
} from "./support.ts";

// BlockSeats, UnblockSeats and ChangeSeats on an A320neo (30C and 30D blocked by the layout).

/** Ten sales of nine seats from the front: the cabin's load moves past the lowest bucket. */
const load90 = Array.from({ length: 10 }, (_, i) => [
  holdN(`load${i}`, 9, { owner: BOB }),
  confirm(`load${i}`, `sold${i}`, BOB),
]).flat();

testCases([
  // BlockSeats and UnblockSeats.
  {
    name: "free seats can be blocked",
    when: block(["5A", "5B"]),
    want: ["SeatsBlocked"],
    then: (inv) =>
      assert.deepEqual([inv.state.blocked, seatStatus(inv, "5A")], [["5A", "5B"], {
        kind: "blocked",
        permanent: false,
      }]),
  },
  {
    name: "a held seat cannot be blocked",
    given: [hold("h1", ["5A"])],
    when: block(["5B", "5A"]),
    want: "seat_not_free",
    seats: ["5A"],
  },
  {
    name: "a sold seat cannot be blocked",
    given: sold3,
    when: block(["4C"]),
    want: "seat_not_free",
    seats: ["4C"],
  },
  {
    name: "blocking a blocked seat again changes nothing",
    given: [block(["5A"])],
    when: block(["5A"]),
    want: [],
  },
  {
    name: "blocking seat 30C, blocked by the layout, changes nothing",
    when: block(["30C"]),
    want: [],
  },
  {
    name: "blocking a mix of blocked and free seats blocks only the free ones",
    given: [block(["5A"])],
    when: block(["5A", "5B"]),
    want: ["SeatsBlocked"],
    then: (inv) => assert.deepEqual(inv.state.blocked, ["5A", "5B"]),
  },
  {
    name: "blocking an unknown seat is refused",
    when: block(["13A"]),
    want: "unknown_seat",
    seats: ["13A"],
  },
  { name: "blocking no seats is invalid", when: block([]), want: "invalid_request" },
  {
    name: "blocking a seat listed twice is invalid",
    when: block(["5A", "5A"]),
    want: "invalid_request",
  },
  {
    name: "an unblocked seat is free again",
    given: [block(["5A", "5B"])],
    when: unblock(["5A"]),
    want: ["SeatsUnblocked"],
    then: (inv) => assert.deepEqual([inv.state.blocked, status(inv, "5A")], [["5B"], "free"]),
  },
  {
    name: "seat 30C, blocked by the layout, cannot be unblocked",
    when: unblock(["30C", "5A"]),
    want: "seat_permanently_blocked",
    seats: ["30C"],
  },
  { name: "unblocking a free seat changes nothing", when: unblock(["5A"]), want: [] },
  // ChangeSeats.
  {
    name: "changing seats frees the old ones and holds the new ones",
    given: [hold("h1", ["4A", "4B"])],
    when: change("h1", ["6A", "6B"]),
    want: ["HoldSeatsChanged"],
    then(inv) {
      assert.deepEqual([status(inv, "4A"), status(inv, "4B")], ["free", "free"]);
      assert.deepEqual(seatStatus(inv, "6B"), { kind: "held", holdId: "h1" });
      assert.deepEqual(inv.state.holds.h1.seats, ["6A", "6B"]);
    },
  },
  {
    name: "changing to seats that overlap the hold's own is fine",
    given: [hold("h1", ["4A", "4B"])],
    when: change("h1", ["4B", "4C"]),
    want: ["HoldSeatsChanged"],
    then: (inv) => assert.deepEqual([status(inv, "4A"), status(inv, "4C")], ["free", "held"]),
  },
  {
    name: "changing to a seat held by another is refused",
    given: [hold("h1", ["4A"]), hold("h2", ["6A"], { owner: BOB })],
    when: change("h1", ["6A"]),
    want: "seat_taken",
    seats: ["6A"],
  },
  {
    name: "an expired hold cannot change seats",
    given: [hold("h1", ["4A"])],
    when: change("h1", ["6A"]),
    at: EXPIRES,
    want: "hold_expired",
  },
  {
    name: "only the owner may change a hold's seats",
    given: [hold("h1", ["4A"])],
    when: change("h1", ["6A"], { owner: BOB }),
    want: "not_owner",
  },
  {
    name: "changing to a different number of seats is invalid",
    given: [hold("h1", ["4A", "4B"])],
    when: change("h1", ["6A"]),
    want: "invalid_request",
  },
  {
    name: "changing to the same seats in another order changes nothing",
    given: [hold("h1", ["4A", "4B"])],
    when: change("h1", ["4B", "4A"]),
    want: [],
  },
  {
    name: "changing seats of an unknown hold is refused",
    when: change("h9", ["6A"]),
    want: "hold_not_found",
  },
  {
    name: "changing into an exit row needs an eligible party",
    given: [hold("h1", ["4A"])],
    when: change("h1", ["11A"]),
    want: "exit_row_not_eligible",
  },
  {
    name: "changing seats keeps the quoted price though load and time moved",
    given: [hold("h1", ["4A", "4B"]), ...load90],
    when: change("h1", ["29A", "29B"]),
    at: NOW + 9 * MINUTE,
    want: ["HoldSeatsChanged"],
    then(inv) {
      const first = run(fresh(), hold("x", ["4A", "4B"])).inv.state.holds.x;
      const h1 = inv.state.holds.h1;
      assert.deepEqual([h1.unitPrice, h1.bucket], [first.unitPrice, first.bucket]);
      const now = heldOf(run(inv, holdN("x", 2), NOW + 9 * MINUTE).decision);
      assert.notEqual(now.bucket, h1.bucket, "the load should have moved the bucket");
    },
  },
]);
