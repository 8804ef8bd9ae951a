import { AppError, notFound } from "../../domain/app_error.ts";
import {
  type Airport,
  type AirportFields,
  airportHasFlights,
  insertAirport,
  lockAirport,
  updateAirport,
} from "../../db/admin_airports_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import {
  changes,
  defined,
  type FleetAdminDeps,
  forgetCachedNames,
  type Updated,
} from "./fleet_admin.ts";
import type { Actor } from "../actor.ts";
import { bumpScheduleVersion, CONNECTION_MINIMUMS_KEY } from "../flights/cache_keys.ts";

/** Adds an airport; 409 when the code is taken. */
export async function createAirport(
  deps: FleetAdminDeps,
  actor: Actor,
  airport: Airport,
): Promise<Airport> {
  return await deps.sql.begin(async (tx) => {
    const created = await insertAirport(tx, airport);
    if (!created) {
      throw new AppError(409, "airport_exists", {
        detail: `Airport ${airport.iata} already exists.`,
      });
    }
    const { iata: _, ...after } = created;
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "airport.created",
      entityType: "airport",
      entityId: created.iata,
      details: { after },
    });
    return created;
  });
}

/**
 * Changes an airport (never its code). Its time zone is refused (409) once any flight uses
 * the airport: flights store local times beside their instants, and a new zone would make
 * the two disagree.
 */
export async function editAirport(
  deps: FleetAdminDeps,
  actor: Actor,
  iata: string,
  patch: Partial<AirportFields>,
): Promise<Updated<Airport>> {
  let connectionTimeChanged = false;
  const result = await deps.sql.begin(async (tx) => {
    // The row lock holds off flights being added here until this change commits.
    const before = await lockAirport(tx, iata);
    if (!before) throw notFound("Airport");
    const { iata: _, ...current } = before;
    const next: AirportFields = { ...current, ...defined(patch) };
    const diff = changes(current, next);
    if (!diff) return { value: before, changed: false };
    if (diff.after.tz !== undefined && await airportHasFlights(tx, iata)) {
      throw new AppError(409, "airport_has_flights", {
        detail: `Flights use ${iata}, and their local times were computed in ${before.tz}; ` +
          "its time zone cannot change.",
      });
    }
    const value = await updateAirport(tx, iata, next, deps.clock.now());
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "airport.updated",
      entityType: "airport",
      entityId: iata,
      details: diff,
    });
    connectionTimeChanged = "minConnectionMinutes" in diff.after;
    return { value, changed: true };
  });
  if (result.changed) await forgetCachedNames(deps);
  if (connectionTimeChanged) await forgetConnectionTimes(deps);
  return result;
}

/**
 * A changed connection time changes which journeys are sold: searches cached under the old
 * schedule version and the cached times are dropped.
 */
async function forgetConnectionTimes(deps: FleetAdminDeps): Promise<void> {
  await deps.store.delete(CONNECTION_MINIMUMS_KEY);
  await bumpScheduleVersion(deps.store);
}
