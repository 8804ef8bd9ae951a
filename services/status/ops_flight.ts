/** The operations page of one flight: its status, the changes it can take, what happened. */
import { notFound } from "../../domain/app_error.ts";
import { actionsFor, localMinutes, type StatusChangeType } from "../../domain/status_form.ts";
import type { AdminFlight, FlightSummary, ReaccommodationLine } from "../../domain/views/flight.ts";
import { getAdminFlight } from "../../db/admin_flights_repo.ts";
import { getFlight, listFlightsByIds } from "../../db/flights_repo.ts";
import { getFlightStatusState } from "../../db/flight_status_repo.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { statusHistory } from "../flights/flight_page.ts";

/** Everything the operations page of one flight shows. */
export interface OpsFlightView {
  flight: AdminFlight;
  summary: FlightSummary;
  reason: string | null;
  actions: { type: StatusChangeType; label: string }[];
  /** Each published change, times local at the origin ("YYYY-MM-DD HH:MM"). */
  history: {
    version: number;
    kind: string;
    status: string;
    reason: string | null;
    gate: string | null;
    estimatedDepartureLocal: string | null;
    at: string;
  }[];
  outcomes: ReaccommodationLine[];
  /** Names of the flights passengers were moved to, by id. */
  flightNames: Record<string, string>;
}

const minutes = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** The operations view of flight `id` (404 when there is none). */
export async function opsFlight(sql: Sql, id: string): Promise<OpsFlightView> {
  const [flight, summary, state] = await Promise.all([
    getAdminFlight(sql, id),
    getFlight(sql, id),
    getFlightStatusState(sql, id),
  ]);
  if (!flight || !summary || !state) throw notFound("Flight");
  const [history, outcomes] = await Promise.all([
    statusHistory(sql, id),
    listReaccommodations(sql, id),
  ]);
  const newFlights = await listFlightsByIds(sql, [
    ...new Set(outcomes.flatMap((o) => o.flightIds)),
  ]);
  const tz = summary.origin.tz;
  return {
    flight,
    summary,
    reason: state.reason,
    actions: actionsFor(flight.status),
    history: history.map((h) => ({
      version: h.version,
      kind: h.kind,
      status: h.status,
      reason: h.reason,
      gate: h.gate,
      estimatedDepartureLocal: h.estimatedDepartureAt
        ? localMinutes(h.estimatedDepartureAt, tz).replace("T", " ")
        : null,
      at: minutes(h.createdAt),
    })),
    outcomes,
    flightNames: Object.fromEntries(newFlights.map((f) => [
      f.id,
      `${f.carrier} ${f.flightNumber} ${f.origin.iata} → ${f.destination.iata} ${
        f.departureLocal.replace("T", " ")
      }`,
    ])),
  };
}
