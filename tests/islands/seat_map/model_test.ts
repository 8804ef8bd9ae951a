import assert from "node:assert/strict";
import type { SeatMapView, SeatView } from "../../../domain/inventory/view.ts";
import type { SeatChange } from "../../../domain/realtime/seat_changes.ts";
import {
  applyChange,
  completeChoice,
  describeChange,
  pickSeat,
  seatLabel,
  seatLook,
  seatTypeCounts,
  seatWords,
  startChoice,
  withOffers,
} from "../../../islands/seat_map/model.ts";

function seat(id: string, extra: Partial<SeatView> = {}): SeatView {
  const [, row, letter] = /^(\d+)([A-Z])$/.exec(id)!;
  return {
    id,
    row: Number(row),
    letter,
    window: letter === "A" || letter === "D",
    aisle: letter === "B" || letter === "C",
    exitRow: false,
    extraLegroom: false,
    status: "free",
    ...extra,
  };
}

function view(seq = 5): SeatMapView {
  const row = (n: number, exit = false) => ({
    row: n,
    seats: ["A", "B", "C", "D"].map((l) => seat(`${n}${l}`, { exitRow: exit, extraLegroom: exit })),
  });
  return {
    flightId: "f",
    currency: "USD",
    seq,
    cabins: [{
      code: "Y",
      name: "Economy",
      seatsLeft: 8,
      price: 15900,
      bucket: "Q",
      rows: [row(10), row(11, true)],
      seatsAcross: "AB|CD",
    }],
  };
}

const change = (seq: number, seats: [string, SeatView["status"]][]): SeatChange => ({
  seq,
  at: 0,
  change: "held",
  count: seats.length,
  seats: seats.map(([id, status]) => ({ id, status })),
});

Deno.test("seat map: each seat's spoken label names row, letter, position, row kind, state", () => {
  const cases: [SeatView, string, string | undefined, string][] = [
    [seat("14A"), "available", "$159", "Row 14, seat A, window, available, $159"],
    [seat("14B"), "taken", undefined, "Row 14, seat B, aisle, taken"],
    [
      seat("9E", { window: false, aisle: false }),
      "available",
      undefined,
      "Row 9, seat E, middle, available",
    ],
    [
      seat("11A", { exitRow: true, extraLegroom: true }),
      "your seat",
      undefined,
      "Row 11, seat A, window, exit row, your seat",
    ],
    [
      seat("4C", { extraLegroom: true }),
      "available",
      "$99",
      "Row 4, seat C, aisle, extra legroom, available, $99",
    ],
    [
      seat("2A", { aisle: true }),
      "available",
      undefined,
      "Row 2, seat A, window and aisle, available",
    ],
  ];
  for (const [s, state, price, want] of cases) assert.equal(seatLabel(s, state, price), want);
});

Deno.test("seat map: a live change updates its seats once; older changes are ignored", () => {
  const before = view();
  const after = applyChange(before, change(6, [["10A", "held"], ["11C", "sold"]]));
  const status = (v: SeatMapView, id: string) =>
    v.cabins[0].rows.flatMap((r) => r.seats).find((s) => s.id === id)!.status;
  assert.equal(after.seq, 6);
  assert.equal(status(after, "10A"), "held");
  assert.equal(status(after, "11C"), "sold");
  assert.equal(status(after, "10B"), "free");
  assert.equal(status(before, "10A"), "free", "the old snapshot is not changed");
  assert.equal(after.cabins[0].seatsLeft, 6, "seats left drop with the seats taken, at once");
  const freed = applyChange(after, change(7, [["10A", "free"], ["11C", "sold"]]));
  assert.equal(freed.cabins[0].seatsLeft, 7, "a freed seat counts again; an unchanged one not");
  assert.equal(applyChange(after, change(6, [["10A", "free"]])), after);
  assert.equal(applyChange(after, change(3, [["10A", "free"]])), after);
  const repriced = withOffers(after, [{ code: "Y", seatsLeft: 6, price: 17900, bucket: "M" }]);
  assert.deepEqual([repriced.cabins[0].seatsLeft, repriced.cabins[0].price], [6, 17900]);
});

Deno.test("seat map: announcements tell others' changes, not the user's own or repeats", () => {
  const before = applyChange(view(), change(6, [["10D", "held"]]));
  const cases: [
    [string, SeatView["status"]][],
    ((id: string) => boolean) | undefined,
    string | undefined,
  ][] = [
    [[["10A", "held"]], undefined, "Seat 10A was just taken."],
    [[["10A", "held"], ["10B", "held"]], undefined, "Seats 10A and 10B were just taken."],
    [[["10A", "held"], ["10B", "held"]], (id) => id === "10B", "Seat 10A was just taken."],
    [[["10D", "free"]], undefined, "Seat 10D is free again."],
    [[["10D", "sold"]], undefined, "Seat 10D was just taken."],
    [[["10D", "held"]], undefined, undefined],
    [
      [["10A", "blocked"], ["10D", "free"]],
      undefined,
      "Seat 10D is free again. Seat 10A is no longer available.",
    ],
    [[["10A", "held"]], () => true, undefined],
  ];
  for (const [seats, ignore, want] of cases) {
    assert.equal(describeChange(before, change(7, seats), ignore), want, JSON.stringify(seats));
  }
  assert.equal(seatWords(["1A", "1B", "1C"]), "Seats 1A, 1B and 1C");
  assert.equal(seatWords(["1A", "1B", "1C", "1D", "2A", "2B"]), "6 seats");
});

Deno.test("seat map: free seats per type for the fares table", () => {
  const v = applyChange(view(), change(6, [["10A", "held"], ["11B", "sold"]]));
  assert.deepEqual(seatTypeCounts(v.cabins[0]), [
    { type: "Window", total: 4, free: 3 },
    { type: "Aisle", total: 4, free: 3 },
    { type: "Exit row", total: 4, free: 3 },
  ]);
});

Deno.test("seat choice: picks replace the active passenger's seat, then move on", () => {
  let c = startChoice(["10A", "10B"], 2);
  assert.deepEqual(c, { slots: ["10A", "10B"], active: 0 });
  c = pickSeat(c, "11C");
  assert.deepEqual(c, { slots: ["11C", "10B"], active: 1 });
  assert.deepEqual(completeChoice(c), ["11C", "10B"]);
  c = pickSeat(c, "11C");
  assert.deepEqual(c, { slots: ["11C", "10B"], active: 0 }, "an own seat selects its passenger");
  // An unassigned hold fills its passengers in turn and is complete only when all have seats.
  let u = startChoice([], 2);
  assert.deepEqual(u, { slots: [undefined, undefined], active: 0 });
  u = pickSeat(u, "10C");
  assert.equal(completeChoice(u), undefined);
  u = pickSeat(u, "10D");
  assert.deepEqual(completeChoice(u), ["10C", "10D"]);
});

Deno.test("seat look: a picked seat is pressed and says 'selected'; fees join the fare", () => {
  const s = seat("10A", { extraLegroom: true });
  const base = { slot: -1, party: 1, selected: false };
  assert.deepEqual(seatLook(s, { ...base, fare: "$159", fee: "$15 seat fee" }), {
    kind: "free",
    label: "Row 10, seat A, window, extra legroom, available, $159 plus $15 seat fee",
    disabled: false,
  });
  const picked = seatLook(s, { ...base, selected: true, fare: "$159" });
  assert.equal(picked.kind, "selected");
  assert.equal(picked.label, "Row 10, seat A, window, extra legroom, selected, $159");
  assert.equal(
    seatLook(s, { ...base, slot: 1, party: 2 }).label,
    "Row 10, seat A, window, extra legroom, your seat, passenger 2",
  );
  assert.equal(seatLook({ ...s, status: "held" }, base).label.endsWith(", taken"), true);
});
