import assert from "node:assert/strict";
import {
  channelsFor,
  type FlightStatus,
  kindForStatusChange,
  type NotificationKind,
} from "../../domain/notification_kinds.ts";

Deno.test("notification kinds: preferences decide email and push, except operational kinds", () => {
  const off = { email: false, push: false };
  const cases: [NotificationKind, typeof off | undefined, boolean, boolean][] = [
    ["booking_confirmed", undefined, true, true],
    ["booking_confirmed", off, false, false],
    ["hold_expiring", { email: true, push: false }, true, false],
    ["flight_delayed", off, true, true],
    ["flight_gate_changed", off, true, true],
    ["flight_cancelled", off, true, true],
    ["flight_rebooked", off, true, true],
    ["flight_boarding", off, false, false],
  ];
  for (const [kind, stored, email, push] of cases) {
    assert.deepEqual(channelsFor(kind, stored), { inApp: true, email, push }, kind);
  }
});

Deno.test("notification kinds: which status changes passengers hear about", () => {
  const cases: [FlightStatus, string | undefined, string | undefined][] = [
    ["cancelled", undefined, "flight_cancelled"],
    ["delayed", "A1", "flight_delayed"],
    ["scheduled", "A1", "flight_gate_changed"],
    ["boarding", "A1", "flight_gate_changed"],
    ["boarding", undefined, "flight_boarding"],
    ["scheduled", undefined, undefined],
    ["departed", "A1", undefined],
    ["arrived", undefined, undefined],
  ];
  for (const [status, gate, kind] of cases) {
    assert.equal(kindForStatusChange({ status, gate }), kind, `${status} ${gate}`);
  }
  // With the operator's event known, a gate change on a delayed flight is not a delay.
  const events: [FlightStatus, string, string | undefined, string][] = [
    ["delayed", "gate_changed", "A1", "flight_gate_changed"],
    ["delayed", "delayed", undefined, "flight_delayed"],
    ["boarding", "boarding", undefined, "flight_boarding"],
  ];
  for (const [status, event, gate, kind] of events) {
    assert.equal(kindForStatusChange({ status, event, gate }), kind, `${status} ${event}`);
  }
});
