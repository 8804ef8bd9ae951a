import { countConnections } from "../../db/flight_audience_repo.ts";
import { AppError, notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import type { FlightInput } from "../../domain/schedule.ts";
import { addDays } from "../../domain/time.ts";
import { type AdminFlightQuery, getAdminFlight } from "../../db/admin_flights_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { listStatusHistory } from "../../db/flight_status_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { insertFlights } from "../../db/schedule_repo.ts";
import { type Actor, auditEntry } from "../actor.ts";
import { bumpScheduleVersion } from "./cache_keys.ts";
import { type FlightAdminDeps, resolveOr422, retireFlight } from "./flight_admin.ts";
import { editFlight, type EditOutcome } from "./flight_edit.ts";
import { adminFlightList, type CursorParams } from "./flight_lists.ts";

/** The widest date range the flight list covers. */
const MAX_RANGE_DAYS = 92;

/** A page of the flight list: a local-date range (default the next 7 days) and filters. */
export type FlightListQuery =
  & Omit<AdminFlightQuery, "from" | "to" | "offset" | "after" | "before" | "last">
  & CursorParams
  & {
    from?: string;
    to?: string;
    page: number;
  };

/** Flights in a date range with load, filtered, sorted and paged; 400 for a bad range. */
export async function listFlights(deps: { sql: Sql; clock: Clock }, q: FlightListQuery) {
  const from = q.from ?? deps.clock.now().toISOString().slice(0, 10);
  const to = q.to ?? addDays(from, 7);
  if (to < from || to > addDays(from, MAX_RANGE_DAYS)) {
    throw new AppError(400, "invalid_range", {
      detail: `"to" must be on or after "from" and at most ${MAX_RANGE_DAYS} days later.`,
    });
  }
  const { data, total, next, prev } = await adminFlightList(deps.sql, {
    ...q,
    from,
    to,
    offset: (q.page - 1) * q.limit,
  });
  return { data, total, page: q.page, limit: q.limit, from, to, next, prev };
}

/** A flight with its controls, load and status history; 404 for no such flight. */
export async function flightDetail(sql: Sql, id: string) {
  const flight = await getAdminFlight(sql, id);
  if (!flight) throw notFound("Flight");
  const [statusHistory, connections] = await Promise.all([
    listStatusHistory(sql, flight.id),
    countConnections(sql, flight.id),
  ]);
  return { ...flight, statusHistory, connections };
}

/** The flight as the operator list shows it, or undefined. */
export async function adminFlight(sql: Sql, id: string) {
  return await getAdminFlight(sql, id);
}

/** Creates one flight, audited: 422 with every problem, 409 when its number is taken. */
export async function createFlight(
  deps: Pick<FlightAdminDeps, "sql" | "store">,
  actor: Actor,
  input: FlightInput,
): Promise<string> {
  const flight = await resolveOr422(deps.sql, input);
  const [outcome] = await insertFlights(deps.sql, [flight]);
  if (!("id" in outcome)) {
    throw new AppError(409, "flight_exists", {
      detail: `${flight.carrier} ${flight.flightNumber} already flies on ` +
        `${flight.departureLocal.slice(0, 10)}.`,
    });
  }
  await recordAudit(
    deps.sql,
    auditEntry(actor, "flight.created", { type: "flight", id: outcome.id }, { flight }),
  );
  await bumpScheduleVersion(deps.store);
  return outcome.id;
}

/** Edits a flight's schedule, aircraft and fares, audited when anything changed. */
export async function saveFlight(
  deps: FlightAdminDeps,
  actor: Actor,
  input: { id: string; flight: FlightInput },
): Promise<EditOutcome> {
  const result = await editFlight(deps, input.id, input.flight);
  if (result.changes.length) {
    await recordAudit(
      deps.sql,
      auditEntry(actor, "flight.updated", { type: "flight", id: input.id }, result.audit),
    );
  }
  return result;
}

/** Retires a flight nobody held, bought or paid for, audited; else 409 (cancel it instead). */
export async function removeFlight(deps: FlightAdminDeps, actor: Actor, id: string) {
  const flight = await retireFlight(deps, id);
  await recordAudit(
    deps.sql,
    auditEntry(actor, "flight.deleted", { type: "flight", id }, { flight }),
  );
}
