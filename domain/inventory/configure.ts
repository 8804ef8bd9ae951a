import { cabinCapacities, type CabinCode } from "../seat_layout.ts";
import type {
  CabinConflict,
  CabinSetting,
  ChangeAircraft,
  ConfigureFlight,
  Decision,
} from "./commands.ts";
import { remapSeats } from "./remap.ts";
import { type Inventory, seatsInUse } from "./state.ts";

/** Shortest and longest hold time an operator may set. */
export const HOLD_TTL_LIMITS_MS = [60_000, 3_600_000] as const;
/** The most a cabin may be authorized to sell, as a multiple of its seats. */
export const MAX_AUTHORIZATION_FACTOR = 1.5;

const refuse = (reason: "invalid_request" | "unknown_cabin", detail: string): Decision => ({
  ok: false,
  reason,
  detail,
});

const sameSettings = (a: CabinSetting[], b: CabinSetting[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Decides a change of fares, authorization levels, hold time, departure time or sales state.
 * Authorization may go below capacity (to restrict sale) or above it (overbooking, at most
 * MAX_AUTHORIZATION_FACTOR × seats), but never below the seats already held or sold.
 */
export function decideConfigure(inv: Inventory, cmd: ConfigureFlight): Decision {
  const { state } = inv;
  const codes = new Set(state.cabins.map((c) => c.code));
  const named = [...Object.keys(cmd.baseFares ?? {}), ...Object.keys(cmd.authorized ?? {})];
  const unknown = named.filter((c) => !codes.has(c as CabinCode));
  if (unknown.length) return refuse("unknown_cabin", `This flight has no cabin ${unknown[0]}.`);
  const fares = Object.values(cmd.baseFares ?? {});
  if (fares.some((f) => !Number.isInteger(f) || f < 0)) {
    return refuse("invalid_request", "Fares are whole minor units, 0 or more.");
  }
  const ttl = cmd.holdTtlMs ?? state.holdTtlMs;
  if (!(ttl >= HOLD_TTL_LIMITS_MS[0] && ttl <= HOLD_TTL_LIMITS_MS[1])) {
    return refuse("invalid_request", "A hold lasts between 1 and 60 minutes.");
  }
  const conflicts: CabinConflict[] = [];
  const cabins: CabinSetting[] = state.cabins.map((c) => {
    const authorized = cmd.authorized?.[c.code] ?? c.authorized;
    const needed = seatsInUse(inv, c.code);
    if (authorized < needed) conflicts.push({ cabin: c.code, needed, available: authorized });
    return {
      code: c.code,
      baseFare: cmd.baseFares?.[c.code] ?? c.baseFare,
      capacity: c.capacity,
      authorized,
    };
  });
  const tooMany = cabins.find((c) =>
    !Number.isInteger(c.authorized) || c.authorized < 0 ||
    c.authorized > Math.floor(c.capacity * MAX_AUTHORIZATION_FACTOR)
  );
  if (tooMany) {
    return refuse(
      "invalid_request",
      `Cabin ${tooMany.code} may sell 0 to ${
        Math.floor(tooMany.capacity * MAX_AUTHORIZATION_FACTOR)
      } seats.`,
    );
  }
  if (conflicts.length) {
    return {
      ok: false,
      reason: "authorization_below_demand",
      detail: "Authorization cannot go below the seats already held or sold.",
      conflicts,
    };
  }
  const next = {
    cabins,
    holdTtlMs: ttl,
    departureAt: cmd.departureAt ?? state.departureAt,
    closed: cmd.closed ?? state.closed ?? false,
  };
  const before = {
    cabins: state.cabins.map(({ code, baseFare, capacity, authorized }) => ({
      code,
      baseFare,
      capacity,
      authorized,
    })),
    holdTtlMs: state.holdTtlMs,
    departureAt: state.departureAt,
    closed: state.closed ?? false,
  };
  const unchanged = sameSettings(next.cabins, before.cabins) &&
    next.holdTtlMs === before.holdTtlMs && next.departureAt === before.departureAt &&
    next.closed === before.closed;
  return { ok: true, events: unchanged ? [] : [{ type: "FlightConfigured", ...next }] };
}

/**
 * Decides putting another aircraft on the flight: every sale and hold gets seats on the new
 * layout (see remapSeats), or the change is refused with each cabin that is too small. A
 * cabin keeps its fare and its overbooking margin; a new cabin needs a fare.
 */
export function decideChangeAircraft(inv: Inventory, cmd: ChangeAircraft): Decision {
  const { state } = inv;
  const capacities = cabinCapacities(cmd.layout);
  const missing = cmd.layout.cabins.filter((c) =>
    cmd.baseFares[c.code] === undefined && !state.cabins.some((o) => o.code === c.code)
  );
  if (missing.length) {
    return refuse("invalid_request", `A base fare is needed for cabin ${missing[0].code}.`);
  }
  const remap = remapSeats(inv, cmd.layout);
  if (!remap.ok) {
    return {
      ok: false,
      reason: "aircraft_too_small",
      detail: "The new aircraft cannot carry this flight's passengers: " +
        remap.conflicts.map((c) => `cabin ${c.cabin} has ${c.needed} for ${c.available} seats`)
          .join("; ") +
        ".",
      conflicts: remap.conflicts,
    };
  }
  const cabins: CabinSetting[] = cmd.layout.cabins.map((c) => {
    const old = state.cabins.find((o) => o.code === c.code);
    const capacity = capacities[c.code] ?? 0;
    const margin = old ? old.authorized - old.capacity : 0;
    return {
      code: c.code,
      baseFare: cmd.baseFares[c.code] ?? old!.baseFare,
      capacity,
      authorized: Math.max(seatsInUse(inv, c.code), capacity + margin, 0),
    };
  });
  return {
    ok: true,
    events: [{
      type: "AircraftChanged",
      aircraftType: cmd.aircraftType,
      configuration: cmd.configuration,
      registration: cmd.registration,
      layout: cmd.layout,
      cabins,
      moves: remap.moves,
      unblocked: [...state.blocked],
    }],
  };
}
