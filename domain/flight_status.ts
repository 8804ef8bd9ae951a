import { formatInZone } from "./time.ts";

/** Every status a flight can have (the `flights.status` column allows exactly these). */
export const FLIGHT_STATUSES = [
  "scheduled",
  "boarding",
  "departed",
  "arrived",
  "delayed",
  "cancelled",
] as const;

/** A flight's operational status. */
export type FlightStatus = typeof FLIGHT_STATUSES[number];

/** What the status rules need to know about a flight; times are epoch milliseconds. */
export interface FlightStatusState {
  flightId: string;
  /** The flight row's version: every published change adds one; the stream's event id. */
  version: number;
  status: FlightStatus;
  reason: string | null;
  departureAt: number;
  arrivalAt: number;
  estimatedDepartureAt: number | null;
  estimatedArrivalAt: number | null;
  gate: string | null;
  /**
   * When boarding started (the operator's actual time, or when it was recorded); null before
   * boarding and after a delay interrupts it. States stored in KV before it existed lack it,
   * so it is read with `== null`.
   */
  boardingAt: number | null;
}

/** An operator's request to change a flight's status. */
export type StatusCommand =
  | { type: "Delay"; estimatedDepartureAt: number; estimatedArrivalAt?: number; reason: string }
  | { type: "ChangeGate"; gate: string; reason?: string }
  | { type: "StartBoarding"; gate?: string; at?: number }
  | { type: "Depart"; at?: number }
  | { type: "Arrive"; at?: number }
  | { type: "Cancel"; reason: string };

/** What kind of change happened, as streams and notifications name it. */
export type StatusChangeKind =
  | "delayed"
  | "gate_changed"
  | "boarding"
  | "departed"
  | "arrived"
  | "cancelled";

/** A published status change: everything a board, a passenger or an operator shows. */
export interface FlightStatusChanged {
  type: "FlightStatusChanged";
  flightId: string;
  version: number;
  kind: StatusChangeKind;
  status: FlightStatus;
  previousStatus: FlightStatus;
  reason: string | null;
  departureAt: string;
  arrivalAt: string;
  estimatedDepartureAt: string | null;
  estimatedArrivalAt: string | null;
  gate: string | null;
  previousGate: string | null;
  /** When boarding started, while it is current (see FlightStatusState.boardingAt). */
  boardingAt: string | null;
  at: string;
}

/** Why a recorded actual time is refused, one code per rule (all answered 422). */
export type ActualTimeRule =
  | "actual_time_in_future"
  | "boarding_too_early"
  | "departed_too_early"
  | "departed_before_boarding"
  | "arrival_not_after_departure";

/** Every actual-time rule's code: the codes a status command is refused with as 422. */
export const ACTUAL_TIME_RULES: readonly ActualTimeRule[] = [
  "actual_time_in_future",
  "boarding_too_early",
  "departed_too_early",
  "departed_before_boarding",
  "arrival_not_after_departure",
];

/** Every code a status command can be refused with. */
export type StatusRefusal = "illegal_transition" | "invalid_times" | "no_change" | ActualTimeRule;

/** The outcome of a status command: the new state and its event, or why it is refused. */
export type StatusDecision =
  | { ok: true; next: FlightStatusState; event: FlightStatusChanged }
  | { ok: false; code: StatusRefusal; detail: string };

/** How far ahead of the clock an actual time may be (clocks and typing drift a little). */
export const ACTUAL_TIME_SLACK_MS = 5 * 60_000;
/** How long before its scheduled departure a flight may be recorded as departed. */
export const EARLIEST_DEPARTURE_MS = 2 * 3600_000;
/**
 * How long before its expected departure (the estimate, else the schedule) boarding may start:
 * the longest real boarding (an A380) takes about an hour, so three hours is a typing error.
 */
export const EARLIEST_BOARDING_MS = 3 * 3600_000;

/** From which statuses each command may be applied; arrived and cancelled are final. */
export const ALLOWED_FROM: Record<StatusCommand["type"], readonly FlightStatus[]> = {
  Delay: ["scheduled", "delayed", "boarding"],
  ChangeGate: ["scheduled", "delayed", "boarding"],
  StartBoarding: ["scheduled", "delayed"],
  Depart: ["boarding"],
  Arrive: ["departed"],
  Cancel: ["scheduled", "delayed", "boarding"],
};

const KIND: Record<StatusCommand["type"], StatusChangeKind> = {
  Delay: "delayed",
  ChangeGate: "gate_changed",
  StartBoarding: "boarding",
  Depart: "departed",
  Arrive: "arrived",
  Cancel: "cancelled",
};

const iso = (t: number | null | undefined) => (t == null ? null : new Date(t).toISOString());

function refuse(code: StatusRefusal, detail: string) {
  return { ok: false as const, code, detail };
}

/**
 * The rule an operator's actual boarding, departure or arrival time breaks, if any: never
 * more than five minutes ahead of `now`; boarding no earlier than three hours before the
 * expected departure; a departure no earlier than two hours before the scheduled one nor
 * before boarding started; an arrival after the departure. Pure.
 */
export function actualTimeProblem(
  s: FlightStatusState,
  cmd: { type: "StartBoarding" | "Depart" | "Arrive"; at: number },
  now: number,
): { code: ActualTimeRule; detail: string } | null {
  if (cmd.at > now + ACTUAL_TIME_SLACK_MS) {
    return {
      code: "actual_time_in_future",
      detail: "An actual time may not be more than 5 minutes in the future.",
    };
  }
  const expected = s.estimatedDepartureAt ?? s.departureAt;
  if (cmd.type === "StartBoarding" && cmd.at < expected - EARLIEST_BOARDING_MS) {
    return {
      code: "boarding_too_early",
      detail: "Boarding cannot start more than 3 hours before the expected departure.",
    };
  }
  if (cmd.type === "Depart" && cmd.at < s.departureAt - EARLIEST_DEPARTURE_MS) {
    return {
      code: "departed_too_early",
      detail: "A flight cannot depart more than 2 hours before its scheduled departure.",
    };
  }
  // Flights boarded before boarding times were recorded have none to compare with.
  if (cmd.type === "Depart" && s.boardingAt != null && cmd.at < s.boardingAt) {
    return {
      code: "departed_before_boarding",
      detail: "A flight cannot depart before its boarding started.",
    };
  }
  // For an arrival, the estimate is the recorded departure.
  if (cmd.type === "Arrive" && cmd.at <= expected) {
    return { code: "arrival_not_after_departure", detail: "Arrival must come after departure." };
  }
  return null;
}

/** The state after a command, or a refusal; pure (time is passed in). */
function apply(s: FlightStatusState, cmd: StatusCommand, now: number) {
  switch (cmd.type) {
    case "Delay": {
      if (cmd.estimatedDepartureAt <= s.departureAt) {
        return refuse("invalid_times", "A delay must move departure after the scheduled time.");
      }
      // Without a new arrival time the block time stays the same.
      const arrival = cmd.estimatedArrivalAt ??
        s.arrivalAt + (cmd.estimatedDepartureAt - s.departureAt);
      if (arrival <= cmd.estimatedDepartureAt) {
        return refuse("invalid_times", "Arrival must come after departure.");
      }
      return {
        ...s,
        status: "delayed" as const,
        // A delay interrupts boarding; it starts again, with a new time, after it.
        boardingAt: null,
        reason: cmd.reason,
        estimatedDepartureAt: cmd.estimatedDepartureAt,
        estimatedArrivalAt: arrival,
      };
    }
    case "ChangeGate":
      if (cmd.gate === s.gate) return refuse("no_change", `The gate is already ${cmd.gate}.`);
      return { ...s, gate: cmd.gate, reason: cmd.reason ?? s.reason };
    case "StartBoarding": {
      const at = cmd.at ?? now;
      const problem = actualTimeProblem(s, { type: cmd.type, at }, now);
      if (problem) return refuse(problem.code, problem.detail);
      return { ...s, status: "boarding" as const, gate: cmd.gate ?? s.gate, boardingAt: at };
    }
    case "Depart": {
      const at = cmd.at ?? now;
      const problem = actualTimeProblem(s, { type: cmd.type, at }, now);
      if (problem) return refuse(problem.code, problem.detail);
      return { ...s, status: "departed" as const, estimatedDepartureAt: at };
    }
    case "Arrive": {
      const at = cmd.at ?? now;
      const problem = actualTimeProblem(s, { type: cmd.type, at }, now);
      if (problem) return refuse(problem.code, problem.detail);
      return { ...s, status: "arrived" as const, estimatedArrivalAt: at };
    }
    case "Cancel":
      return { ...s, status: "cancelled" as const, reason: cmd.reason };
  }
}

/**
 * Decides a status command against the flight's current state: only the transitions in
 * ALLOWED_FROM are legal (nothing after arrived or cancelled, no arrival before departure).
 */
export function decideStatus(
  s: FlightStatusState,
  cmd: StatusCommand,
  now: number,
): StatusDecision {
  if (!ALLOWED_FROM[cmd.type].includes(s.status)) {
    return refuse(
      "illegal_transition",
      `A ${s.status} flight cannot be ${KIND[cmd.type].replace("_", " ")}.`,
    );
  }
  const next = apply(s, cmd, now);
  if ("ok" in next) return next;
  const after: FlightStatusState = { ...next, version: s.version + 1 };
  return {
    ok: true,
    next: after,
    event: {
      type: "FlightStatusChanged",
      flightId: s.flightId,
      version: after.version,
      kind: KIND[cmd.type],
      status: after.status,
      previousStatus: s.status,
      reason: after.reason,
      departureAt: iso(s.departureAt)!,
      arrivalAt: iso(s.arrivalAt)!,
      estimatedDepartureAt: iso(after.estimatedDepartureAt),
      estimatedArrivalAt: iso(after.estimatedArrivalAt),
      gate: after.gate,
      previousGate: s.gate,
      boardingAt: iso(after.boardingAt),
      at: iso(now)!,
    },
  };
}

/** The status state a published change leads to (what the actor applies on replay). */
export function statusAfter(s: FlightStatusState, e: FlightStatusChanged): FlightStatusState {
  const ms = (t: string | null) => (t === null ? null : Date.parse(t));
  return {
    ...s,
    version: e.version,
    status: e.status,
    reason: e.reason,
    estimatedDepartureAt: ms(e.estimatedDepartureAt),
    estimatedArrivalAt: ms(e.estimatedArrivalAt),
    gate: e.gate,
    // Events logged before boarding times existed lack the field.
    boardingAt: ms(e.boardingAt ?? null),
  };
}

/** True when cached schedules (search results) must be rebuilt after this change. */
export function changesSchedule(event: FlightStatusChanged): boolean {
  return event.kind === "delayed" || event.kind === "cancelled";
}

/** A flight's current status as streams show it (the status stream's snapshot). */
export function statusView(s: FlightStatusState) {
  return {
    flightId: s.flightId,
    version: s.version,
    status: s.status,
    reason: s.reason,
    departureAt: iso(s.departureAt)!,
    arrivalAt: iso(s.arrivalAt)!,
    estimatedDepartureAt: iso(s.estimatedDepartureAt),
    estimatedArrivalAt: iso(s.estimatedArrivalAt),
    gate: s.gate,
    boardingAt: iso(s.boardingAt),
  };
}

/** How passengers read each status. */
export const STATUS_WORDS: Record<FlightStatus, string> = {
  scheduled: "On time",
  delayed: "Delayed",
  boarding: "Boarding",
  departed: "Departed",
  arrived: "Arrived",
  cancelled: "Cancelled",
};

/**
 * A status as passengers read it wherever it is shown: a delay names its new departure in the
 * origin's local time with its zone ("Delayed to Fri 1 Mar, 11:00 CET"), never just "Delayed".
 */
export function statusText(
  s: { status: string; estimatedDepartureAt?: string | null },
  originTz: string,
): string {
  const words = STATUS_WORDS[s.status as FlightStatus] ?? s.status;
  return s.status === "delayed" && s.estimatedDepartureAt
    ? `${words} to ${formatInZone(s.estimatedDepartureAt, originTz)}`
    : words;
}
