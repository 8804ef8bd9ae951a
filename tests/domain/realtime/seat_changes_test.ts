import assert from "node:assert/strict";
import { seatChange } from "../../../domain/realtime/seat_changes.ts";
import type { InventoryEvent } from "../../../domain/inventory/commands.ts";

const base = { holdId: "h1", owner: "u1", cabin: "Y" as const, count: 2 };

Deno.test("seat changes: each inventory event maps to what a seat map shows", () => {
  const cases: [InventoryEvent, string, [string, string][]][] = [
    [
      {
        type: "SeatsHeld",
        ...base,
        seats: ["1A", "1B"],
        unitPrice: 100,
        bucket: "Y1",
        together: true,
        at: 0,
        expiresAt: 1,
      },
      "held",
      [["1A", "held"], ["1B", "held"]],
    ],
    [{ type: "HoldReleased", ...base, seats: ["1A", "1B"], reason: "released" }, "released", [
      ["1A", "free"],
      ["1B", "free"],
    ]],
    [{ type: "HoldReleased", ...base, seats: ["1A"], reason: "expired" }, "expired", [[
      "1A",
      "free",
    ]]],
    [
      {
        type: "HoldConfirmed",
        ...base,
        bookingId: "b1",
        seats: ["1A", "1B"],
        unitPrice: 100,
        total: 200,
      },
      "sold",
      [["1A", "sold"], ["1B", "sold"]],
    ],
    [
      { type: "SeatsCancelled", bookingId: "b1", cabin: "Y", seats: ["1A"], count: 1 },
      "cancelled",
      [
        ["1A", "free"],
      ],
    ],
    [{ type: "SeatsBlocked", seats: ["2C"], reason: "broken" }, "blocked", [["2C", "blocked"]]],
    [{ type: "SeatsUnblocked", seats: ["2C"] }, "unblocked", [["2C", "free"]]],
    [{ type: "HoldSeatsChanged", holdId: "h1", from: ["1A", "1B"], to: ["1B", "3C"] }, "moved", [
      ["1A", "free"],
      ["1B", "held"],
      ["3C", "held"],
    ]],
  ];
  for (const [event, change, seats] of cases) {
    const c = seatChange({ seq: 5, at: 9, event });
    assert.equal(c.change, change, event.type);
    assert.equal(c.seq, 5);
    assert.deepEqual(c.seats.map((s) => [s.id, s.status]), seats, event.type);
    const text = JSON.stringify(c);
    assert.ok(
      !text.includes("u1") && !text.includes("h1") && !text.includes("b1"),
      "nothing private",
    );
  }
});

Deno.test("seat changes: an unassigned hold still says how many seats it took", () => {
  const c = seatChange({
    seq: 1,
    at: 0,
    event: {
      type: "SeatsHeld",
      ...base,
      count: 3,
      seats: [],
      unitPrice: 1,
      bucket: "Y1",
      together: false,
      at: 0,
      expiresAt: 1,
    },
  });
  assert.deepEqual([c.change, c.count, c.seats], ["held", 3, []]);
});
