/** The operations board's row helpers: the find box, grouping by hour, applying a change. */
import type { OpsRow } from "../../domain/views/ops.ts";
import type { StatusResult } from "./StatusDialog.tsx";

/** Rows whose name or tail contains `text` (any case). */
export function shown(rows: OpsRow[], text: string) {
  const t = text.trim().toUpperCase();
  return t
    ? rows.filter((r) => `${r.name} ${r.registration ?? ""}`.toUpperCase().includes(t))
    : rows;
}

/** Rows grouped by the local hour of scheduled departure ("09:00"), hours in order. */
export function byHour(rows: OpsRow[]): [string, OpsRow[]][] {
  const groups = new Map<string, OpsRow[]>();
  for (const r of rows) {
    const hour = `${r.departureLocal.slice(11, 13)}:00`;
    groups.set(hour, [...groups.get(hour) ?? [], r]);
  }
  // Rows come in UTC order; local hours at different origins interleave, so sort the hours.
  return [...groups].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** What a status change alters on a board row. */
export function pick(
  e: Pick<
    StatusResult,
    "version" | "status" | "gate" | "estimatedDepartureAt" | "estimatedArrivalAt" | "boardingAt"
  >,
) {
  return {
    version: e.version,
    status: e.status,
    gate: e.gate,
    estimatedDepartureAt: e.estimatedDepartureAt,
    // A delay moves the arrival too: the overdue-arrival flag follows the new time.
    ...(e.estimatedArrivalAt !== undefined ? { estimatedArrivalAt: e.estimatedArrivalAt } : {}),
    ...(e.boardingAt !== undefined ? { boardingAt: e.boardingAt } : {}),
  };
}
