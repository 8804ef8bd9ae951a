import { isDeepStrictEqual } from "node:util";
import { AppError, notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { cabinCapacities, type SeatLayout } from "../../domain/seat_layout.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import {
  type Aircraft,
  type AircraftType,
  type AircraftTypeFields,
  getAircraft,
  getAircraftType,
  insertAircraft,
  insertAircraftType,
  type UpcomingFlight,
  upcomingFlightsOfAircraft,
  upcomingFlightsOfType,
  updateAircraft,
  updateAircraftType,
} from "../../db/fleet_repo.ts";
import type { Sql } from "../../db/postgres.ts";
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

function flightList(flights: UpcomingFlight[]): string {
  return flights.map((f) => `${f.carrier}${f.flightNumber} on ${f.departureAt.slice(0, 10)}`)
    .join(", ");
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
    const created = await insertAircraftType(tx, code, {
      ...input,
      seatCount: seatCount(input.layout),
    });
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
 * Changes an aircraft type. The layout is refused (409 layout_in_use) while a flight that
 * has not departed uses the type: its live seat inventory was built from the current layout
 * and is rebuilt from it, so seats sold or blocked there could vanish or move.
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
      const inUse = await upcomingFlightsOfType(tx, code, deps.clock.now());
      if (inUse.total > 0) {
        throw new AppError(409, "layout_in_use", {
          detail: `${inUse.total} flight(s) not yet departed use ${code}'s seat layout ` +
            `(${flightList(inUse.first)}${inUse.total > inUse.first.length ? ", ..." : ""}). ` +
            "Create a new aircraft type with this configuration and change the aircraft of " +
            "those flights to it.",
        });
      }
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

/** Adds an airframe; 409 when the registration is taken, 422 for an unknown type. */
export async function createAircraft(
  deps: FleetAdminDeps,
  actor: Actor,
  input: { registration: string; typeCode: string; name: string | null },
): Promise<Aircraft> {
  return await deps.sql.begin(async (tx) => {
    if (!await getAircraftType(tx, input.typeCode)) throw unknownType(input.typeCode);
    const created = await insertAircraft(tx, input);
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
      details: { after: { typeCode: created.typeCode, name: created.name } },
    });
    return created;
  });
}

/**
 * Changes an airframe. Its type may not change while it is assigned to flights that have not
 * departed: those flights' seat maps were built for the type they were sold with.
 */
export async function editAircraft(
  deps: FleetAdminDeps,
  actor: Actor,
  registration: string,
  patch: { typeCode?: string; name?: string | null; active?: boolean },
): Promise<Updated<Aircraft>> {
  return await deps.sql.begin(async (tx) => {
    const before = await getAircraft(tx, registration, true);
    if (!before) throw notFound("Aircraft");
    const current = { typeCode: before.typeCode, name: before.name, active: before.active };
    const next = { ...current, ...defined(patch) };
    const diff = changes(current, next);
    if (!diff) return { value: before, changed: false };
    if (diff.after.typeCode !== undefined) {
      if (!await getAircraftType(tx, next.typeCode)) throw unknownType(next.typeCode);
      const assigned = await upcomingFlightsOfAircraft(tx, registration, deps.clock.now());
      if (assigned.total > 0) {
        throw new AppError(409, "aircraft_assigned", {
          detail: `${registration} is assigned to ${assigned.total} flight(s) not yet departed ` +
            `(${flightList(assigned.first)}${
              assigned.total > assigned.first.length ? ", ..." : ""
            }); ` +
            "assign other aircraft to them before changing its type.",
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
