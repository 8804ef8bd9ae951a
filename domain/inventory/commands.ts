import type { CabinCode } from "../seat_layout.ts";

/** Hold named seats, or `count` seats assigned automatically, in one cabin. */
export interface HoldSeats {
  type: "HoldSeats";
  holdId: string;
  owner: string;
  cabin: CabinCode;
  seats?: string[];
  count?: number;
  /** The party may sit in an exit row (every member an able adult). */
  exitRowEligible?: boolean;
}

/** Give back a hold before it expires. */
export interface ReleaseHold {
  type: "ReleaseHold";
  holdId: string;
  owner: string;
}

/** Turn a hold into a sale for a booking (only its owner, only before expiry). */
export interface ConfirmHold {
  type: "ConfirmHold";
  holdId: string;
  owner: string;
  bookingId: string;
}

/** Give sold seats back: all of a booking's, or the listed ones. */
export interface CancelSeats {
  type: "CancelSeats";
  bookingId: string;
  seats?: string[];
}

/** Release a hold whose time is up (from the delayed queue message or the sweep). */
export interface ExpireHold {
  type: "ExpireHold";
  holdId: string;
}

/** Take seats out of sale (operators). */
export interface BlockSeats {
  type: "BlockSeats";
  seats: string[];
  reason: string;
}

/** Put operator-blocked seats back on sale. */
export interface UnblockSeats {
  type: "UnblockSeats";
  seats: string[];
}

/** Swap the seats of a hold for others in the same cabin; the quoted price stays. */
export interface ChangeSeats {
  type: "ChangeSeats";
  holdId: string;
  owner: string;
  seats: string[];
  exitRowEligible?: boolean;
}

/** Everything a flight actor can be asked to do. */
export type InventoryCommand =
  | HoldSeats
  | ReleaseHold
  | ConfirmHold
  | CancelSeats
  | ExpireHold
  | BlockSeats
  | UnblockSeats
  | ChangeSeats;

/** Seats were held at a quoted price until `expiresAt`. */
export interface SeatsHeld {
  type: "SeatsHeld";
  holdId: string;
  owner: string;
  cabin: CabinCode;
  seats: string[];
  count: number;
  unitPrice: number;
  bucket: string;
  together: boolean;
  at: number;
  expiresAt: number;
}

/** A hold ended without a sale. */
export interface HoldReleased {
  type: "HoldReleased";
  holdId: string;
  owner: string;
  cabin: CabinCode;
  seats: string[];
  count: number;
  reason: "released" | "expired";
}

/** A hold became a sale. */
export interface HoldConfirmed {
  type: "HoldConfirmed";
  holdId: string;
  owner: string;
  bookingId: string;
  cabin: CabinCode;
  seats: string[];
  count: number;
  unitPrice: number;
  total: number;
}

/** Sold seats were given back. */
export interface SeatsCancelled {
  type: "SeatsCancelled";
  bookingId: string;
  cabin: CabinCode;
  seats: string[];
  count: number;
}

/** Seats were blocked by an operator. */
export interface SeatsBlocked {
  type: "SeatsBlocked";
  seats: string[];
  reason: string;
}

/** Seats were unblocked. */
export interface SeatsUnblocked {
  type: "SeatsUnblocked";
  seats: string[];
}

/** A hold's seats changed. */
export interface HoldSeatsChanged {
  type: "HoldSeatsChanged";
  holdId: string;
  from: string[];
  to: string[];
}

/** Everything that can happen to a flight's inventory. */
export type InventoryEvent =
  | SeatsHeld
  | HoldReleased
  | HoldConfirmed
  | SeatsCancelled
  | SeatsBlocked
  | SeatsUnblocked
  | HoldSeatsChanged;

/** Why a command was refused; stable codes for clients. */
export type RejectionReason =
  | "invalid_request"
  | "flight_closed"
  | "unknown_cabin"
  | "unknown_seat"
  | "wrong_cabin"
  | "seat_taken"
  | "seat_blocked"
  | "exit_row_not_eligible"
  | "not_enough_seats"
  | "hold_not_found"
  | "hold_expired"
  | "hold_id_in_use"
  | "not_owner"
  | "booking_not_found"
  | "seat_not_in_booking"
  | "seat_not_free"
  | "seat_not_blocked"
  | "seat_permanently_blocked";

/** The outcome of deciding one command: events to commit, or a typed refusal. */
export type Decision =
  | { ok: true; events: InventoryEvent[] }
  | { ok: false; reason: RejectionReason; detail: string; seats?: string[] };
