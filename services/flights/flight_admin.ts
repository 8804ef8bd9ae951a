/**
 * What operators do to a flight's schedule and aircraft. Postgres holds the schedule; the
 * flight's actor holds what is sold, so anything that touches seats or fares goes through it
 * and reaches Postgres through the projector (waited for here before answering, so the answer
 * and a read right after agree).
 */
import { AppError, notFound } from "../../domain/app_error.ts";
import {
  type FlightInput,
  localTimeCode,
  type ResolvedFlight,
  resolveFlight,
} from "../../domain/schedule.ts";
import type { Sql } from "../../db/postgres.ts";
import {
  type AdminFlight,
  flightCommitments,
  getAdminFlight,
} from "../../db/admin_flights_repo.ts";
import { ActorError } from "../../domain/actor_error.ts";
import { scheduleLookupsFor } from "../../db/schedule_repo.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import type { Projector } from "../../actors/projector.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import { bumpScheduleVersion } from "./cache_keys.ts";
import { forgetFlightSummary } from "./flight_summaries.ts";
import type { NotifierDeps } from "../../notifications/notifier.ts";
import type { Store } from "../../adapters/store.ts";
import type { Logger } from "../../platform/log.ts";

/** What operator changes to a flight need. */
export interface FlightAdminDeps {
  sql: Sql;
  kv: Deno.Kv;
  registry: ActorRegistry;
  projector: Projector;
  store: Store;
  log: Logger;
  notifier: NotifierDeps;
}

/** Statuses after which a flight's schedule and aircraft are history. */
const FINAL = ["departed", "arrived", "cancelled"];

/** The flight for an operator change, or 404; 409 once it has departed or was cancelled. */
export async function editableFlight(sql: Sql, id: string): Promise<AdminFlight> {
  const flight = await getAdminFlight(sql, id);
  if (!flight) throw notFound("Flight");
  if (FINAL.includes(flight.status)) {
    throw new AppError(409, "flight_not_editable", {
      detail: `The flight is ${flight.status}; its schedule can no longer change.`,
    });
  }
  return flight;
}

/** Resolves a flight input against the database, or a 422 listing every problem. */
export async function resolveOr422(sql: Sql, input: FlightInput): Promise<ResolvedFlight> {
  const resolved = resolveFlight(input, await scheduleLookupsFor(sql, [input]));
  if (!resolved.ok) {
    // A clock-change problem gets its own code so a client can ask for the offset or a new time.
    const code = localTimeCode(resolved.problems);
    const clock = resolved.problems.find((p) => p.code === code);
    throw new AppError(422, code ?? "invalid_flight", {
      detail: clock?.message ?? "The flight does not fit the airports, aircraft or fares it names.",
      errors: resolved.problems,
    });
  }
  return resolved.flight;
}

/**
 * Brings Postgres (waiting for the projector to reach the change's `seq`) and every cache in
 * line after the actor changed the flight.
 */
export async function afterInventoryChange(deps: FlightAdminDeps, flightId: string, seq: number) {
  await deps.projector.reach(flightId, seq);
  forgetFlightSummary(deps.sql, flightId);
  await bumpScheduleVersion(deps.store);
}

/**
 * Takes a flight nobody held, bought or paid for out of the schedule (else 409): its actor
 * retires it, refusing everything from then on (so no hold slips in between the check and
 * the delete), and the projector deletes it from Postgres; this waits for that. Its retired
 * state stays in KV as a tombstone, so an actor elsewhere that still has the flight in memory
 * is refused too. Returns the flight as it was.
 */
export async function retireFlight(deps: FlightAdminDeps, id: string): Promise<AdminFlight> {
  const flight = await getAdminFlight(deps.sql, id);
  if (!flight) throw notFound("Flight");
  const c = await flightCommitments(deps.sql, id);
  if (c.live || c.tickets || c.payments) {
    throw new AppError(409, "flight_has_bookings", {
      detail: "Seats on this flight were held, sold or paid for: cancel it instead.",
    });
  }
  const result = await deps.registry.send(id, { type: "RetireFlight" }).catch((err) => {
    throw err instanceof ActorError && err.code === "flight_not_found" ? notFound("Flight") : err;
  });
  if (!result.ok) throw rejectionError(result);
  await deps.projector.reach(id, result.seq);
  // A retired flight's actor has nothing left to do: an undo retiring 100,000 flights must
  // not keep 100,000 actors in memory until they idle out.
  deps.registry.forget(id);
  forgetFlightSummary(deps.sql, id);
  await bumpScheduleVersion(deps.store);
  return flight;
}

/** Refuses a route change for a flight people are booked on (409). */
export async function assertRouteFree(sql: Sql, flight: AdminFlight, next: ResolvedFlight) {
  if (flight.origin === next.origin && flight.destination === next.destination) return;
  const c = await flightCommitments(sql, flight.id);
  if (c.live || c.tickets) {
    throw new AppError(409, "flight_has_bookings", {
      detail: "People are booked on this flight: its route cannot change. Cancel it instead.",
    });
  }
}
