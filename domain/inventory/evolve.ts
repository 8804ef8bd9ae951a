import type { InventoryEvent } from "./commands.ts";
import type { Inventory, InventoryState, SeatStatus } from "./state.ts";

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/**
 * Applies one event, returning a new inventory (the old one is not changed). Bumps `seq`:
 * the state's sequence number counts every event ever applied to the flight.
 */
export function evolve(inv: Inventory, event: InventoryEvent): Inventory {
  const s: InventoryState = { ...inv.state, seq: inv.state.seq + 1 };
  const taken = new Map<string, SeatStatus>(inv.taken);
  switch (event.type) {
    case "SeatsHeld":
      s.holds = {
        ...s.holds,
        [event.holdId]: {
          id: event.holdId,
          owner: event.owner,
          cabin: event.cabin,
          seats: event.seats,
          count: event.count,
          unitPrice: event.unitPrice,
          bucket: event.bucket,
          createdAt: event.at,
          expiresAt: event.expiresAt,
        },
      };
      for (const id of event.seats) taken.set(id, { kind: "held", holdId: event.holdId });
      break;
    case "HoldReleased":
      s.holds = withoutKey(s.holds, event.holdId);
      for (const id of event.seats) taken.delete(id);
      break;
    case "HoldConfirmed":
      s.holds = withoutKey(s.holds, event.holdId);
      s.sales = {
        ...s.sales,
        [event.bookingId]: {
          bookingId: event.bookingId,
          holdId: event.holdId,
          owner: event.owner,
          cabin: event.cabin,
          seats: event.seats,
          count: event.count,
          unitPrice: event.unitPrice,
        },
      };
      for (const id of event.seats) taken.set(id, { kind: "sold", bookingId: event.bookingId });
      break;
    case "SeatsCancelled": {
      const sale = s.sales[event.bookingId];
      const seats = sale.seats.filter((id) => !event.seats.includes(id));
      const count = sale.count - event.count;
      s.sales = count > 0
        ? { ...s.sales, [event.bookingId]: { ...sale, seats, count } }
        : withoutKey(s.sales, event.bookingId);
      for (const id of event.seats) taken.delete(id);
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
      const hold = s.holds[event.holdId];
      s.holds = { ...s.holds, [event.holdId]: { ...hold, seats: event.to } };
      for (const id of event.from) taken.delete(id);
      for (const id of event.to) taken.set(id, { kind: "held", holdId: event.holdId });
      break;
    }
  }
  return { ...inv, state: s, taken };
}
