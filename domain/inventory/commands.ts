import type { CabinCode, SeatLayout } from "../seat_layout.ts";
import type { FlightStatusChanged, StatusCommand } from "../flight_status.ts";

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
  /**
   * A price per seat fixed by the system instead of a quote (a passenger rebooked off a
   * cancelled flight keeps the fare they paid). Never taken from a client.
   */
  unitPrice?: number;
  /**
   * One live hold per owner on this flight: the owner's other holds here are released in the
   * same decision, and only if the new hold is made (a passenger's booking holds; a rebooking
   * or a waitlist offer is not exclusive).
   */
  exclusive?: boolean;
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

/** Change the flight's commercial controls (operators); what is left out stays. */
export interface ConfigureFlight {
  type: "ConfigureFlight";
  /** Base fare per cabin in minor units. */
  baseFares?: Partial<Record<CabinCode, number>>;
  /** Seats each cabin may sell: its capacity plus overbooking (or less, to restrict sale). */
  authorized?: Partial<Record<CabinCode, number>>;
  /** How long new holds last; holds already made keep their expiry. */
  holdTtlMs?: number;
  /** A retimed departure (sales close and demand pricing follow it). */
  departureAt?: number;
  /** Stop (true) or resume (false) selling, e.g. when the flight is cancelled. */
  closed?: boolean;
}

/** Put another aircraft on the flight: its layout replaces the old one, seats are remapped. */
export interface ChangeAircraft {
  type: "ChangeAircraft";
  aircraftType: string;
  /** The cabin configuration of the type whose layout this is. */
  configuration: string;
  registration: string | null;
  layout: SeatLayout;
  /** Base fares for the new layout's cabins; cabins the flight already had keep theirs. */
  baseFares: Partial<Record<CabinCode, number>>;
}

/** An operator's status change (delay, gate, boarding, departed, arrived, cancelled). */
export interface ChangeStatus {
  type: "ChangeStatus";
  change: StatusCommand;
  /** The operator who made it, kept in the status history (never streamed). */
  by?: string;
}

/** Take the flight out of the schedule: only while nobody holds or owns a seat on it. */
export interface RetireFlight {
  type: "RetireFlight";
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
  | ChangeSeats
  | ConfigureFlight
  | ChangeAircraft
  | ChangeStatus
  | RetireFlight;

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

/** A cabin's commercial settings after a configuration change. */
export interface CabinSetting {
  code: CabinCode;
  baseFare: number;
  capacity: number;
  authorized: number;
}

/** The flight's commercial controls changed. */
export interface FlightConfigured {
  type: "FlightConfigured";
  cabins: CabinSetting[];
  holdTtlMs: number;
  departureAt: number;
  closed: boolean;
}

/** Where one booking's or hold's seats went on a new aircraft; `to[i]` replaces `from[i]`. */
export interface SeatMove {
  kind: "sale" | "hold";
  /** The booking id of a sale, the hold id of a hold. */
  ref: string;
  owner: string;
  cabin: CabinCode;
  from: string[];
  /** null: no seat could be kept for this passenger; one is assigned at check-in. */
  to: (string | null)[];
}

/** Another aircraft took the flight over. */
export interface AircraftChanged {
  type: "AircraftChanged";
  aircraftType: string;
  /** The type's cabin configuration; absent in events logged before configurations existed. */
  configuration?: string;
  registration: string | null;
  layout: SeatLayout;
  cabins: CabinSetting[];
  /** Every sale and hold with seats, whether or not its seats changed. */
  moves: SeatMove[];
  /** Operator blocks belong to the old airframe and end with it. */
  unblocked: string[];
}

/** A status change as the flight's log keeps it: who made it rides along, never streamed. */
export type StatusChanged = FlightStatusChanged & { by?: string };

/** The flight left the schedule; its actor refuses everything from now on. */
export interface FlightRetired {
  type: "FlightRetired";
}

/** Everything that can happen to a flight's inventory. */
export type InventoryEvent =
  | SeatsHeld
  | HoldReleased
  | HoldConfirmed
  | SeatsCancelled
  | SeatsBlocked
  | SeatsUnblocked
  | HoldSeatsChanged
  | FlightConfigured
  | AircraftChanged
  | StatusChanged
  | FlightRetired;

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
  | "seat_permanently_blocked"
  | "authorization_below_demand"
  | "aircraft_too_small"
  | "illegal_transition"
  | "invalid_times"
  | "actual_time_in_future"
  | "boarding_too_early"
  | "departed_too_early"
  | "departed_before_boarding"
  | "arrival_not_after_departure"
  | "no_change"
  | "flight_has_bookings"
  | "flight_retired";

/** Why a cabin cannot take what it must: too few seats for its passengers. */
export interface CabinConflict {
  cabin: CabinCode;
  /** Seats held or sold in the cabin. */
  needed: number;
  /** Seats the new setting offers. */
  available: number;
}

/** The outcome of deciding one command: events to commit, or a typed refusal. */
export type Decision =
  | { ok: true; events: InventoryEvent[] }
  | {
    ok: false;
    reason: RejectionReason;
    detail: string;
    seats?: string[];
    conflicts?: CabinConflict[];
  };
