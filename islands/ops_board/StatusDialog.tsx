import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../client/api.ts";
import {
  actionsFor,
  localMinutes,
  type StatusFormFields,
  statusProblems,
  statusRequest,
} from "../../domain/status_form.ts";

/** The flight a status dialog changes. */
export interface DialogFlight {
  id: string;
  /** "CT 804 FRA → LHR" */
  name: string;
  origin: string;
  originTz: string;
  destinationTz: string;
  status: string;
  departureAt: string;
  estimatedDepartureAt: string | null;
  gate: string | null;
}

/** What the API answers to a status change (a cancellation adds its reaccommodation). */
export interface StatusResult {
  flightId: string;
  version: number;
  kind: string;
  status: string;
  gate: string | null;
  estimatedDepartureAt: string | null;
  estimatedArrivalAt?: string | null;
  boardingAt?: string | null;
  reaccommodation?: { rebooked: unknown[]; refundOffered: unknown[] };
}

/** Props of StatusDialog. */
export interface StatusDialogProps {
  flight: DialogFlight;
  onClose: () => void;
  onDone: (result: StatusResult) => void;
}

const HALF_HOUR = 30 * 60_000;

/** A modal form for one status change through the API; browser-only (opens on mount). */
export function StatusDialog({ flight, onClose, onDone }: StatusDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const actions = actionsFor(flight.status);
  const later = new Date(Date.parse(flight.estimatedDepartureAt ?? flight.departureAt) + HALF_HOUR);
  const [f, setF] = useState<StatusFormFields>({
    type: actions[0]?.type ?? "",
    departureLocal: localMinutes(later.toISOString(), flight.originTz),
    reason: "",
    gate: flight.gate ?? "",
  });
  const [errors, setErrors] = useState<Partial<Record<keyof StatusFormFields, string>>>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => ref.current?.showModal(), []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    const res = await api<StatusResult>(`/api/admin/flights/${flight.id}/status`, {
      method: "POST",
      body: statusRequest(f, f.type === "arrived" ? flight.destinationTz : flight.originTz),
    });
    setBusy(false);
    if (res.ok) {
      onDone(res.data);
      ref.current?.close();
      return;
    }
    setErrors(statusProblems(res.problem.errors ?? []));
    setProblem(res.problem.detail ?? res.problem.title);
  }

  const input = (
    key: "departureLocal" | "actualLocal" | "reason" | "gate",
    label: string,
    type = "text",
  ) => (
    <label>
      {label}
      <input
        type={type}
        name={key}
        value={f[key]}
        aria-invalid={errors[key] ? "true" : undefined}
        aria-describedby={errors[key] ? `status-${key}-error` : undefined}
        onInput={(e) => setF({ ...f, [key]: e.currentTarget.value })}
      />
      {errors[key] && <span class="field-error" id={`status-${key}-error`}>{errors[key]}</span>}
    </label>
  );
  return (
    <dialog ref={ref} class="status-dialog" aria-labelledby="status-dialog-title" onClose={onClose}>
      <form class="stack" onSubmit={submit}>
        <h2 id="status-dialog-title">Update {flight.name}</h2>
        <p class="muted">Now {flight.status}{flight.gate ? `, gate ${flight.gate}` : ""}.</p>
        {problem && <p class="form-error" role="alert">{problem}</p>}
        {actions.length === 0 ? <p>This flight's status is final.</p> : (
          <label>
            Change
            <select
              value={f.type}
              onChange={(e) => setF({ ...f, type: e.currentTarget.value })}
            >
              {actions.map((a) => <option key={a.type} value={a.type}>{a.label}</option>)}
            </select>
          </label>
        )}
        {f.type === "delayed" &&
          input(
            "departureLocal",
            `New departure, local time at ${flight.origin}`,
            "datetime-local",
          )}
        {(f.type === "boarding" || f.type === "departed" || f.type === "arrived") &&
          input(
            "actualLocal",
            `Actual time, local at ${
              f.type === "arrived" ? "arrival" : flight.origin
            } (empty: now)`,
            "datetime-local",
          )}
        {(f.type === "gate_changed" || f.type === "boarding") &&
          input("gate", f.type === "boarding" ? "Gate (optional)" : "New gate")}
        {["delayed", "gate_changed", "cancelled"].includes(f.type) &&
          input("reason", f.type === "gate_changed" ? "Reason (optional)" : "Reason")}
        {f.type === "cancelled" && (
          <p class="warning">
            Passengers are rebooked onto later flights or offered a refund at once.
          </p>
        )}
        <div class="form-actions">
          {actions.length > 0 && (
            <button
              type="submit"
              class={f.type === "cancelled" ? "danger" : undefined}
              disabled={busy}
            >
              Apply
            </button>
          )}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              ref.current?.close()}
          >
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}
