/**
 * Cabin configurations of an aircraft type: each its own seat layout, flown by flights and
 * fitted to airframes, while type ratings stay with the type.
 */
import { AppError, notFound } from "../../domain/app_error.ts";
import type { SeatLayout } from "../../domain/seat_layout.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { getAircraftType } from "../../db/fleet_repo.ts";
import {
  type AircraftConfiguration,
  getConfiguration,
  insertConfiguration,
  upcomingFlightsOfConfiguration,
  updateConfiguration,
} from "../../db/configurations_repo.ts";
import type { Actor } from "../actor.ts";
import {
  changes,
  defined,
  type FleetAdminDeps,
  forgetCachedNames,
  layoutInUse,
  seatCount,
  type Updated,
} from "./fleet_admin.ts";

/** Adds a configuration to a type; 404 for no such type, 409 when the code is taken. */
export async function createConfiguration(
  deps: FleetAdminDeps,
  actor: Actor,
  typeCode: string,
  input: { code: string; name: string; layout: SeatLayout },
): Promise<AircraftConfiguration> {
  return await deps.sql.begin(async (tx) => {
    if (!await getAircraftType(tx, typeCode, true)) throw notFound("Aircraft type");
    const { code, ...fields } = input;
    const created = await insertConfiguration(tx, typeCode, code, {
      ...fields,
      seatCount: seatCount(fields.layout),
    });
    if (!created) {
      throw new AppError(409, "configuration_exists", {
        detail: `Aircraft type ${typeCode} already has a configuration ${code}.`,
      });
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft_configuration.created",
      entityType: "aircraft_configuration",
      entityId: `${typeCode}/${code}`,
      details: { after: { ...fields, seatCount: created.seatCount } },
    });
    return created;
  });
}

/**
 * Changes a configuration's name or layout; the layout is refused (409 layout_in_use) while
 * a flight that has not departed is sold from it.
 */
export async function editConfiguration(
  deps: FleetAdminDeps,
  actor: Actor,
  id: { typeCode: string; code: string },
  patch: { name?: string; layout?: SeatLayout },
): Promise<Updated<AircraftConfiguration>> {
  const result = await deps.sql.begin(async (tx) => {
    const before = await getConfiguration(tx, id.typeCode, id.code, true);
    if (!before) throw notFound("Aircraft configuration");
    const current = { name: before.name, layout: before.layout, seatCount: before.seatCount };
    const next = { ...current, ...defined(patch) };
    next.seatCount = seatCount(next.layout);
    const diff = changes(current, next);
    if (!diff) return { value: before, changed: false };
    if (diff.after.layout) {
      const now = deps.clock.now();
      const inUse = await upcomingFlightsOfConfiguration(tx, id.typeCode, id.code, now);
      if (inUse.total > 0) throw layoutInUse(id.typeCode, id.code, inUse);
    }
    const value = await updateConfiguration(tx, id.typeCode, id.code, next, deps.clock.now());
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft_configuration.updated",
      entityType: "aircraft_configuration",
      entityId: `${id.typeCode}/${id.code}`,
      details: diff,
    });
    return { value, changed: true };
  });
  if (result.changed) await forgetCachedNames(deps);
  return result;
}
