import assert from "node:assert/strict";
import type { SeatMapView } from "../../../domain/inventory/view.ts";
import { seatMapView } from "../../../domain/inventory/view.ts";
import { compactSeatMap, expandSeatMap, rowFeesOf } from "../../../islands/seat_map/compact.ts";
import { indexInventory } from "../../../domain/inventory/state.ts";
import { expandSeats, type SeatLayout } from "../../../domain/seat_layout.ts";

const LAYOUT: SeatLayout = {
  cabins: [{
    code: "Y",
    name: "Economy",
    firstRow: 10,
    lastRow: 14,
    seatsAcross: "AB|CDE|FG",
    skipRows: [13],
    exitRows: [11],
    extraLegroomRows: [10],
    blockedSeats: ["12B"],
    missingSeats: ["14G"],
  }],
};

function mapWith(statuses: Record<string, "held" | "sold">): SeatMapView {
  const view: SeatMapView = {
    flightId: "f",
    currency: "USD",
    seq: 9,
    cabins: [{
      code: "Y",
      name: "Economy",
      seatsLeft: 20,
      price: 15900,
      bucket: "Q",
      seatsAcross: "AB|CDE|FG",
      rows: [],
    }],
  };
  for (const s of expandSeats(LAYOUT)) {
    const seat = {
      id: s.id,
      row: s.row,
      letter: s.letter,
      window: s.window,
      aisle: s.aisle,
      exitRow: s.exitRow,
      extraLegroom: s.extraLegroom,
      status: s.blocked ? "blocked" as const : statuses[s.id] ?? "free" as const,
    };
    const rows = view.cabins[0].rows;
    if (rows.at(-1)?.row === s.row) rows.at(-1)!.seats.push(seat);
    else rows.push({ row: s.row, seats: [seat] });
  }
  return view;
}

Deno.test("compact seat map: every seat, its position, marks and status come back as they were", () => {
  const view = mapWith({ "10A": "held", "11D": "sold" });
  const compact = compactSeatMap(view, { Y: { 11: 2500 } });
  assert.equal(compact.cabins[0].rows, "10l:hffffff;11x:fffsfff;12:fbfffff;14:ffffff-");
  assert.deepEqual(expandSeatMap(compact), view);
  assert.deepEqual(rowFeesOf(compact), { Y: { 11: 2500 } });
  assert.ok(JSON.stringify(compact).length * 5 < JSON.stringify(view).length, "far smaller");
});

Deno.test("compact seat map: agrees with the actor's own seat map view", () => {
  const view = seatMapView(
    indexInventory({
      flightId: "f",
      departureAt: 0,
      currency: "USD",
      holdTtlMs: 1,
      layout: LAYOUT,
      cabins: [{ code: "Y", baseFare: 100, capacity: 28, authorized: 28, buckets: [] }],
      blocked: [],
      holds: {},
      sales: {},
      seq: 1,
    }),
    0,
  );
  assert.deepEqual(expandSeatMap(compactSeatMap(view)), view);
});
