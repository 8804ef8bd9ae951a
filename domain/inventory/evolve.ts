import type { InventoryEvent } from "./commands.ts";
import { cloneInventory, type Inventory, type SeatStatus } from "./state.ts";

/**
 * Applies one event to a draft the caller owns, in place, and bumps `seq` (the count of
 * every event ever applied to the flight). Hold and sale objects are replaced, never
 * changed, so a draft made by `cloneInventory` shares nothing mutable with its original.
 * The actor clones once per batch and applies the batch's events here.
 */
export function applyEvent(draft: Inventory, event: InventoryEvent): void {
  const s = draft.state;
  const taken = draft.taken as Map<string, SeatStatus>;
  const inUse = draft.inUse as Map<string, number>;
  const saleByHold = draft.saleByHold as Map<string, string>;
  const count = (cabin: string, n: number) => inUse.set(cabin, (inUse.get(cabin) ?? 0) + n);
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
      for (const id of event.seats) taken.set(id, { kind: "held", holdId: event.holdId });
      count(event.cabin, event.count);
      break;
    case "HoldReleased":
      delete s.holds[event.holdId];
      for (const id of event.seats) taken.delete(id);
      count(event.cabin, -event.count);
      break;
    case "HoldConfirmed":
      delete s.holds[event.holdId];
      s.sales[event.bookingId] = {
        bookingId: event.bookingId,
        holdId: event.holdId,
        owner: event.owner,
        cabin: event.cabin,
        seats: event.seats,
        count: event.count,
        unitPrice: event.unitPrice,
      };
      for (const id of event.seats) taken.set(id, { kind: "sold", bookingId: event.bookingId });
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
      for (const id of event.seats) taken.delete(id);
      count(event.cabin, -event.count);
      break;
    }
    case "SeatsBlocked":
      s.blocked = [...s.blocked, ...event.seats];
      for (const id of event.seats) taken.set(id, { kind: "blocked", permanent: false });
      break;
    case "SeatsUnblocked":
      s.blocked = s.blocked.filter((id) => !event.seats.includes(id));
      for (const id of event.seats) taken.delete(id);
      break;
    case "HoldSeatsChanged": {
      s.holds[event.holdId] = { ...s.holds[event.holdId], seats: event.to };
      for (const id of event.from) taken.delete(id);
      for (const id of event.to) taken.set(id, { kind: "held", holdId: event.holdId });
      break;
    }
  }
}

/** Applies one event, returning a new inventory; the old one is not changed. */
export function evolve(inv: Inventory, event: InventoryEvent): Inventory {
  const draft = cloneInventory(inv);
  applyEvent(draft, event);
  return draft;
}
