import type { AircraftChanged, CabinSetting, InventoryEvent } from "./commands.ts";
import { statusAfter } from "../flight_status.ts";
import { defaultBuckets } from "./pricing.ts";
import {
  addTo,
  cloneInventory,
  type Hold,
  indexInventory,
  type Inventory,
  type InventoryState,
  markSeat,
  ownHold,
  type Sale,
} from "./state.ts";

const cabinsOf = (settings: CabinSetting[]) =>
  settings.map((c) => ({ ...c, buckets: defaultBuckets(c.code, c.authorized) }));

/** The state on the new aircraft: its layout and cabins, every seat moved, old blocks gone. */
function onNewAircraft(s: InventoryState, e: AircraftChanged): InventoryState {
  const seated = (ids: (string | null)[]) => ids.filter((id): id is string => id !== null);
  const holds: Record<string, Hold> = { ...s.holds };
  const sales: Record<string, Sale> = { ...s.sales };
  for (const m of e.moves) {
    if (m.kind === "sale" && sales[m.ref]) sales[m.ref] = { ...sales[m.ref], seats: seated(m.to) };
    if (m.kind === "hold" && holds[m.ref]) holds[m.ref] = { ...holds[m.ref], seats: seated(m.to) };
  }
  return { ...s, layout: e.layout, cabins: cabinsOf(e.cabins), blocked: [], holds, sales };
}

/**
 * Applies one event to a draft the caller owns, in place, and bumps `seq` (the count of
 * every event ever applied to the flight). Hold and sale objects are replaced, never
 * changed, so a draft made by `cloneInventory` shares nothing mutable with its original.
 * The actor clones once per batch and applies the batch's events here.
 */
export function applyEvent(draft: Inventory, event: InventoryEvent): void {
  const s = draft.state;
  const saleByHold = draft.saleByHold as Map<string, string>;
  s.seq += 1;
  switch (event.type) {
    case "SeatsHeld":
      s.holds[event.holdId] = {
        id: event.holdId,
        owner: event.owner,
        cabin: event.cabin,
        seats: event.seats,
        count: event.count,
        unitPrice: event.unitPrice,
        bucket: event.bucket,
        createdAt: event.at,
        expiresAt: event.expiresAt,
      };
      for (const id of event.seats) markSeat(draft, id, { kind: "held", holdId: event.holdId });
      addTo(draft.inUse, event.cabin, event.count);
      addTo(draft.held, event.cabin, event.count);
      ownHold(draft, event.owner, event.holdId, true);
      break;
    case "HoldReleased":
      delete s.holds[event.holdId];
      ownHold(draft, event.owner, event.holdId, false);
      for (const id of event.seats) markSeat(draft, id);
      addTo(draft.inUse, event.cabin, -event.count);
      addTo(draft.held, event.cabin, -event.count);
      break;
    case "HoldConfirmed":
      delete s.holds[event.holdId];
      ownHold(draft, event.owner, event.holdId, false);
      s.sales[event.bookingId] = {
        bookingId: event.bookingId,
        holdId: event.holdId,
        owner: event.owner,
        cabin: event.cabin,
        seats: event.seats,
        count: event.count,
        unitPrice: event.unitPrice,
      };
      for (const id of event.seats) {
        markSeat(draft, id, { kind: "sold", bookingId: event.bookingId });
      }
      addTo(draft.held, event.cabin, -event.count);
      saleByHold.set(event.holdId, event.bookingId);
      break;
    case "SeatsCancelled": {
      const sale = s.sales[event.bookingId];
      const seats = sale.seats.filter((id) => !event.seats.includes(id));
      const left = sale.count - event.count;
      if (left > 0) s.sales[event.bookingId] = { ...sale, seats, count: left };
      else {
        delete s.sales[event.bookingId];
        saleByHold.delete(sale.holdId);
      }
      for (const id of event.seats) markSeat(draft, id);
      addTo(draft.inUse, event.cabin, -event.count);
      break;
    }
    case "SeatsBlocked":
      s.blocked = [...s.blocked, ...event.seats];
      for (const id of event.seats) markSeat(draft, id, { kind: "blocked", permanent: false });
      break;
    case "SeatsUnblocked":
      s.blocked = s.blocked.filter((id) => !event.seats.includes(id));
      for (const id of event.seats) markSeat(draft, id);
      break;
    case "HoldSeatsChanged": {
      s.holds[event.holdId] = { ...s.holds[event.holdId], seats: event.to };
      for (const id of event.from) markSeat(draft, id);
      for (const id of event.to) markSeat(draft, id, { kind: "held", holdId: event.holdId });
      break;
    }
    case "FlightConfigured":
      s.cabins = cabinsOf(event.cabins);
      s.holdTtlMs = event.holdTtlMs;
      s.departureAt = event.departureAt;
      if (event.closed) s.closed = true;
      else delete s.closed;
      break;
    case "AircraftChanged":
      // Every seat may have moved: rebuild the whole index for the new layout.
      Object.assign(draft, indexInventory(onNewAircraft(s, event)));
      break;
    case "FlightStatusChanged":
      s.ops = statusAfter(s.ops!, event);
      // A cancelled flight sells nothing more, in the same commit as the cancellation.
      if (event.status === "cancelled") s.closed = true;
      break;
    case "FlightRetired":
      s.retired = true;
      s.closed = true;
      break;
  }
}

/** Applies one event, returning a new inventory; the old one is not changed. */
export function evolve(inv: Inventory, event: InventoryEvent): Inventory {
  const draft = cloneInventory(inv);
  applyEvent(draft, event);
  return draft;
}
