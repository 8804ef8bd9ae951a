import type { InventoryEvent } from "../inventory/commands.ts";
import type { SeatView } from "../inventory/view.ts";
import type { CabinCode } from "../seat_layout.ts";

/** What happened to some seats, in words a seat map understands. */
export type SeatChangeKind =
  | "held"
  | "released"
  | "expired"
  | "sold"
  | "cancelled"
  | "blocked"
  | "unblocked"
  | "moved"
  | "repriced"
  | "reconfigured"
  | "status"
  | "retired";

/** One committed inventory event as the public seat stream tells it: no owners, no holds. */
export interface SeatChange {
  seq: number;
  /** Commit time, epoch milliseconds. */
  at: number;
  change: SeatChangeKind;
  cabin?: CabinCode;
  /** Seats the change took or gave back (an unassigned hold takes a count, no seats). */
  count: number;
  seats: { id: string; status: SeatView["status"] }[];
}

const each = (ids: string[], status: SeatView["status"]) => ids.map((id) => ({ id, status }));

/** Maps a logged inventory event to the seat change it shows on a live seat map. */
export function seatChange(logged: { seq: number; at: number; event: InventoryEvent }): SeatChange {
  const { seq, at, event: e } = logged;
  const base = { seq, at };
  switch (e.type) {
    case "SeatsHeld":
      return {
        ...base,
        change: "held",
        cabin: e.cabin,
        count: e.count,
        seats: each(e.seats, "held"),
      };
    case "HoldReleased":
      return {
        ...base,
        change: e.reason === "expired" ? "expired" : "released",
        cabin: e.cabin,
        count: e.count,
        seats: each(e.seats, "free"),
      };
    case "HoldConfirmed":
      return {
        ...base,
        change: "sold",
        cabin: e.cabin,
        count: e.count,
        seats: each(e.seats, "sold"),
      };
    case "SeatsCancelled":
      return {
        ...base,
        change: "cancelled",
        cabin: e.cabin,
        count: e.count,
        seats: each(e.seats, "free"),
      };
    case "SeatsBlocked":
      return { ...base, change: "blocked", count: e.seats.length, seats: each(e.seats, "blocked") };
    case "SeatsUnblocked":
      return { ...base, change: "unblocked", count: e.seats.length, seats: each(e.seats, "free") };
    case "HoldSeatsChanged": {
      // A seat in both lists stays held: freeing it first and holding it again says so.
      const to = new Set(e.to);
      return {
        ...base,
        change: "moved",
        count: e.to.length,
        seats: [...each(e.from.filter((id) => !to.has(id)), "free"), ...each(e.to, "held")],
      };
    }
    case "FlightConfigured":
      // Prices or seats left may have changed, no seat did: clients refresh their offers.
      return { ...base, change: "repriced", count: 0, seats: [] };
    case "AircraftChanged":
      // A new layout: clients fetch a fresh snapshot rather than patch the old map.
      return { ...base, change: "reconfigured", count: 0, seats: [] };
    case "FlightStatusChanged":
      // The status stream tells the change itself; here it only keeps the seq unbroken (a
      // cancellation closes sales: clients refresh their offers).
      return { ...base, change: "status", count: 0, seats: [] };
    case "FlightRetired":
      return { ...base, change: "retired", count: 0, seats: [] };
  }
}
