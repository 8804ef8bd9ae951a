import { localMinutes } from "../../domain/status_form.ts";
import type { StatusResult } from "./StatusDialog.tsx";
import type { OpsRow } from "../../domain/views/ops.ts";
import { overdueAt } from "../../domain/ops_overdue.ts";
import { boardingSince } from "../../domain/status_form.ts";

const hhmm = (iso: string, tz: string) => localMinutes(iso, tz).slice(11);

/** A status change in words, as the board announces it. */
export function says(r: OpsRow, e: Pick<StatusResult, "kind" | "gate" | "estimatedDepartureAt">) {
  const what = e.kind === "delayed" && e.estimatedDepartureAt
    ? `delayed, now departs ${hhmm(e.estimatedDepartureAt, r.originTz)}`
    : e.kind === "gate_changed"
    ? `gate ${e.gate}`
    : e.kind === "boarding"
    ? `boarding${e.gate ? ` at gate ${e.gate}` : ""}`
    : e.kind;
  return `${r.name}: ${what}.`;
}

/**
 * The actual times a flight was recorded with: "Boarding since 13:30 CET" while it boards,
 * "Boarded 13:30 · Dep 14:05 · Arr 16:40" once it has left.
 */
export function actualTimes(r: OpsRow): string {
  if (r.status === "boarding") return boardingSince(r, r.originTz) ?? "";
  const gone = r.status === "departed" || r.status === "arrived";
  const dep = gone ? r.estimatedDepartureAt : null;
  const arr = r.status === "arrived" ? r.estimatedArrivalAt : null;
  return [
    gone && r.boardingAt && `Boarded ${hhmm(r.boardingAt, r.originTz)}`,
    dep && `Dep ${hhmm(dep, r.originTz)}`,
    arr && `Arr ${hhmm(arr, r.destinationTz)}`,
  ].filter(Boolean).join(" · ");
}

/** Props of OpsBoardRow. */
export interface OpsBoardRowProps {
  row: OpsRow;
  /** The time overdue flags are judged at (ms). */
  now: number;
  /** Highlight: the row changed a moment ago. */
  changed: boolean;
  /** Opens the status dialog (after hydration); gets the button to return focus to. */
  onEdit?: (opener: HTMLElement) => void;
}

/** One flight's row: times local at the origin, status, load, and its actions. */
export function OpsBoardRow({ row: r, now, changed, onEdit }: OpsBoardRowProps) {
  const late = overdueAt(r, now);
  const fullCrew = r.crewAssigned >= r.crewRequired;
  return (
    <tr
      id={`flight-${r.id}`}
      class={[changed && "just-changed", (late.departure || late.arrival) && "overdue"]
        .filter(Boolean).join(" ") || undefined}
    >
      <th scope="row">{r.name}</th>
      <td>{r.registration ?? "–"}</td>
      <td>
        {r.departureLocal.slice(11)}
        {r.estimatedDepartureAt && ` → ${hhmm(r.estimatedDepartureAt, r.originTz)}`}
        {late.departure && <strong class="flag">Overdue departure</strong>}
      </td>
      <td>
        {hhmm(r.arrivalAt, r.destinationTz)}
        {r.estimatedArrivalAt && ` → ${hhmm(r.estimatedArrivalAt, r.destinationTz)}`}
        {late.arrival && <strong class="flag">Overdue arrival</strong>}
      </td>
      <td>
        <span class={`status status-${r.status}`}>{r.status}</span>
        {r.gate && <span class="gate">{`gate ${r.gate}`}</span>}
        {actualTimes(r) && <span class="actual">{` ${actualTimes(r)}`}</span>}
        {r.outcome && (
          <span class="outcome">
            {" "}
            {r.outcome.rebooked} rebooked, {r.outcome.refundOffered} refund offered
          </span>
        )}
      </td>
      <td>
        {r.sold}/{r.capacity}{" "}
        <span class="muted">
          ({r.capacity ? Math.round((r.sold / r.capacity) * 100) : 0}%)
        </span>
      </td>
      <td class={fullCrew ? undefined : "short"}>
        {r.crewAssigned}/{r.crewRequired}
        {!fullCrew && <span class="visually-hidden">, crew incomplete</span>}
      </td>
      <td>{r.atRisk ? <strong>{r.atRisk} of {r.connecting}</strong> : `0 of ${r.connecting}`}</td>
      <td class="actions">
        <a href={`/admin/ops/flights/${r.id}`}>
          Details<span class="visually-hidden">{` of ${r.name}`}</span>
        </a>
        {onEdit && (
          <button
            type="button"
            class="secondary small"
            onClick={(e) => onEdit(e.currentTarget)}
          >
            Update status<span class="visually-hidden">{` of ${r.name}`}</span>
          </button>
        )}
      </td>
    </tr>
  );
}
