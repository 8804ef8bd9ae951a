/**
 * An operator's status change as both the API and the ops pages make it: published to the
 * flight and ops streams (and told to passengers and crew), and for a cancellation the
 * passengers moved before the answer, so the operator sees the outcome.
 */
import { AppError } from "../../domain/app_error.ts";
import type { FlightStatusChanged, StatusCommand } from "../../domain/flight_status.ts";
import { publishFlightStatus, type StatusPublisherDeps } from "./flight_status.ts";
import { alertOnFlight } from "./ops_alerts.ts";
import {
  protectConnections,
  reaccommodate,
  type ReaccommodationDeps,
  type ReaccommodationReport,
} from "./reaccommodation.ts";

/** What changing a flight's status needs. */
export type StatusChangeDeps = StatusPublisherDeps & ReaccommodationDeps & {
  /** Delays of at least this many minutes alert operators (default 30). */
  delayAlertMinutes?: number;
};

/** A published change; a cancellation carries its reaccommodation outcome. */
export type StatusChangeResult = FlightStatusChanged & {
  reaccommodation?: ReaccommodationReport;
};

/**
 * Publishes `cmd` for a flight; a refusal is an AppError (404 no flight, 422 impossible
 * times or an actual time that breaks a rule, its code naming the rule; 409 a transition the
 * current status does not allow or no change at all). A run of
 * reaccommodation cut short is finished by POST /api/admin/flights/:id/reaccommodate.
 */
export async function changeFlightStatus(
  deps: StatusChangeDeps,
  flightId: string,
  cmd: StatusCommand,
  actorId?: string,
): Promise<StatusChangeResult> {
  const result = await publishFlightStatus(deps, flightId, cmd, actorId);
  if (!result.ok) {
    const status = result.code === "flight_not_found"
      ? 404
      : result.code === "illegal_transition" || result.code === "no_change"
      ? 409
      : 422;
    throw new AppError(status, result.code, { detail: result.detail });
  }
  const e = result.event;
  const done = await afterChange(deps, e);
  // Operators hear of a long delay, a crew shortfall or connections at risk once per flight;
  // the change itself stands even when alerting fails.
  await alertOnFlight(deps, e.flightId, deps.clock.now().getTime())
    .catch((error) => deps.log.error("ops alerts not delivered", { flightId: e.flightId, error }));
  return done;
}

async function afterChange(
  deps: StatusChangeDeps,
  e: FlightStatusChanged,
): Promise<StatusChangeResult> {
  if (e.kind === "delayed" && e.estimatedArrivalAt) {
    // Connections the new arrival breaks are protected at once, not when they are missed.
    const landing = Date.parse(e.estimatedArrivalAt);
    return { ...e, reaccommodation: await protectConnections(deps, e.flightId, landing) };
  }
  if (e.kind !== "cancelled") return e;
  return { ...e, reaccommodation: await reaccommodate(deps, e.flightId) };
}
