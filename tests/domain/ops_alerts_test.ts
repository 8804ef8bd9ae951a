import assert from "node:assert/strict";
import {
  type AlertFlight,
  connectionsAlert,
  crewShortAlert,
  delayAlert,
} from "../../domain/ops_alerts.ts";

const f: AlertFlight = {
  flightId: "f1",
  name: "CT 1 FRA → LHR",
  status: "scheduled",
  departureAt: "2030-03-01T10:00:00.000Z",
  estimatedDepartureAt: null,
};
const later = (min: number) => new Date(Date.parse(f.departureAt) + min * 60_000).toISOString();

Deno.test("delayAlert: only at or past the threshold, keyed per flight", () => {
  const cases: [string, Partial<AlertFlight>, number | undefined, boolean][] = [
    ["on time", {}, undefined, false],
    ["29 min", { status: "delayed", estimatedDepartureAt: later(29) }, undefined, false],
    ["30 min", { status: "delayed", estimatedDepartureAt: later(30) }, undefined, true],
    ["10 min with threshold 10", { estimatedDepartureAt: later(10) }, 10, true],
    ["cancelled", { status: "cancelled", estimatedDepartureAt: later(90) }, undefined, false],
  ];
  for (const [name, change, threshold, want] of cases) {
    const a = delayAlert({ ...f, ...change }, threshold);
    assert.equal(Boolean(a), want, name);
    if (a) assert.equal(a.key, "ops-alert:delay:f1");
  }
});

Deno.test("crewShortAlert: unfilled positions within 24 h of departure", () => {
  const dep = Date.parse(f.departureAt);
  const cases: [string, number, number, Partial<AlertFlight>, boolean][] = [
    ["short, 2 h out", 2, dep - 2 * 3_600_000, {}, true],
    ["short, exactly 24 h out", 1, dep - 24 * 3_600_000, {}, true],
    ["short, 25 h out", 1, dep - 25 * 3_600_000, {}, false],
    ["complete", 0, dep - 3_600_000, {}, false],
    ["already departed time", 1, dep + 60_000, {}, false],
    ["cancelled", 1, dep - 3_600_000, { status: "cancelled" }, false],
  ];
  for (const [name, unfilled, now, change, want] of cases) {
    const a = crewShortAlert({ ...f, ...change }, unfilled, now);
    assert.equal(Boolean(a), want, name);
    if (a) assert.equal(a.key, "ops-alert:crew_short:f1");
  }
});

Deno.test("connectionsAlert: bookings at risk on a flight still operating", () => {
  assert.equal(connectionsAlert(f, 0), undefined);
  assert.equal(connectionsAlert({ ...f, status: "cancelled" }, 3), undefined);
  assert.equal(connectionsAlert(f, 2)?.key, "ops-alert:connections_at_risk:f1");
});
