/**
 * The flight page's status forms as the body of POST /api/admin/flights/:id/status: times are
 * typed in local time at the airport they happen at and sent as instants.
 */
import type { z } from "zod";
import type { FieldProblem } from "../../../../../domain/app_error.ts";
import { localInstant } from "../../../../../domain/schedule.ts";
import { type FormFields, text } from "../../../../../islands/client/flight_form_data.ts";
import { StatusBody } from "../../../../../services/status/status_input.ts";
import { zodProblems } from "../../_forms.ts";

/** Where a flight's times happen. */
export interface FlightZones {
  origin: string;
  destination: string;
}

// The body's names for the form's fields.
const FORM_NAME: Record<string, string> = {
  estimatedDepartureAt: "departure",
  estimatedArrivalAt: "arrival",
  at: "at",
};

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function instant(form: FormFields, name: string, tz: string, problems: FieldProblem[]) {
  const value = text(form, name);
  if (!value) return undefined;
  if (!LOCAL.test(value)) {
    problems.push({ path: name, message: "expected a local date and time" });
    return undefined;
  }
  // A new time in a clock change's gap or overlap is refused like a scheduled one.
  const read = localInstant(name, value, tz);
  if ("problem" in read) {
    problems.push(read.problem);
    return undefined;
  }
  return read.instant.toISOString();
}

/** The API body a status form asks for, or its problems named by the form's fields. */
export function statusFormBody(
  form: FormFields,
  zones: FlightZones,
): { body: z.output<typeof StatusBody> } | { problems: FieldProblem[] } {
  const type = text(form, "type");
  const problems: FieldProblem[] = [];
  const optional = (name: string) => text(form, name) || undefined;
  const at = type === "arrived" ? zones.destination : zones.origin;
  const readers: Record<string, () => Record<string, string | undefined>> = {
    delayed: () => ({
      estimatedDepartureAt: instant(form, "departure", zones.origin, problems) ?? "",
      estimatedArrivalAt: instant(form, "arrival", zones.destination, problems),
      reason: text(form, "reason"),
    }),
    gate_changed: () => ({ gate: text(form, "gate"), reason: optional("reason") }),
    boarding: () => ({ gate: optional("gate"), at: instant(form, "at", at, problems) }),
    departed: () => ({ at: instant(form, "at", at, problems) }),
    arrived: () => ({ at: instant(form, "at", at, problems) }),
    cancelled: () => ({ reason: text(form, "reason") }),
  };
  const raw = Object.hasOwn(readers, type) ? readers[type]() : undefined;
  if (!raw) return { problems: [{ path: "type", message: "unknown status change" }] };
  const parsed = StatusBody.safeParse({ type, ...raw });
  if (!parsed.success) {
    const named = zodProblems(parsed.error).map((p) => ({
      path: FORM_NAME[p.path] ?? p.path,
      message: p.path === "estimatedDepartureAt" && !text(form, "departure")
        ? "enter the new departure time"
        : p.message,
    }));
    // A field that failed to read as a time already has its problem; keep that one.
    const seen = new Set(problems.map((p) => p.path));
    return { problems: [...problems, ...named.filter((p) => !seen.has(p.path))] };
  }
  if (problems.length) return { problems };
  return { body: parsed.data };
}

const DONE: Record<string, string> = {
  delayed: "Delay published; passengers and crew are told.",
  gate_changed: "Gate change published.",
  boarding: "Boarding started.",
  departed: "The flight departed.",
  arrived: "The flight arrived.",
};

/** The notice after a status change; a cancellation tells where its passengers went. */
export function statusNotice(q: Record<string, string>): string | undefined {
  if (q.done !== "cancelled") return DONE[q.done ?? ""];
  const n = (k: string) => Number(q[k]) || 0;
  return `Flight cancelled: ${n("rebooked")} bookings moved to other flights, ` +
    `${n("refunds")} offered a full refund, ${n("released")} unpaid holds released.`;
}
