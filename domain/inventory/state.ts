import { type CabinCode, expandSeats, type Seat, type SeatLayout } from "../seat_layout.ts";
import type { FlightStatusState } from "../flight_status.ts";

/** A nested booking class: open while the cabin's seats in use stay under `limit`. */
export interface FareBucket {
  code: string;
  /** The load-factor factor applied to the cabin's base fare while this bucket is open. */
  multiplier: number;
  /** Nested limit: seats held or sold in the cabin, counting this sale, may not exceed it. */
  limit: number;
}

/** One cabin's commercial inventory. */
export interface CabinInventory {
  code: CabinCode;
  /** Base fare per seat in minor units. */
  baseFare: number;
  /** Physical seats, blocked ones included. */
  capacity: number;
  /** Seats the cabin may sell: capacity plus allowed overbooking (default: capacity). */
  authorized: number;
  /** Lowest fare first; the last bucket's limit equals `authorized`. */
  buckets: FareBucket[];
}

/** Seats held for a customer until `expiresAt`, at a quoted price. */
export interface Hold {
  id: string;
  owner: string;
  cabin: CabinCode;
  /** Assigned seats; fewer than `count` only when the cabin is overbooked. */
  seats: string[];
  count: number;
  unitPrice: number;
  bucket: string;
  createdAt: number;
  expiresAt: number;
}

/** Seats sold to a booking. */
export interface Sale {
  bookingId: string;
  holdId: string;
  owner: string;
  cabin: CabinCode;
  seats: string[];
  count: number;
  unitPrice: number;
}

/** A flight's live inventory: what the actor persists in one KV value. */
export interface InventoryState {
  flightId: string;
  /** Epoch milliseconds. */
  departureAt: number;
  currency: string;
  holdTtlMs: number;
  layout: SeatLayout;
  cabins: CabinInventory[];
  /** Seats blocked by operators (the layout's own blocked seats are in `layout`). */
  blocked: string[];
  holds: Record<string, Hold>;
  sales: Record<string, Sale>;
  /** Sequence number of the last event applied. */
  seq: number;
  /** Sales stopped by an operator (a cancelled flight); absent means open. */
  closed?: boolean;
  /**
   * The flight's operational status, owned by the actor with the seats: one event log and
   * one sequence for both. Absent only in a state stored before the actor owned it (the actor
   * fills it in from Postgres when it loads such a state).
   */
  ops?: FlightStatusState;
  /** Taken out of the schedule: every command is refused. */
  retired?: boolean;
}

/** Who a seat belongs to right now. */
export type SeatStatus =
  | { kind: "free" }
  | { kind: "blocked"; permanent: boolean }
  | { kind: "held"; holdId: string }
  | { kind: "sold"; bookingId: string };

/** A state with its seat index: derived, never persisted. */
export interface Inventory {
  state: InventoryState;
  /** Every seat of the layout in map order. */
  seatList: readonly Seat[];
  seatById: ReadonlyMap<string, Seat>;
  /** Non-free seats only; a seat missing here is free. */
  taken: ReadonlyMap<string, SeatStatus>;
  /** Seats held or sold per cabin (what authorization and fare buckets count). */
  inUse: ReadonlyMap<CabinCode, number>;
  /** Seats held (not yet sold) per cabin: the part of `inUse` that may still lapse. */
  held: ReadonlyMap<CabinCode, number>;
  /** Physical seats per cabin that are blocked, and that are taken at all (any kind). */
  blockedSeats: ReadonlyMap<CabinCode, number>;
  occupiedSeats: ReadonlyMap<CabinCode, number>;
  /** Physical seats per cabin, blocked ones included. */
  cabinSeats: ReadonlyMap<CabinCode, number>;
  /** Each cabin's seats in map order, and each seat's place in its cabin's list. */
  byCabin: ReadonlyMap<CabinCode, readonly Seat[]>;
  cabinIndex: ReadonlyMap<string, number>;
  /**
   * Per cabin, the place before which no seat is free (`any`), and no window or aisle seat
   * (`edge`): automatic seating starts looking there instead of at the front row.
   */
  freeFrom: ReadonlyMap<CabinCode, FreeFrom>;
  /** The booking a confirmed hold became, for idempotent retries. */
  saleByHold: ReadonlyMap<string, string>;
  /** Each owner's live holds (an exclusive hold finds the owner's others without a scan). */
  holdsByOwner: ReadonlyMap<string, readonly string[]>;
}

/** Where a cabin's free seats start (see Inventory.freeFrom). */
export interface FreeFrom {
  any: number;
  edge: number;
}

/** Per-cabin counters, derived from the state. */
export interface CabinCounters {
  cabin: CabinCode;
  capacity: number;
  authorized: number;
  blocked: number;
  held: number;
  sold: number;
  /** Seats a new hold could still get: min(authorized − held − sold, free seats). */
  available: number;
}

interface SeatMap {
  layout: SeatLayout;
  seatList: readonly Seat[];
  seatById: ReadonlyMap<string, Seat>;
  cabinSeats: ReadonlyMap<CabinCode, number>;
  byCabin: ReadonlyMap<CabinCode, readonly Seat[]>;
  cabinIndex: ReadonlyMap<string, number>;
}

// Few layouts serve many flights: share one expanded seat map (and one layout object) per
// distinct layout, so 10,000 loaded flights do not each hold their own copy.
const seatMaps = new Map<string, SeatMap>();
const MAX_SHARED_LAYOUTS = 256;

function seatMapOf(layout: SeatLayout): SeatMap {
  const key = JSON.stringify(layout);
  let map = seatMaps.get(key);
  if (!map) {
    const seatList = expandSeats(layout);
    const cabinSeats = new Map<CabinCode, number>();
    const byCabin = new Map<CabinCode, Seat[]>();
    const cabinIndex = new Map<string, number>();
    for (const seat of seatList) {
      cabinSeats.set(seat.cabin, (cabinSeats.get(seat.cabin) ?? 0) + 1);
      const list = byCabin.get(seat.cabin) ?? [];
      cabinIndex.set(seat.id, list.length);
      list.push(seat);
      byCabin.set(seat.cabin, list);
    }
    const seatById = new Map(seatList.map((s) => [s.id, s]));
    map = { layout, seatList, seatById, cabinSeats, byCabin, cabinIndex };
    if (seatMaps.size >= MAX_SHARED_LAYOUTS) seatMaps.delete(seatMaps.keys().next().value!);
    seatMaps.set(key, map);
  }
  return map;
}

/** Adds `n` to a per-cabin count. */
export function addTo(map: ReadonlyMap<CabinCode, number>, cabin: CabinCode, n: number): void {
  (map as Map<CabinCode, number>).set(cabin, (map.get(cabin) ?? 0) + n);
}

/**
 * Sets (or, without `status`, frees) one seat's status in a draft's index and keeps the
 * per-cabin seat counts in step, so counters never need a walk over every seat.
 */
export function markSeat(draft: Inventory, id: string, status?: SeatStatus): void {
  const taken = draft.taken as Map<string, SeatStatus>;
  const seat = draft.seatById.get(id);
  const cabin = seat?.cabin;
  const before = taken.get(id);
  if (cabin && before) {
    addTo(draft.occupiedSeats, cabin, -1);
    if (before.kind === "blocked") addTo(draft.blockedSeats, cabin, -1);
  }
  if (!status) {
    taken.delete(id);
    if (seat) freed(draft, seat);
    return;
  }
  taken.set(id, status);
  if (!seat || !cabin) return;
  addTo(draft.occupiedSeats, cabin, 1);
  if (status.kind === "blocked") addTo(draft.blockedSeats, cabin, 1);
  filled(draft, seat);
}

/** Moves a cabin's free-seat marks back to a seat that came free. */
function freed(draft: Inventory, seat: Seat): void {
  const at = draft.cabinIndex.get(seat.id)!;
  const from = draft.freeFrom.get(seat.cabin);
  if (!from) return;
  from.any = Math.min(from.any, at);
  if (!seat.middle) from.edge = Math.min(from.edge, at);
}

/** Moves a cabin's free-seat marks past seats now taken (each step is paid for once). */
function filled(draft: Inventory, seat: Seat): void {
  const from = draft.freeFrom.get(seat.cabin);
  const list = draft.byCabin.get(seat.cabin);
  if (!from || !list) return;
  const taken = draft.taken;
  while (from.any < list.length && taken.has(list[from.any].id)) from.any++;
  while (
    from.edge < list.length && (list[from.edge].middle || taken.has(list[from.edge].id))
  ) from.edge++;
}

/** Builds the seat index of a state (O(seats)); the actor does this once per load. */
export function indexInventory(state: InventoryState): Inventory {
  const { layout, seatList, seatById, cabinSeats, byCabin, cabinIndex } = seatMapOf(state.layout);
  const shared = layout === state.layout ? state : { ...state, layout };
  const inv: Inventory = {
    state: shared,
    seatList,
    seatById,
    cabinSeats,
    byCabin,
    cabinIndex,
    freeFrom: new Map([...byCabin.keys()].map((c) => [c, { any: 0, edge: 0 }])),
    taken: new Map(),
    inUse: new Map(),
    held: new Map(),
    blockedSeats: new Map(),
    occupiedSeats: new Map(),
    saleByHold: new Map(),
    holdsByOwner: new Map(),
  };
  for (const s of seatList) {
    if (s.blocked) markSeat(inv, s.id, { kind: "blocked", permanent: true });
  }
  for (const id of shared.blocked) markSeat(inv, id, { kind: "blocked", permanent: false });
  for (const h of Object.values(shared.holds)) {
    for (const id of h.seats) markSeat(inv, id, { kind: "held", holdId: h.id });
    addTo(inv.inUse, h.cabin, h.count);
    addTo(inv.held, h.cabin, h.count);
    ownHold(inv, h.owner, h.id, true);
  }
  for (const s of Object.values(shared.sales)) {
    for (const id of s.seats) markSeat(inv, id, { kind: "sold", bookingId: s.bookingId });
    addTo(inv.inUse, s.cabin, s.count);
    (inv.saleByHold as Map<string, string>).set(s.holdId, s.bookingId);
  }
  return inv;
}

/** A copy whose state records and indexes may be changed without touching the original. */
export function cloneInventory(inv: Inventory): Inventory {
  return {
    ...inv,
    state: { ...inv.state, holds: { ...inv.state.holds }, sales: { ...inv.state.sales } },
    taken: new Map(inv.taken),
    inUse: new Map(inv.inUse),
    held: new Map(inv.held),
    blockedSeats: new Map(inv.blockedSeats),
    occupiedSeats: new Map(inv.occupiedSeats),
    freeFrom: new Map([...inv.freeFrom].map(([c, f]) => [c, { ...f }])),
    saleByHold: new Map(inv.saleByHold),
    holdsByOwner: new Map(inv.holdsByOwner),
  };
}

/** Records (or forgets) that `owner` holds `holdId`; the lists are replaced, never changed. */
export function ownHold(draft: Inventory, owner: string, holdId: string, held: boolean): void {
  const byOwner = draft.holdsByOwner as Map<string, readonly string[]>;
  const now = byOwner.get(owner) ?? [];
  const next = held ? [...now, holdId] : now.filter((id) => id !== holdId);
  if (next.length) byOwner.set(owner, next);
  else byOwner.delete(owner);
}

/** The status of one seat. */
export function seatStatus(inv: Inventory, seatId: string): SeatStatus {
  return inv.taken.get(seatId) ?? { kind: "free" };
}

/** Counters for every cabin of the flight, from the index's running counts (O(cabins)). */
export function cabinCounters(inv: Inventory): CabinCounters[] {
  return inv.state.cabins.map((c) => {
    const held = inv.held.get(c.code) ?? 0;
    const sold = (inv.inUse.get(c.code) ?? 0) - held;
    const blocked = inv.blockedSeats.get(c.code) ?? 0;
    const free = (inv.cabinSeats.get(c.code) ?? 0) - (inv.occupiedSeats.get(c.code) ?? 0);
    const available = Math.max(0, Math.min(c.authorized - held - sold, free));
    return {
      cabin: c.code,
      capacity: c.capacity,
      authorized: c.authorized,
      blocked,
      held,
      sold,
      available,
    };
  });
}

/** Seats of a cabin held or sold (what fare buckets and authorization count). */
export function seatsInUse(inv: Inventory, cabin: CabinCode): number {
  return inv.inUse.get(cabin) ?? 0;
}

/** At most this share of a cabin's authorized seats in unpaid holds counts toward its fare. */
export const HELD_PRICING_SHARE = 0.05;

/**
 * The seats a cabin's fare is priced from: those sold, plus unpaid holds up to a small bounded
 * share of the cabin, so holds alone (which cost nothing) can never move the fare up.
 */
export function pricingDemand(inv: Inventory, cabin: CabinInventory): number {
  const inUse = inv.inUse.get(cabin.code) ?? 0;
  const held = inv.held.get(cabin.code) ?? 0;
  return inUse - held + Math.min(held, Math.floor(cabin.authorized * HELD_PRICING_SHARE));
}
