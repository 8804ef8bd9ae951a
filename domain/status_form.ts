/**
 * Flight status changes as operators enter them: the actions a flight's status allows, and
 * a form's fields (times in the origin airport's local time) turned into the body of
 * `POST /api/admin/flights/:id/status`, which the API's schema then checks. Pure.
 */
import { ALLOWED_FROM, type FlightStatus, type StatusCommand } from "./flight_status.ts";
import { localToUtc, timeInZone, toLocal } from "./time.ts";

/** The `type` of a status change as the API names it. */
export type StatusChangeType =
  | "delayed"
  | "gate_changed"
  | "boarding"
  | "departed"
  | "arrived"
  | "cancelled";

/** Every change an operator can make, with its button label and the command it sends. */
export const STATUS_ACTIONS: {
  type: StatusChangeType;
  label: string;
  command: StatusCommand["type"];
}[] = [
  { type: "delayed", label: "Delay", command: "Delay" },
  { type: "gate_changed", label: "Change gate", command: "ChangeGate" },
  { type: "boarding", label: "Start boarding", command: "StartBoarding" },
  { type: "departed", label: "Departed", command: "Depart" },
  { type: "arrived", label: "Arrived", command: "Arrive" },
  { type: "cancelled", label: "Cancel flight", command: "Cancel" },
];

/** The changes a flight in `status` allows, in the order operators meet them. */
export function actionsFor(status: string) {
  return STATUS_ACTIONS.filter((a) => ALLOWED_FROM[a.command].includes(status as FlightStatus));
}

/**
 * A status form's fields: `departureLocal` is "YYYY-MM-DDTHH:MM" at the origin; `actualLocal`,
 * the actual time boarding started, or of a departure or arrival, at its airport (empty: now).
 */
export interface StatusFormFields {
  type: string;
  departureLocal?: string;
  actualLocal?: string;
  reason?: string;
  gate?: string;
}

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function localInstant(local: string, timeZone: string): string {
  if (!LOCAL.test(local)) return local;
  try {
    return localToUtc(local, timeZone).toISOString();
  } catch {
    return local; // a calendar date that does not exist, e.g. 2030-02-30
  }
}

/**
 * The API body for a form. A local time that is not one is passed through as typed, so the
 * API's schema reports it under `estimatedDepartureAt` or `at` (see statusProblems). `timeZone`
 * is the airport the change happens at: the destination for an arrival, else the origin.
 */
export function statusRequest(f: StatusFormFields, timeZone: string): Record<string, unknown> {
  const reason = f.reason?.trim() || undefined;
  const gate = f.gate?.trim() || undefined;
  switch (f.type) {
    case "delayed": {
      const local = f.departureLocal?.trim() ?? "";
      return { type: f.type, estimatedDepartureAt: localInstant(local, timeZone), reason };
    }
    case "gate_changed":
      return { type: f.type, gate, reason };
    case "cancelled":
      return { type: f.type, reason };
    case "boarding":
    case "departed":
    case "arrived": {
      const actual = f.actualLocal?.trim();
      const at = actual ? { at: localInstant(actual, timeZone) } : {};
      return f.type === "boarding" ? { type: f.type, gate, ...at } : { type: f.type, ...at };
    }
    default:
      return { type: f.type };
  }
}

const FIELD_OF: Record<string, keyof StatusFormFields> = {
  estimatedDepartureAt: "departureLocal",
  at: "actualLocal",
  reason: "reason",
  gate: "gate",
};

/**
 * API problems (as in a 400 problem's `errors`) by form field; the instant the form sent is
 * asked for as the local time it was typed as.
 */
export function statusProblems(
  problems: readonly { path: string; message: string }[],
): Partial<Record<keyof StatusFormFields, string>> {
  const out: Partial<Record<keyof StatusFormFields, string>> = {};
  for (const p of problems) {
    const field = FIELD_OF[p.path.split(".")[0]] ?? "type";
    out[field] = field === "departureLocal" || field === "actualLocal"
      ? "expected a local date and time, e.g. 2030-03-01T10:30"
      : p.message;
  }
  return out;
}

/** An instant as local time at an airport, "YYYY-MM-DDTHH:MM" (for datetime-local inputs). */
export function localMinutes(iso: string, timeZone: string): string {
  return toLocal(new Date(iso), timeZone).slice(0, 16);
}

/** "Boarding since 13:30 CET" (local at the origin) for a boarding flight, else undefined. */
export function boardingSince(
  f: { status: string; boardingAt?: string | null },
  originTz: string,
): string | undefined {
  return f.status === "boarding" && f.boardingAt
    ? `Boarding since ${timeInZone(f.boardingAt, originTz)}`
    : undefined;
}
