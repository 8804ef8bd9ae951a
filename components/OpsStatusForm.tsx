import { CsrfField } from "./Layout.tsx";
import type { AdminFlight } from "../domain/views/flight.ts";
import type { FlightSummary } from "../domain/views/flight.ts";
import {
  localMinutes,
  type StatusChangeType,
  type StatusFormFields,
} from "../domain/status_form.ts";

/** What a status form post left to show: its fields and problems. */
export interface StatusAttempt {
  fields: StatusFormFields;
  errors: Partial<Record<keyof StatusFormFields, string>>;
  problem?: string;
}

/** What a status form needs to know about its flight (and a previous attempt). */
export interface ActionFormData {
  flight: AdminFlight;
  summary: FlightSummary;
  attempt?: StatusAttempt;
}

const HALF_HOUR = 30 * 60_000;

/** One status change as a plain form posting to the flight's status page route. */
export function ActionForm(
  { data, type, label }: { data: ActionFormData; type: StatusChangeType; label: string },
) {
  const { flight, summary, attempt } = data;
  const mine = attempt?.fields.type === type ? attempt : undefined;
  const later = new Date(Date.parse(flight.estimatedDepartureAt ?? flight.departureAt) + HALF_HOUR);
  const value = (k: keyof StatusFormFields, fallback = "") => mine?.fields[k] ?? fallback;
  const input = (
    k: "departureLocal" | "actualLocal" | "reason" | "gate",
    text: string,
    kind = "text",
    fallback = "",
  ) => {
    const id = `${type}-${k}`;
    const error = mine?.errors[k];
    return (
      <label for={id}>
        {text}
        <input
          id={id}
          type={kind}
          name={k}
          value={value(k, fallback)}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && <span class="field-error" id={`${id}-error`}>{error}</span>}
      </label>
    );
  };
  return (
    <form method="post" action={`/admin/ops/flights/${flight.id}/status`} class="status-form">
      <CsrfField />
      <input type="hidden" name="type" value={type} />
      <h3>{label}</h3>
      {type === "delayed" &&
        input(
          "departureLocal",
          `New departure (local at ${summary.origin.iata})`,
          "datetime-local",
          localMinutes(later.toISOString(), summary.origin.tz),
        )}
      {(type === "boarding" || type === "departed") &&
        input(
          "actualLocal",
          `Actual time (local at ${summary.origin.iata}; empty: now)`,
          "datetime-local",
        )}
      {type === "arrived" &&
        input(
          "actualLocal",
          `Actual time (local at ${summary.destination.iata}; empty: now)`,
          "datetime-local",
        )}
      {type === "gate_changed" && input("gate", "New gate", "text")}
      {type === "boarding" && input("gate", "Gate (optional)", "text", flight.gate ?? "")}
      {(type === "delayed" || type === "cancelled") && input("reason", "Reason")}
      {type === "gate_changed" && input("reason", "Reason (optional)")}
      {type === "cancelled" && (
        <p class="warning">Passengers are rebooked or offered a refund at once.</p>
      )}
      <button type="submit" class={type === "cancelled" ? "danger" : undefined}>{label}</button>
    </form>
  );
}
