import assert from "node:assert/strict";
import {
  ALLOWED_FROM,
  changesSchedule,
  decideStatus,
  FLIGHT_STATUSES,
  type FlightStatus,
  type FlightStatusState,
  statusAfter,
  type StatusCommand,
  statusView,
} from "../../domain/flight_status.ts";

const DEP = Date.parse("2030-03-01T10:00:00Z");
const ARR = Date.parse("2030-03-01T12:00:00Z");
const NOW = Date.parse("2030-03-01T12:30:00Z");
const state = (
  status: FlightStatus,
  extra: Partial<FlightStatusState> = {},
): FlightStatusState => ({
  flightId: "f1",
  version: 3,
  status,
  reason: null,
  departureAt: DEP,
  arrivalAt: ARR,
  estimatedDepartureAt: null,
  estimatedArrivalAt: null,
  gate: "A1",
  boardingAt: null,
  ...extra,
});

const COMMANDS: Record<StatusCommand["type"], StatusCommand> = {
  Delay: { type: "Delay", estimatedDepartureAt: DEP + 3600_000, reason: "Weather" },
  ChangeGate: { type: "ChangeGate", gate: "B7" },
  StartBoarding: { type: "StartBoarding" },
  Depart: { type: "Depart", at: DEP + 600_000 },
  Arrive: { type: "Arrive", at: ARR },
  Cancel: { type: "Cancel", reason: "Crew" },
};

// Expected legality of every command from every status: the transition table in full.
const LEGAL: Record<FlightStatus, StatusCommand["type"][]> = {
  scheduled: ["Delay", "ChangeGate", "StartBoarding", "Cancel"],
  delayed: ["Delay", "ChangeGate", "StartBoarding", "Cancel"],
  boarding: ["Delay", "ChangeGate", "Depart", "Cancel"],
  departed: ["Arrive"],
  arrived: [],
  cancelled: [],
};

Deno.test("flight status: every command from every status is legal exactly as the table says", () => {
  for (const from of FLIGHT_STATUSES) {
    for (const cmd of Object.values(COMMANDS)) {
      const from_ = from === "departed"
        ? state(from, { estimatedDepartureAt: DEP + 600_000 })
        : state(from);
      const d = decideStatus(from_, cmd, NOW);
      const legal = LEGAL[from].includes(cmd.type);
      assert.equal(d.ok, legal, `${cmd.type} from ${from}`);
      assert.equal(ALLOWED_FROM[cmd.type].includes(from), legal);
      if (!d.ok) assert.equal(d.code, "illegal_transition");
    }
  }
});

Deno.test("flight status: each change sets its status, times, gate and version", () => {
  const cases: [FlightStatus, StatusCommand, Partial<FlightStatusState>][] = [
    ["scheduled", COMMANDS.Delay, {
      status: "delayed",
      reason: "Weather",
      estimatedDepartureAt: DEP + 3600_000,
      estimatedArrivalAt: ARR + 3600_000, // block time kept
    }],
    ["scheduled", { ...COMMANDS.Delay, estimatedArrivalAt: ARR + 1800_000 } as StatusCommand, {
      estimatedArrivalAt: ARR + 1800_000,
    }],
    ["delayed", COMMANDS.ChangeGate, { status: "delayed", gate: "B7" }],
    ["scheduled", { type: "StartBoarding", gate: "C3" }, {
      status: "boarding",
      gate: "C3",
      boardingAt: NOW,
    }],
    ["delayed", { type: "StartBoarding", at: NOW - 600_000 }, { boardingAt: NOW - 600_000 }],
    ["boarding", COMMANDS.Depart, { status: "departed", estimatedDepartureAt: DEP + 600_000 }],
    ["boarding", { type: "Depart" }, { estimatedDepartureAt: NOW }],
    ["departed", COMMANDS.Arrive, { status: "arrived", estimatedArrivalAt: ARR }],
    ["boarding", COMMANDS.Cancel, { status: "cancelled", reason: "Crew" }],
  ];
  for (const [from, cmd, expected] of cases) {
    const d = decideStatus(state(from), cmd, NOW);
    assert.ok(d.ok, `${cmd.type} from ${from}`);
    assert.equal(d.next.version, 4);
    assert.equal(d.event.version, 4);
    assert.equal(d.event.previousStatus, from);
    for (const [k, v] of Object.entries(expected)) {
      assert.equal(d.next[k as keyof FlightStatusState], v, `${cmd.type}.${k}`);
    }
  }
});

Deno.test("flight status: bad times and non-changes are refused", () => {
  const cases: [FlightStatusState, StatusCommand, string][] = [
    [
      state("scheduled"),
      { type: "Delay", estimatedDepartureAt: DEP, reason: "x" },
      "invalid_times",
    ],
    [state("scheduled"), {
      type: "Delay",
      estimatedDepartureAt: DEP + 3600_000,
      estimatedArrivalAt: DEP + 1800_000,
      reason: "x",
    }, "invalid_times"],
    [
      state("departed", { estimatedDepartureAt: ARR }),
      { type: "Arrive", at: ARR - 1 },
      "arrival_not_after_departure",
    ],
    [state("scheduled"), { type: "ChangeGate", gate: "A1" }, "no_change"],
  ];
  for (const [from, cmd, code] of cases) {
    const d = decideStatus(from, cmd, NOW);
    assert.ok(!d.ok);
    assert.equal(d.code, code, JSON.stringify(cmd));
  }
});

Deno.test("flight status: only delays and cancellations change cached schedules", () => {
  const kinds = Object.values(COMMANDS).map((cmd) => {
    const from = cmd.type === "Arrive"
      ? state("departed", { estimatedDepartureAt: DEP })
      : cmd.type === "Depart"
      ? state("boarding")
      : state("scheduled");
    const d = decideStatus(from, cmd, NOW);
    assert.ok(d.ok, cmd.type);
    return [d.event.kind, changesSchedule(d.event)];
  });
  assert.deepEqual(Object.fromEntries(kinds), {
    delayed: true,
    gate_changed: false,
    boarding: false,
    departed: false,
    arrived: false,
    cancelled: true,
  });
});

Deno.test("flight status: actual times that break a rule are refused with the rule's code", () => {
  const MIN = 60_000;
  const departed = state("departed", { estimatedDepartureAt: DEP + 10 * MIN });
  const cases: [FlightStatusState, StatusCommand, number, string | null][] = [
    [state("boarding"), { type: "Depart", at: DEP + 10 * MIN }, DEP + 5 * MIN, null],
    [
      state("boarding"),
      { type: "Depart", at: DEP + 11 * MIN },
      DEP + 5 * MIN,
      "actual_time_in_future",
    ],
    [state("boarding"), { type: "Depart", at: DEP - 120 * MIN }, DEP, null],
    [state("boarding"), { type: "Depart", at: DEP - 121 * MIN }, DEP, "departed_too_early"],
    [departed, { type: "Arrive", at: ARR }, ARR + 5 * MIN, null],
    [departed, { type: "Arrive", at: ARR + 6 * MIN }, ARR, "actual_time_in_future"],
    [departed, { type: "Arrive", at: DEP + 10 * MIN }, ARR, "arrival_not_after_departure"],
    [departed, { type: "Arrive" }, DEP + 5 * MIN, "arrival_not_after_departure"],
  ];
  for (const [from, cmd, now, code] of cases) {
    const d = decideStatus(from, cmd, now);
    assert.equal(d.ok ? null : d.code, code, JSON.stringify(cmd));
  }
});

Deno.test("flight status: a boarding time that breaks a rule is refused with the rule's code", () => {
  const MIN = 60_000;
  const delayed = state("delayed", { estimatedDepartureAt: DEP + 240 * MIN });
  const boarding = state("boarding", { boardingAt: DEP - 30 * MIN });
  const cases: [FlightStatusState, StatusCommand, number, string | null][] = [
    [state("scheduled"), { type: "StartBoarding" }, DEP - 40 * MIN, null],
    [state("scheduled"), { type: "StartBoarding", at: DEP - 35 * MIN }, DEP - 30 * MIN, null],
    [
      state("scheduled"),
      { type: "StartBoarding", at: DEP - 24 * MIN },
      DEP - 30 * MIN,
      "actual_time_in_future",
    ],
    [state("scheduled"), { type: "StartBoarding", at: DEP - 180 * MIN }, DEP, null],
    [
      state("scheduled"),
      { type: "StartBoarding", at: DEP - 181 * MIN },
      DEP,
      "boarding_too_early",
    ],
    // Nine days ahead: boarding now, by default, is just as absurd as typing it.
    [state("scheduled"), { type: "StartBoarding" }, DEP - 9 * 24 * 60 * MIN, "boarding_too_early"],
    // A delay moves the earliest boarding with the expected departure.
    [delayed, { type: "StartBoarding", at: DEP + 60 * MIN }, DEP + 70 * MIN, null],
    [delayed, { type: "StartBoarding", at: DEP + 59 * MIN }, DEP + 70 * MIN, "boarding_too_early"],
    [boarding, { type: "Depart", at: DEP - 30 * MIN }, DEP, null],
    [boarding, { type: "Depart", at: DEP - 31 * MIN }, DEP, "departed_before_boarding"],
    // A flight that boarded before boarding times were recorded departs by the old rules.
    [state("boarding", { boardingAt: null }), { type: "Depart", at: DEP - 60 * MIN }, DEP, null],
  ];
  for (const [from, cmd, now, code] of cases) {
    const d = decideStatus(from, cmd, now);
    assert.equal(d.ok ? null : d.code, code, JSON.stringify(cmd));
  }
});

Deno.test("flight status: the boarding time is published, kept to departure and reset by a delay", () => {
  const MIN = 60_000;
  const started = decideStatus(
    state("scheduled"),
    { type: "StartBoarding", at: DEP - 40 * MIN },
    DEP,
  );
  assert.ok(started.ok);
  assert.equal(started.event.boardingAt, new Date(DEP - 40 * MIN).toISOString());
  assert.equal(statusAfter(state("scheduled"), started.event).boardingAt, DEP - 40 * MIN);
  assert.equal(statusView(started.next).boardingAt, new Date(DEP - 40 * MIN).toISOString());

  const departed = decideStatus(started.next, { type: "Depart", at: DEP }, DEP);
  assert.ok(departed.ok);
  assert.equal(departed.next.boardingAt, DEP - 40 * MIN);
  assert.equal(departed.event.boardingAt, new Date(DEP - 40 * MIN).toISOString());

  const delayed = decideStatus(started.next, COMMANDS.Delay, DEP);
  assert.ok(delayed.ok);
  assert.equal(delayed.next.boardingAt, null);
  assert.equal(delayed.event.boardingAt, null);

  // A state or an event stored before boarding times existed lacks the field.
  const old = { ...state("boarding") } as Partial<FlightStatusState>;
  delete old.boardingAt;
  assert.equal(statusView(old as FlightStatusState).boardingAt, null);
  const { boardingAt: _, ...oldEvent } = started.event;
  assert.equal(statusAfter(state("scheduled"), oldEvent as typeof started.event).boardingAt, null);
});
