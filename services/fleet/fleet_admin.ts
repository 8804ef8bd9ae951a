import { isDeepStrictEqual } from "node:util";
import { AppError, notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { cabinCapacities, type SeatLayout } from "../../domain/seat_layout.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import {
  type Aircraft,
  type AircraftType,
  type AircraftTypeFields,
  DEFAULT_CONFIGURATION,
  getAircraft,
  getAircraftType,
  insertAircraft,
  insertAircraftType,
  type UpcomingFlight,
  upcomingFlightsOfAircraft,
  updateAircraft,
  updateAircraftType,
} from "../../db/fleet_repo.ts";
import {
  getConfiguration,
  insertConfiguration,
  upcomingFlightsOfConfiguration,
} from "../../db/configurations_repo.ts";
import type { Sql, Tx } from "../../db/postgres.ts";
import { bumpScheduleVersion } from "../flights/cache_keys.ts";
import type { Logger } from "../../platform/log.ts";
import type { Store } from "../../adapters/store.ts";
import type { Actor } from "../actor.ts";

/** What changing reference data needs. */
export interface FleetAdminDeps {
  sql: Sql;
  store: Store;
  clock: Clock;
  log: Logger;
}

/** The thing after an update; `changed` is false when it already was as asked. */
export interface Updated<T> {
  value: T;
  changed: boolean;
}

/** The fields that differ between two versions, as audit details; undefined when none. */
export function changes<T extends object>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } | undefined {
  const keys = (Object.keys(after) as (keyof T)[]).filter((k) =>
    !isDeepStrictEqual(before[k], after[k])
  );
  if (keys.length === 0) return undefined;
  const pick = (o: T) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>;
  return { before: pick(before), after: pick(after) };
}

/** A patch without its absent (undefined) fields, so spreading it keeps the current values. */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Search results and flight summaries show names: after a rename they must not linger. */
export async function forgetCachedNames(deps: { store: Store; log: Logger }): Promise<void> {
  try {
    await bumpScheduleVersion(deps.store);
  } catch (error) {
    deps.log.warn("schedule version not bumped; cached searches expire on their own", { error });
  }
}

/** Total seats of a layout: what aircraft_types.seat_count holds. */
export function seatCount(layout: SeatLayout): number {
  return Object.values(cabinCapacities(layout)).reduce((a, b) => a + b, 0);
}

/** "CT12 on 2030-01-02, CT14 on 2030-01-03, ..." for a refusal's detail. */
export function flightList(inUse: { total: number; first: UpcomingFlight[] }): string {
  return inUse.first.map((f) => `${f.carrier}${f.flightNumber} on ${f.departureAt.slice(0, 10)}`)
    .join(", ") + (inUse.total > inUse.first.length ? ", ..." : "");
}

/**
 * 409 layout_in_use: a flight still to depart sells seats from this configuration's layout,
 * and its live inventory is rebuilt from it, so seats sold or blocked there could vanish.
 */
export function layoutInUse(
  type: string,
  config: string,
  inUse: { total: number; first: UpcomingFlight[] },
) {
  return new AppError(409, "layout_in_use", {
    detail: `${inUse.total} flight(s) not yet departed use the seat layout of ${type} ` +
      `configuration ${config} (${flightList(inUse)}). Create a new configuration of ${type} ` +
      "and change the aircraft of those flights to it.",
  });
}

type TypeInput = Omit<AircraftTypeFields, "seatCount">;

/** Adds an aircraft type; 409 when the code is taken. */
export async function createAircraftType(
  deps: FleetAdminDeps,
  actor: Actor,
  code: string,
  input: TypeInput,
): Promise<AircraftType> {
  return await deps.sql.begin(async (tx) => {
    const fields = { ...input, seatCount: seatCount(input.layout) };
    const inserted = await insertAircraftType(tx, code, fields);
    if (inserted) {
      const standard = { name: "Standard", layout: fields.layout, seatCount: fields.seatCount };
      await insertConfiguration(tx, code, DEFAULT_CONFIGURATION, standard, true);
    }
    const created = inserted && await getAircraftType(tx, code);
    if (!created) {
      throw new AppError(409, "aircraft_type_exists", {
        detail: `Aircraft type ${code} already exists.`,
      });
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft_type.created",
      entityType: "aircraft_type",
      entityId: code,
      details: { after: { ...input, seatCount: created.seatCount } },
    });
    return created;
  });
}

/**
 * Changes an aircraft type; its layout is its default configuration's, refused (409
 * layout_in_use) while a flight that has not departed uses that configuration.
 */
export async function editAircraftType(
  deps: FleetAdminDeps,
  actor: Actor,
  code: string,
  patch: Partial<TypeInput>,
): Promise<Updated<AircraftType>> {
  const result = await deps.sql.begin(async (tx) => {
    // The row lock also waits out (and then holds off) flights being added with this type.
    const before = await getAircraftType(tx, code, true);
    if (!before) throw notFound("Aircraft type");
    const current: AircraftTypeFields = {
      name: before.name,
      manufacturer: before.manufacturer,
      cruiseKmh: before.cruiseKmh,
      rangeKm: before.rangeKm,
      layout: before.layout,
      seatCount: before.seatCount,
    };
    const next = { ...current, ...defined(patch) };
    next.seatCount = seatCount(next.layout);
    const diff = changes(current, next);
    if (!diff) return { value: before, changed: false };
    if (diff.after.layout) {
      const config = before.defaultConfiguration;
      const inUse = await upcomingFlightsOfConfiguration(tx, code, config, deps.clock.now());
      if (inUse.total > 0) throw layoutInUse(code, config, inUse);
    }
    const value = await updateAircraftType(tx, code, next, deps.clock.now());
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft_type.updated",
      entityType: "aircraft_type",
      entityId: code,
      details: diff,
    });
    return { value, changed: true };
  });
  if (result.changed) await forgetCachedNames(deps);
  return result;
}

const unknownType = (code: string) =>
  new AppError(422, "unknown_aircraft_type", { detail: `There is no aircraft type ${code}.` });

/** The configuration an airframe of a type gets: the one named, else the type's default. */
async function fittedConfiguration(tx: Sql | Tx, typeCode: string, configCode?: string) {
  const type = await getAircraftType(tx, typeCode);
  if (!type) throw unknownType(typeCode);
  const code = configCode ?? type.defaultConfiguration;
  if (!await getConfiguration(tx, typeCode, code)) {
    throw new AppError(422, "unknown_configuration", {
      detail: `Aircraft type ${typeCode} has no configuration ${code}.`,
    });
  }
  return code;
}

/** Adds an airframe; 409 when the registration is taken, 422 for an unknown type. */
export async function createAircraft(
  deps: FleetAdminDeps,
  actor: Actor,
  input: { registration: string; typeCode: string; configCode?: string; name: string | null },
): Promise<Aircraft> {
  return await deps.sql.begin(async (tx) => {
    const configCode = await fittedConfiguration(tx, input.typeCode, input.configCode);
    const created = await insertAircraft(tx, { ...input, configCode });
    if (!created) {
      throw new AppError(409, "aircraft_exists", {
        detail: `Aircraft ${input.registration} already exists.`,
      });
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft.created",
      entityType: "aircraft",
      entityId: input.registration,
      details: {
        after: { typeCode: created.typeCode, configCode: created.configCode, name: created.name },
      },
    });
    return created;
  });
}

/**
 * Changes an airframe. Its type and configuration may not change while it is assigned to
 * flights that have not departed: those flights' seat maps were built for what it was. A new
 * type without a configuration named gets the type's default one.
 */
export async function editAircraft(
  deps: FleetAdminDeps,
  actor: Actor,
  registration: string,
  patch: { typeCode?: string; configCode?: string; name?: string | null; active?: boolean },
): Promise<Updated<Aircraft>> {
  return await deps.sql.begin(async (tx) => {
    const before = await getAircraft(tx, registration, true);
    if (!before) throw notFound("Aircraft");
    const current = {
      typeCode: before.typeCode,
      configCode: before.configCode,
      name: before.name,
      active: before.active,
    };
    const next = { ...current, ...defined(patch) };
    if (next.typeCode !== current.typeCode || next.configCode !== current.configCode) {
      const named = patch.configCode ??
        (next.typeCode === current.typeCode ? current.configCode : undefined);
      next.configCode = await fittedConfiguration(tx, next.typeCode, named);
    }
    const diff = changes(current, next);
    if (!diff) return { value: before, changed: false };
    if (diff.after.typeCode !== undefined || diff.after.configCode !== undefined) {
      const assigned = await upcomingFlightsOfAircraft(tx, registration, deps.clock.now());
      if (assigned.total > 0) {
        throw new AppError(409, "aircraft_assigned", {
          detail: `${registration} is assigned to ${assigned.total} flight(s) not yet departed ` +
            `(${flightList(assigned)}); ` +
            "assign other aircraft to them before changing its type, or refit it " +
            "(POST /api/admin/aircraft/:registration/configuration), which moves them too.",
        });
      }
    }
    const value = await updateAircraft(tx, registration, next);
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft.updated",
      entityType: "aircraft",
      entityId: registration,
      details: diff,
    });
    return { value, changed: true };
  });
}
