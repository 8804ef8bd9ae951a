import { ALLOWED_FROM, type FlightStatus, type StatusCommand } from "../domain/flight_status.ts";
import { Field, FormProblem } from "../islands/parts/AdminForm.tsx";
import { CsrfField } from "./Layout.tsx";

/** The problem of the status form that was just posted. */
export interface StatusFormError {
  type: string;
  errors: Record<string, string>;
  message?: string;
  values: Record<string, string>;
}

/** Props of FlightStatusForms. */
export interface FlightStatusFormsProps {
  flightId: string;
  status: FlightStatus;
  origin: string;
  destination: string;
  failed?: StatusFormError;
}

interface Action {
  type: string;
  command: StatusCommand["type"];
  title: string;
  button: string;
  fields: (o: { origin: string; destination: string }) => FieldSpec[];
  danger?: boolean;
}

type FieldSpec = [name: string, label: string, kind: "text" | "datetime-local", hint?: string];

const ACTIONS: Action[] = [
  {
    type: "delayed",
    command: "Delay",
    title: "Delay",
    button: "Publish the delay",
    fields: ({ origin, destination }) => [
      ["departure", `New departure (local time in ${origin})`, "datetime-local"],
      ["arrival", `New arrival (local time in ${destination})`, "datetime-local", "Optional"],
      ["reason", "Reason", "text"],
    ],
  },
  {
    type: "gate_changed",
    command: "ChangeGate",
    title: "Gate change",
    button: "Change the gate",
    fields: () => [["gate", "New gate", "text"], ["reason", "Reason (optional)", "text"]],
  },
  {
    type: "boarding",
    command: "StartBoarding",
    title: "Boarding",
    button: "Start boarding",
    fields: ({ origin }) => [
      ["gate", "Gate (optional)", "text"],
      ["at", `Boarding started (local in ${origin})`, "datetime-local", "Empty: now"],
    ],
  },
  {
    type: "departed",
    command: "Depart",
    title: "Departed",
    button: "Mark departed",
    fields: (
      { origin },
    ) => [["at", `Off-block (local in ${origin})`, "datetime-local", "Empty: now"]],
  },
  {
    type: "arrived",
    command: "Arrive",
    title: "Arrived",
    button: "Mark arrived",
    fields: ({ destination }) => [
      ["at", `On-block (local in ${destination})`, "datetime-local", "Empty: now"],
    ],
  },
  {
    type: "cancelled",
    command: "Cancel",
    title: "Cancel the flight",
    // A cancellation moves passengers: it is previewed, then confirmed.
    button: "Preview the cancellation",
    danger: true,
    fields: () => [["reason", "Reason", "text", "Passengers are moved to other flights."]],
  },
];

/**
 * One small form per status change the flight's current status allows (the same rules as the
 * API), each posting to the flight's status route; a refused change shows its problem in place.
 */
export function FlightStatusForms(p: FlightStatusFormsProps) {
  const allowed = ACTIONS.filter((a) => ALLOWED_FROM[a.command].includes(p.status));
  // A change this status does not offer (another operator moved the flight on) has no form.
  const stray = p.failed && !allowed.some((a) => a.type === p.failed?.type) && p.failed.message;
  if (!allowed.length) {
    return (
      <>
        {stray && <FormProblem>{stray}</FormProblem>}
        <p>A {p.status} flight's status no longer changes.</p>
      </>
    );
  }
  return (
    <div class="status-actions">
      {stray && <FormProblem>{stray}</FormProblem>}
      {allowed.map((a) => {
        const failed = p.failed?.type === a.type ? p.failed : undefined;
        const prefix = `status-${a.type}`;
        return (
          <form
            key={a.type}
            method="post"
            action={`/admin/flights/${p.flightId}/${a.type === "cancelled" ? "cancel" : "status"}`}
            class="card status-action"
            aria-labelledby={`${prefix}-title`}
          >
            <h3 id={`${prefix}-title`}>{a.title}</h3>
            <CsrfField />
            <input type="hidden" name="type" value={a.type} />
            {failed?.message && <FormProblem>{failed.message}</FormProblem>}
            {a.fields(p).map(([name, label, kind, hint]) => (
              <Field
                key={name}
                idPrefix={prefix}
                label={label}
                name={name}
                type={kind}
                hint={hint}
                value={failed?.values[name]}
                error={failed?.errors[name]}
              />
            ))}
            <button type="submit" class={a.danger ? "danger" : undefined}>{a.button}</button>
          </form>
        );
      })}
    </div>
  );
}
