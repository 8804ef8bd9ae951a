import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { actualTimes, OpsBoardRow } from "../../../islands/ops_board/OpsBoardRow.tsx";
import { pick } from "../../../islands/ops_board/board_rows.ts";
import type { OpsRow } from "../../../domain/views/ops.ts";

const row = (extra: Partial<OpsRow> = {}): OpsRow => ({
  id: "f1",
  name: "CT 804 FRA → LHR",
  origin: "FRA",
  originTz: "Europe/Berlin",
  destinationTz: "Europe/London",
  departureLocal: "2030-03-01T10:00",
  departureAt: "2030-03-01T09:00:00.000Z",
  estimatedDepartureAt: null,
  boardingAt: null,
  status: "scheduled",
  gate: null,
  version: 1,
  capacity: 180,
  sold: 0,
  registration: null,
  arrivalAt: "2030-03-01T10:40:00.000Z",
  estimatedArrivalAt: null,
  crewAssigned: 0,
  crewRequired: 6,
  connecting: 0,
  atRisk: 0,
  ...extra,
});

Deno.test("ops board row: actual times by status, local at each airport with the origin's zone", () => {
  const boarded = "2030-03-01T08:25:00.000Z";
  const cases: [Partial<OpsRow>, string][] = [
    [{}, ""],
    [{ status: "boarding" }, ""], // boarded before boarding times were recorded
    [{ status: "boarding", boardingAt: boarded }, "Boarding since 09:25 CET"],
    [
      { status: "departed", boardingAt: boarded, estimatedDepartureAt: "2030-03-01T09:05:00Z" },
      "Boarded 09:25 · Dep 10:05",
    ],
    [
      {
        status: "arrived",
        boardingAt: boarded,
        estimatedDepartureAt: "2030-03-01T09:05:00Z",
        estimatedArrivalAt: "2030-03-01T10:35:00Z",
      },
      "Boarded 09:25 · Dep 10:05 · Arr 10:35",
    ],
    [{ status: "departed", estimatedDepartureAt: "2030-03-01T09:05:00Z" }, "Dep 10:05"],
    // A delay interrupted boarding: the board no longer says it is boarding.
    [{ status: "delayed", boardingAt: null, estimatedDepartureAt: "2030-03-01T11:00:00Z" }, ""],
  ];
  for (const [extra, text] of cases) assert.equal(actualTimes(row(extra)), text, extra.status);
});

Deno.test("ops board row: a boarding flight's row renders when boarding started", () => {
  const html = renderToString(
    <table>
      <tbody>
        <OpsBoardRow
          row={row({ status: "boarding", gate: "A12", boardingAt: "2030-03-01T08:25:00Z" })}
          now={Date.parse("2030-03-01T08:30:00Z")}
          changed={false}
        />
      </tbody>
    </table>,
  );
  assert.match(html, /gate A12<\/span><span class="actual"> Boarding since 09:25 CET<\/span>/);
});

Deno.test("ops board row: a change from the stream carries the boarding time onto the row", () => {
  const change = {
    version: 2,
    status: "boarding",
    gate: "A12",
    estimatedDepartureAt: null,
    boardingAt: "2030-03-01T08:25:00.000Z",
  };
  assert.equal(pick(change).boardingAt, "2030-03-01T08:25:00.000Z");
  // A result without the field (an older server) leaves the row's as it was.
  const { boardingAt: _, ...older } = change;
  assert.equal("boardingAt" in pick(older), false);
});
