import { notFound } from "../../domain/app_error.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import { cabinCounters, type Inventory } from "../../domain/inventory/state.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import { getAdminFlight } from "../../db/admin_flights_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import type { Clock } from "../../domain/clock.ts";
import { type Actor, auditEntry } from "../actor.ts";
import { afterInventoryChange, editableFlight, type FlightAdminDeps } from "./flight_admin.ts";
import {
  type AircraftRequest,
  changeFlightAircraft,
  previewFlightAircraft,
} from "./aircraft_change.ts";

/** What the commercial controls of a flight need. */
export type FlightControlDeps = FlightAdminDeps & { clock: Clock };

/** A change of fares, authorization levels or hold time; what is left out stays. */
export interface PricingChange {
  baseFares?: Partial<Record<CabinCode, number>>;
  authorized?: Partial<Record<CabinCode, number>>;
  holdTtlSeconds?: number;
}

/** A flight's commercial controls and live counters, per cabin. */
function pricingView(inv: Inventory, now: number) {
  const counters = cabinCounters(inv);
  const offers = cabinOffers(inv, now);
  return {
    flightId: inv.state.flightId,
    currency: inv.state.currency,
    holdTtlSeconds: Math.round(inv.state.holdTtlMs / 1000),
    salesClosed: inv.state.closed ?? false,
    cabins: inv.state.cabins.map((c, i) => ({
      code: c.code,
      baseFare: c.baseFare,
      capacity: c.capacity,
      authorized: c.authorized,
      overbooking: c.authorized - c.capacity,
      buckets: c.buckets,
      blocked: counters[i].blocked,
      held: counters[i].held,
      sold: counters[i].sold,
      available: counters[i].available,
      price: offers[i].price ?? null,
      bucket: offers[i].bucket ?? null,
    })),
  };
}

/** Fares, authorization levels, buckets and hold time per cabin; 404 for no such flight. */
export async function flightPricing(deps: FlightControlDeps, flightId: string) {
  if (!await getAdminFlight(deps.sql, flightId)) throw notFound("Flight");
  const inv = await deps.registry.inventory(flightId);
  return pricingView(inv, deps.clock.now().getTime());
}

/** Changes the pricing controls through the flight's actor, audited; the controls after. */
export async function changePricing(
  deps: FlightControlDeps,
  actor: Actor,
  input: { flightId: string; change: PricingChange },
) {
  const { flightId, change } = input;
  await editableFlight(deps.sql, flightId);
  const result = await deps.registry.send(flightId, {
    type: "ConfigureFlight",
    baseFares: change.baseFares,
    authorized: change.authorized,
    holdTtlMs: change.holdTtlSeconds === undefined ? undefined : change.holdTtlSeconds * 1000,
  });
  if (!result.ok) throw rejectionError(result);
  await afterInventoryChange(deps, flightId, result.seq);
  await recordAudit(
    deps.sql,
    auditEntry(actor, "flight.pricing_changed", { type: "flight", id: flightId }, { ...change }),
  );
  return pricingView(await deps.registry.inventory(flightId), deps.clock.now().getTime());
}

/** Takes seats off sale (or puts them back with `block: false`) through the actor, audited. */
export async function blockSeats(
  deps: FlightAdminDeps,
  actor: Actor,
  input: { flightId: string; seats: string[]; reason?: string; block: boolean },
) {
  const { flightId, seats, reason } = input;
  await editableFlight(deps.sql, flightId);
  const result = await deps.registry.send(
    flightId,
    input.block
      ? { type: "BlockSeats", seats, reason: reason ?? "blocked by operations" }
      : { type: "UnblockSeats", seats },
  );
  if (!result.ok) throw rejectionError(result);
  await afterInventoryChange(deps, flightId, result.seq);
  const entity = { type: "flight", id: flightId };
  await recordAudit(
    deps.sql,
    input.block
      ? auditEntry(actor, "flight.seats_blocked", entity, { seats, reason })
      : auditEntry(actor, "flight.seats_unblocked", entity, { seats }),
  );
  return result.seq;
}

/** Changes a flight's aircraft (sold seats remapped, 409 if too small), audited. */
export async function changeAircraft(
  deps: FlightAdminDeps,
  actor: Actor,
  input: { flightId: string; request: AircraftRequest },
) {
  const outcome = await changeFlightAircraft(deps, input.flightId, input.request);
  await recordAudit(
    deps.sql,
    auditEntry(actor, "flight.aircraft_changed", { type: "flight", id: input.flightId }, {
      request: input.request,
      moved: outcome.moved.length,
      unblocked: outcome.unblocked,
    }),
  );
  return outcome;
}

/** What changing a flight's aircraft would do, decided now and changing nothing. */
export async function previewAircraft(
  deps: FlightAdminDeps,
  input: { flightId: string; request: AircraftRequest },
) {
  return await previewFlightAircraft(deps, input.flightId, input.request);
}
