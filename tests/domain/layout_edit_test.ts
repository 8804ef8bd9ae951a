import assert from "node:assert/strict";
import {
  blankCabin,
  fieldsFromForm,
  fieldsFromType,
  layoutInput,
  layoutKey,
  problemsByField,
  typeInput,
} from "../../domain/layout_edit.ts";
import { cabinGrid, cycleRow, cycleSeat, rowMark, seatMark } from "../../domain/layout_grid.ts";
import { actionsFor, statusProblems, statusRequest } from "../../domain/status_form.ts";
import { SeatLayoutSchema } from "../../domain/seat_layout.ts";

const cabin = { ...blankCabin("Y", 10), lastRow: "14", skipRows: "13", blockedSeats: "10A" };

Deno.test("seat clicks cycle for sale → blocked → missing → for sale, one list at a time", () => {
  const steps = [cabin];
  for (let i = 0; i < 3; i++) steps.push(cycleSeat(steps.at(-1)!, "11C"));
  assert.deepEqual(steps.map((c) => seatMark(c, "11C")), [
    "normal",
    "blocked",
    "missing",
    "normal",
  ]);
  assert.deepEqual(steps.map((c) => [c.blockedSeats, c.missingSeats]), [
    ["10A", ""],
    ["10A, 11C", ""],
    ["10A", "11C"],
    ["10A", ""],
  ]);
  assert.equal(seatMark({ ...cabin, blockedSeats: "10a" }, "10A"), "blocked", "any case");
});

Deno.test("row clicks cycle standard → exit → extra legroom → standard", () => {
  const table: [string, string, string][] = [
    ["", "", "exit"],
    ["12", "", "legroom"],
    ["", "12", "none"],
  ];
  for (const [exitRows, extraLegroomRows, next] of table) {
    assert.equal(rowMark(cycleRow({ ...cabin, exitRows, extraLegroomRows }, 12), 12), next);
  }
  assert.equal(rowMark({ ...cabin, exitRows: "12", extraLegroomRows: "12" }, 12), "exit");
});

Deno.test("a cabin draws its rows without skipped ones, and nothing while its fields are invalid", () => {
  assert.deepEqual(cabinGrid(cabin), {
    rows: [10, 11, 12, 14],
    groups: [["A", "B", "C"], ["D", "E", "F"]],
  });
  const invalid: Partial<typeof cabin>[] = [
    { firstRow: "x" },
    { lastRow: "9" },
    { lastRow: "151" },
    { seatsAcross: "ABI" },
    { seatsAcross: "AB||C" },
  ];
  for (const change of invalid) assert.equal(cabinGrid({ ...cabin, ...change }), undefined);
});

Deno.test("form fields become an API body; blank cabin slots are dropped, typos kept for the schema", () => {
  const fields = fieldsFromForm({
    code: " t1 ",
    name: "Jet",
    manufacturer: "Acme",
    cruiseKmh: "800",
    rangeKm: "fast",
    "cabins.0.code": "y",
    "cabins.0.name": "Economy",
    "cabins.0.firstRow": "1",
    "cabins.0.lastRow": "3",
    "cabins.0.seatsAcross": "ab | cd",
    "cabins.0.exitRows": "2; x",
    "cabins.0.blockedSeats": "1a 3d",
    "cabins.1.code": "",
    "cabins.1.name": "",
  });
  assert.equal(fields.cabins.length, 1);
  const body = typeInput(fields);
  assert.deepEqual(body.layout.cabins[0], {
    code: "Y",
    name: "Economy",
    firstRow: 1,
    lastRow: 3,
    seatsAcross: "AB|CD",
    skipRows: [],
    exitRows: [2, "x"],
    extraLegroomRows: [],
    blockedSeats: ["1A", "3D"],
    missingSeats: [],
  });
  assert.equal(body.rangeKm, "fast");
  assert.equal(SeatLayoutSchema.safeParse(body.layout).success, false, "x is not a row");
});

Deno.test("a stored type round-trips through the fields, and order does not change a layout", () => {
  const layout = SeatLayoutSchema.parse({
    cabins: [{
      code: "J",
      name: "Business",
      firstRow: 1,
      lastRow: 4,
      seatsAcross: "AC|DF",
      blockedSeats: ["2A", "1C"],
      pitchInches: 38,
    }],
  });
  const fields = fieldsFromType({
    code: "X",
    name: "X",
    manufacturer: "Y",
    cruiseKmh: 1,
    rangeKm: 2,
    layout,
  });
  assert.deepEqual(SeatLayoutSchema.parse(layoutInput(fields.cabins)), layout);
  const swapped = { ...fields.cabins[0], blockedSeats: "1C, 2A" };
  assert.equal(layoutKey(layoutInput([swapped])), layoutKey(layoutInput(fields.cabins)));
  assert.notEqual(
    layoutKey(layoutInput([cycleSeat(swapped, "3D")])),
    layoutKey(layoutInput(fields.cabins)),
  );
});

Deno.test("API problems are keyed by the input they concern", () => {
  assert.deepEqual(
    problemsByField([
      { path: "layout.cabins.0.blockedSeats.2", message: "seat 40B is not in the cabin" },
      { path: "layout.cabins.1", message: "no seats left" },
      { path: "layout", message: "cabins must be ordered" },
      { path: "rangeKm", message: "too small" },
      { path: "(root)", message: "bad" },
    ]),
    {
      "cabins.0.blockedSeats": ["seat 40B is not in the cabin"],
      "cabins.1": ["no seats left"],
      layout: ["cabins must be ordered", "bad"],
      rangeKm: ["too small"],
    },
  );
});

Deno.test("status forms: the actions a status allows and the API body, local time at the origin", () => {
  const table: [string, string[]][] = [
    ["scheduled", ["delayed", "gate_changed", "boarding", "cancelled"]],
    ["boarding", ["delayed", "gate_changed", "departed", "cancelled"]],
    ["departed", ["arrived"]],
    ["arrived", []],
    ["cancelled", []],
  ];
  for (const [status, types] of table) {
    assert.deepEqual(actionsFor(status).map((a) => a.type), types, status);
  }
  // 10:30 in Frankfurt in March is 09:30 UTC (CET, +1).
  assert.deepEqual(
    statusRequest(
      { type: "delayed", departureLocal: "2030-03-01T10:30", reason: " Fog ", gate: "B1" },
      "Europe/Berlin",
    ),
    { type: "delayed", estimatedDepartureAt: "2030-03-01T09:30:00.000Z", reason: "Fog" },
  );
  assert.equal(
    statusRequest({ type: "delayed", departureLocal: "2030-02-30T10:30" }, "UTC")
      .estimatedDepartureAt,
    "2030-02-30T10:30",
    "a date that does not exist is left for the schema to refuse",
  );
  assert.deepEqual(statusRequest({ type: "boarding", gate: " " }, "UTC"), {
    type: "boarding",
    gate: undefined,
  });
  assert.deepEqual(
    statusRequest(
      { type: "boarding", gate: "B7", actualLocal: "2030-03-01T09:20" },
      "Europe/Paris",
    ),
    { type: "boarding", gate: "B7", at: "2030-03-01T08:20:00.000Z" },
    "boarding's actual time is local at the origin",
  );
  assert.deepEqual(
    statusProblems([{ path: "estimatedDepartureAt", message: "x" }, {
      path: "reason",
      message: "y",
    }]),
    { departureLocal: "expected a local date and time, e.g. 2030-03-01T10:30", reason: "y" },
  );
});
