import type { CabinInventory, Hold, InventoryState, Sale } from "../domain/inventory/state.ts";
import type { CabinCode, SeatLayout } from "../domain/seat_layout.ts";
import type { FlightStatusState } from "../domain/flight_status.ts";

type PackedHold = [string, string, CabinCode, string, number, number, string, number, number];
type PackedSale = [string, string, string, CabinCode, string, number, number];

/**
 * The stored form of an inventory: holds and sales as tuples with seats joined by spaces,
 * so field names are not repeated per hold. A 378-seat widebody with 100 open holds and
 * every other seat sold to its own booking stays well inside KV's 64 KiB value limit.
 */
export interface PackedInventory {
  v: 1;
  flightId: string;
  departureAt: number;
  currency: string;
  holdTtlMs: number;
  layout: SeatLayout;
  cabins: CabinInventory[];
  blocked: string;
  seq: number;
  closed?: boolean;
  ops?: FlightStatusState;
  retired?: boolean;
  holds: PackedHold[];
  sales: PackedSale[];
}

const join = (seats: string[]) => seats.join(" ");
const split = (seats: string) => (seats ? seats.split(" ") : []);

/** Packs a state for KV. */
export function packInventory(s: InventoryState): PackedInventory {
  return {
    v: 1,
    flightId: s.flightId,
    departureAt: s.departureAt,
    currency: s.currency,
    holdTtlMs: s.holdTtlMs,
    layout: s.layout,
    cabins: s.cabins,
    blocked: join(s.blocked),
    seq: s.seq,
    ...(s.closed ? { closed: true } : {}),
    ...(s.ops ? { ops: s.ops } : {}),
    ...(s.retired ? { retired: true } : {}),
    holds: Object.values(s.holds).map((h) => [
      h.id,
      h.owner,
      h.cabin,
      join(h.seats),
      h.count,
      h.unitPrice,
      h.bucket,
      h.createdAt,
      h.expiresAt,
    ]),
    sales: Object.values(s.sales).map((x) => [
      x.bookingId,
      x.holdId,
      x.owner,
      x.cabin,
      join(x.seats),
      x.count,
      x.unitPrice,
    ]),
  };
}

/** Unpacks a stored state. */
export function unpackInventory(p: PackedInventory): InventoryState {
  const holds: Record<string, Hold> = {};
  for (const [id, owner, cabin, seats, count, unitPrice, bucket, createdAt, expiresAt] of p.holds) {
    holds[id] = {
      id,
      owner,
      cabin,
      seats: split(seats),
      count,
      unitPrice,
      bucket,
      createdAt,
      expiresAt,
    };
  }
  const sales: Record<string, Sale> = {};
  for (const [bookingId, holdId, owner, cabin, seats, count, unitPrice] of p.sales) {
    sales[bookingId] = { bookingId, holdId, owner, cabin, seats: split(seats), count, unitPrice };
  }
  return {
    flightId: p.flightId,
    departureAt: p.departureAt,
    currency: p.currency,
    holdTtlMs: p.holdTtlMs,
    layout: p.layout,
    cabins: p.cabins,
    blocked: split(p.blocked),
    seq: p.seq,
    ...(p.closed ? { closed: true } : {}),
    ...(p.ops ? { ops: p.ops } : {}),
    ...(p.retired ? { retired: true } : {}),
    holds,
    sales,
  };
}
