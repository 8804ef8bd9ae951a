import type { CabinCode } from "../seat_layout.ts";
import type {
  BlockSeats,
  CancelSeats,
  ChangeSeats,
  ChangeStatus,
  ConfirmHold,
  Decision,
  HoldSeats,
  InventoryCommand,
  InventoryEvent,
  RejectionReason,
  UnblockSeats,
} from "./commands.ts";
import { quote } from "./pricing.ts";
import { decideChangeAircraft, decideConfigure } from "./configure.ts";
import { freeSeats, pickSeats } from "./seating.ts";
import { decideStatus } from "../flight_status.ts";
import {
  type Hold,
  type Inventory,
  pricingDemand,
  type Sale,
  seatsInUse,
  seatStatus,
} from "./state.ts";
import { evolve } from "./evolve.ts";

/** Statuses after which a flight sells nothing. */
const FINAL_STATUSES = ["cancelled", "departed", "arrived"];

/** Sales close this long before departure. */
export const SALES_CLOSE_BEFORE_DEPARTURE_MS = 30 * 60_000;
/** The most seats one hold may take (one booking's party). */
export const MAX_PARTY = 9;

const ok = (events: InventoryEvent[] = []): Decision => ({ ok: true, events });

function reject(reason: RejectionReason, detail: string, seats?: string[]): Decision {
  return { ok: false, reason, detail, ...(seats?.length ? { seats } : {}) };
}

/** The hold if it exists and belongs to `owner`; otherwise the refusal to return. */
function ownHold(inv: Inventory, holdId: string, owner: string): Hold | Decision {
  const hold = inv.state.holds[holdId];
  if (!hold) return reject("hold_not_found", "No such hold; it may have expired or been released.");
  if (hold.owner !== owner) return reject("not_owner", "This hold belongs to someone else.");
  return hold;
}

const isHold = (x: Hold | Decision): x is Hold => "id" in x;

/** The event that ends a hold without a sale. */
function released(hold: Hold, reason: "released" | "expired"): Decision {
  return ok([{
    type: "HoldReleased",
    holdId: hold.id,
    owner: hold.owner,
    cabin: hold.cabin,
    seats: hold.seats,
    count: hold.count,
    reason,
  }]);
}

function saleOfHold(inv: Inventory, holdId: string): Sale | undefined {
  const bookingId = inv.saleByHold.get(holdId);
  return bookingId === undefined ? undefined : inv.state.sales[bookingId];
}

/** Checks that every seat exists, is in `cabin`, is free (or ours) and may be sat in. */
function checkSeats(
  inv: Inventory,
  cabin: CabinCode,
  seats: string[],
  exitRowEligible: boolean,
  ownHold?: string,
): Decision | undefined {
  if (seats.length === 0 || seats.length > MAX_PARTY || new Set(seats).size !== seats.length) {
    return reject("invalid_request", `Between 1 and ${MAX_PARTY} different seats are needed.`);
  }
  const unknown = seats.filter((id) => !inv.seatById.has(id));
  if (unknown.length) return reject("unknown_seat", "No such seat on this aircraft.", unknown);
  const wrong = seats.filter((id) => inv.seatById.get(id)!.cabin !== cabin);
  if (wrong.length) return reject("wrong_cabin", `Seats outside cabin ${cabin}.`, wrong);
  const blocked = seats.filter((id) => seatStatus(inv, id).kind === "blocked");
  if (blocked.length) return reject("seat_blocked", "Seat is not available for sale.", blocked);
  const taken = seats.filter((id) => {
    const s = seatStatus(inv, id);
    return s.kind === "sold" || (s.kind === "held" && s.holdId !== ownHold);
  });
  if (taken.length) return reject("seat_taken", "Seat is already taken.", taken);
  const exit = seats.filter((id) => inv.seatById.get(id)!.exitRow);
  if (exit.length && !exitRowEligible) {
    return reject("exit_row_not_eligible", "Exit-row seats need an eligible adult.", exit);
  }
  return undefined;
}

function decideHold(inv: Inventory, cmd: HoldSeats, now: number): Decision {
  const { state } = inv;
  const existing = state.holds[cmd.holdId] ?? saleOfHold(inv, cmd.holdId);
  if (existing) {
    // A retried HoldSeats is answered with the hold it already made.
    return existing.owner === cmd.owner
      ? ok()
      : reject("hold_id_in_use", "This hold id belongs to someone else.");
  }
  if (cmd.exclusive) {
    // The owner's earlier holds here give way to this one: decided as if they were gone (their
    // seats may be asked for again), and released only if the new hold is made.
    const own = (inv.holdsByOwner.get(cmd.owner) ?? []).map((id) => state.holds[id]);
    if (own.length) {
      const releases = own.flatMap((h) => {
        const d = released(h, "released");
        return d.ok ? d.events : [];
      });
      const after = releases.reduce(evolve, inv);
      const decision = decideHold(after, { ...cmd, exclusive: false }, now);
      return decision.ok ? ok([...releases, ...decision.events]) : decision;
    }
  }
  if (
    state.closed || FINAL_STATUSES.includes(state.ops?.status ?? "scheduled") ||
    now >= state.departureAt - SALES_CLOSE_BEFORE_DEPARTURE_MS
  ) {
    return reject("flight_closed", "Sales for this flight have closed.");
  }
  const cabin = state.cabins.find((c) => c.code === cmd.cabin);
  if (!cabin) return reject("unknown_cabin", `This flight has no cabin ${cmd.cabin}.`);
  const n = cmd.seats ? cmd.seats.length : cmd.count ?? 0;
  if (
    (cmd.seats && cmd.count !== undefined && cmd.count !== n) || !Number.isInteger(n) || n < 1 ||
    n > MAX_PARTY
  ) {
    return reject("invalid_request", `Hold between 1 and ${MAX_PARTY} seats, by seat or by count.`);
  }
  const eligible = cmd.exitRowEligible ?? false;
  if (cmd.seats) {
    const problem = checkSeats(inv, cmd.cabin, cmd.seats, eligible);
    if (problem) return problem;
  }
  const inUse = seatsInUse(inv, cmd.cabin);
  const priced = quote(cabin, pricingDemand(inv, cabin), n, state.departureAt - now);
  if (inUse + n > cabin.authorized || !priced) {
    return reject(
      "not_enough_seats",
      `Only ${Math.max(0, cabin.authorized - inUse)} seats left in cabin ${cmd.cabin}.`,
    );
  }
  let seats = cmd.seats;
  let together = true;
  if (!seats) {
    const pick = pickSeats(inv, cmd.cabin, n, eligible);
    if (pick) {
      seats = pick.seats;
      together = pick.together;
    } else if (cabin.authorized > cabin.capacity) {
      // Overbooking: sell the seat count now, assign physical seats at check-in.
      seats = freeSeats(inv, cmd.cabin, eligible);
      together = false;
    } else {
      return reject("not_enough_seats", `Not enough free seats in cabin ${cmd.cabin}.`);
    }
  }
  return ok([{
    type: "SeatsHeld",
    holdId: cmd.holdId,
    owner: cmd.owner,
    cabin: cmd.cabin,
    seats,
    count: n,
    unitPrice: cmd.unitPrice ?? priced.unitPrice,
    bucket: priced.bucket,
    together,
    at: now,
    expiresAt: now + state.holdTtlMs,
  }]);
}

function decideConfirm(inv: Inventory, cmd: ConfirmHold, now: number): Decision {
  const hold = inv.state.holds[cmd.holdId];
  if (!hold) {
    const sale = saleOfHold(inv, cmd.holdId);
    // Confirming twice with the same booking is a retry, not a second sale.
    if (sale && sale.owner === cmd.owner && sale.bookingId === cmd.bookingId) return ok();
    return reject("hold_not_found", "No such hold; it may have expired or been released.");
  }
  if (hold.owner !== cmd.owner) return reject("not_owner", "This hold belongs to someone else.");
  if (now >= hold.expiresAt) return reject("hold_expired", "The hold expired before payment.");
  if (inv.state.sales[cmd.bookingId]) {
    return reject("invalid_request", "This booking already has seats on this flight.");
  }
  return ok([{
    type: "HoldConfirmed",
    holdId: hold.id,
    owner: hold.owner,
    bookingId: cmd.bookingId,
    cabin: hold.cabin,
    seats: hold.seats,
    count: hold.count,
    unitPrice: hold.unitPrice,
    total: hold.unitPrice * hold.count,
  }]);
}

function decideCancel(inv: Inventory, cmd: CancelSeats): Decision {
  const sale = inv.state.sales[cmd.bookingId];
  if (!sale) return reject("booking_not_found", "No seats are sold to this booking.");
  if (cmd.seats && (cmd.seats.length === 0 || new Set(cmd.seats).size !== cmd.seats.length)) {
    return reject("invalid_request", "List each seat to cancel once, or none to cancel all.");
  }
  const seats = cmd.seats ?? sale.seats;
  const foreign = seats.filter((s) => !sale.seats.includes(s));
  if (foreign.length) {
    return reject("seat_not_in_booking", "Seat is not part of this booking.", foreign);
  }
  const count = cmd.seats ? seats.length : sale.count;
  return ok([{
    type: "SeatsCancelled",
    bookingId: sale.bookingId,
    cabin: sale.cabin,
    seats,
    count,
  }]);
}

function decideBlock(inv: Inventory, cmd: BlockSeats | UnblockSeats): Decision {
  if (cmd.seats.length === 0 || new Set(cmd.seats).size !== cmd.seats.length) {
    return reject("invalid_request", "List each seat once.");
  }
  const unknown = cmd.seats.filter((id) => !inv.seatById.has(id));
  if (unknown.length) return reject("unknown_seat", "No such seat on this aircraft.", unknown);
  const statuses = cmd.seats.map((id) => [id, seatStatus(inv, id)] as const);
  if (cmd.type === "BlockSeats") {
    const busy = statuses.filter(([, s]) => s.kind === "held" || s.kind === "sold").map(([id]) =>
      id
    );
    if (busy.length) return reject("seat_not_free", "Held or sold seats cannot be blocked.", busy);
    const seats = statuses.filter(([, s]) => s.kind === "free").map(([id]) => id);
    return ok(seats.length ? [{ type: "SeatsBlocked", seats, reason: cmd.reason }] : []);
  }
  const permanent = statuses.filter(([, s]) => s.kind === "blocked" && s.permanent).map(([id]) =>
    id
  );
  if (permanent.length) {
    return reject("seat_permanently_blocked", "The aircraft layout blocks this seat.", permanent);
  }
  const seats = statuses.filter(([, s]) => s.kind === "blocked").map(([id]) => id);
  return ok(seats.length ? [{ type: "SeatsUnblocked", seats }] : []);
}

function decideChange(inv: Inventory, cmd: ChangeSeats, now: number): Decision {
  const hold = ownHold(inv, cmd.holdId, cmd.owner);
  if (!isHold(hold)) return hold;
  if (now >= hold.expiresAt) return reject("hold_expired", "The hold has expired.");
  if (cmd.seats.length !== hold.count) {
    return reject("invalid_request", `Choose exactly ${hold.count} seats for this hold.`);
  }
  const problem = checkSeats(inv, hold.cabin, cmd.seats, cmd.exitRowEligible ?? false, hold.id);
  if (problem) return problem;
  const same = cmd.seats.length === hold.seats.length &&
    cmd.seats.every((s) => hold.seats.includes(s));
  return ok(
    same ? [] : [{ type: "HoldSeatsChanged", holdId: hold.id, from: hold.seats, to: cmd.seats }],
  );
}

/** A status change through the flight's status rules (domain/flight_status.ts). */
function decideChangeStatus(inv: Inventory, cmd: ChangeStatus, now: number): Decision {
  const ops = inv.state.ops;
  if (!ops) return reject("invalid_request", "This flight's status is not loaded.");
  const decision = decideStatus(ops, cmd.change, now);
  if (!decision.ok) return reject(decision.code, decision.detail);
  return ok([cmd.by ? { ...decision.event, by: cmd.by } : decision.event]);
}

/** Retiring needs a flight nobody holds or owns a seat on. */
function decideRetire(inv: Inventory): Decision {
  const { holds, sales } = inv.state;
  if (Object.keys(holds).length || Object.keys(sales).length) {
    return reject(
      "flight_has_bookings",
      "Seats on this flight are held or sold: cancel it instead.",
    );
  }
  return ok([{ type: "FlightRetired" }]);
}

/** Decides one command against the current inventory at time `now` (epoch ms). Pure. */
export function decide(inv: Inventory, cmd: InventoryCommand, now: number): Decision {
  if (inv.state.retired) {
    // An expiry or a retried retirement finds nothing left to do; everything else is refused.
    if (cmd.type === "ExpireHold" || cmd.type === "RetireFlight") return ok();
    return reject("flight_retired", "This flight was taken out of the schedule.");
  }
  switch (cmd.type) {
    case "HoldSeats":
      return decideHold(inv, cmd, now);
    case "ReleaseHold": {
      const hold = ownHold(inv, cmd.holdId, cmd.owner);
      return isHold(hold) ? released(hold, "released") : hold;
    }
    case "ConfirmHold":
      return decideConfirm(inv, cmd, now);
    case "CancelSeats":
      return decideCancel(inv, cmd);
    case "ExpireHold": {
      const hold = inv.state.holds[cmd.holdId];
      // Already gone or not yet due: queue delivery is at-least-once and may come early.
      if (!hold || now < hold.expiresAt) return ok();
      return released(hold, "expired");
    }
    case "BlockSeats":
    case "UnblockSeats":
      return decideBlock(inv, cmd);
    case "ChangeSeats":
      return decideChange(inv, cmd, now);
    case "ConfigureFlight":
      return decideConfigure(inv, cmd);
    case "ChangeAircraft":
      return decideChangeAircraft(inv, cmd);
    case "ChangeStatus":
      return decideChangeStatus(inv, cmd, now);
    case "RetireFlight":
      return decideRetire(inv);
  }
}
