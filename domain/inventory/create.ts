import { cabinCapacities, type CabinCode, type SeatLayout } from "../seat_layout.ts";
import { defaultBuckets } from "./pricing.ts";
import type { InventoryState } from "./state.ts";

/** Default time a hold lasts before it expires. */
export const DEFAULT_HOLD_TTL_MS = 10 * 60_000;

/** What a flight's inventory starts from (read from Postgres when an actor first starts). */
export interface InventorySetup {
  flightId: string;
  departureAt: number;
  currency: string;
  layout: SeatLayout;
  /** Base fare per cabin in minor units; every cabin of the layout needs one. */
  baseFares: Partial<Record<CabinCode, number>>;
  /**
   * Seats each cabin may sell beyond its capacity (default 0: never oversold); negative
   * restricts sale below capacity.
   */
  overbooking?: Partial<Record<CabinCode, number>>;
  holdTtlMs?: number;
}

/** A fresh inventory: every seat free except the layout's blocked ones. */
export function createInventoryState(setup: InventorySetup): InventoryState {
  const capacities = cabinCapacities(setup.layout);
  return {
    flightId: setup.flightId,
    departureAt: setup.departureAt,
    currency: setup.currency,
    holdTtlMs: setup.holdTtlMs ?? DEFAULT_HOLD_TTL_MS,
    layout: setup.layout,
    cabins: setup.layout.cabins.map((c) => {
      const capacity = capacities[c.code] ?? 0;
      const authorized = Math.max(0, capacity + (setup.overbooking?.[c.code] ?? 0));
      const baseFare = setup.baseFares[c.code];
      if (baseFare === undefined) throw new RangeError(`No base fare for cabin ${c.code}`);
      return {
        code: c.code,
        baseFare,
        capacity,
        authorized,
        buckets: defaultBuckets(c.code, authorized),
      };
    }),
    blocked: [],
    holds: {},
    sales: {},
    seq: 0,
  };
}
