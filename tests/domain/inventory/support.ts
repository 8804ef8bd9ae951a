import assert from "node:assert/strict";
import type {
  BlockSeats,
  CancelSeats,
  ChangeSeats,
  ConfirmHold,
  Decision,
  ExpireHold,
  HoldSeats,
  InventoryCommand,
  InventoryEvent,
  RejectionReason,
  ReleaseHold,
  SeatsHeld,
  UnblockSeats,
} from "../../../domain/inventory/commands.ts";
import {
  createInventoryState,
  DEFAULT_HOLD_TTL_MS,
  type InventorySetup,
} from "../../../domain/inventory/create.ts";
import { decide } from "../../../domain/inventory/decide.ts";
import { evolve } from "../../../domain/inventory/evolve.ts";
import { indexInventory, type Inventory, seatStatus } from "../../../domain/inventory/state.ts";
import type { SeatLayout } from "../../../domain/seat_layout.ts";
import { DEMO_AIRCRAFT_TYPES } from "../../../db/demo/aircraft_types.ts";

export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const DEPARTURE = Date.UTC(2030, 0, 15, 12, 0, 0);
/** Twenty days before departure: sales open, the demand factor between 14 and 30 days. */
export const NOW = DEPARTURE - 20 * DAY;
export const ALICE = "alice";
export const BOB = "bob";
export const BASE_FARES = { F: 900_000, J: 300_000, W: 120_000, Y: 40_000 };

/** The layout of a demo aircraft type (E195, A20N, B789, B77W). */
export function layoutOf(code: string): SeatLayout {
  const type = DEMO_AIRCRAFT_TYPES.find((t) => t.code === code);
  if (!type) throw new Error(`no demo aircraft ${code}`);
  return type.layout;
}

/** A one-cabin economy layout of `rows` rows of `across` (e.g. 2 rows of "AB": 4 seats). */
export function economyLayout(rows: number, across: string): SeatLayout {
  return {
    cabins: [{
      code: "Y",
      name: "Economy",
      firstRow: 1,
      lastRow: rows,
      seatsAcross: across,
      skipRows: [],
      exitRows: [],
      extraLegroomRows: [],
      blockedSeats: [],
      missingSeats: [],
    }],
  };
}

/** A fresh, indexed inventory for a demo aircraft code or a layout. */
export function fresh(
  aircraft: string | SeatLayout = "A20N",
  more: Partial<InventorySetup> = {},
): Inventory {
  const layout = typeof aircraft === "string" ? layoutOf(aircraft) : aircraft;
  return indexInventory(createInventoryState({
    flightId: "CT100-2030-01-15",
    departureAt: DEPARTURE,
    currency: "EUR",
    layout,
    baseFares: BASE_FARES,
    ...more,
  }));
}

/** Decides a command and, when accepted, folds its events into the inventory. */
export function run(
  inv: Inventory,
  cmd: InventoryCommand,
  now: number = NOW,
): { inv: Inventory; decision: Decision } {
  const decision = decide(inv, cmd, now);
  if (decision.ok) { for (const event of decision.events) inv = evolve(inv, event); }
  return { inv, decision };
}

/** Runs commands that must all be accepted (test setup). */
export function given(inv: Inventory, cmds: InventoryCommand[], now: number = NOW): Inventory {
  for (const cmd of cmds) {
    const { inv: next, decision } = run(inv, cmd, now);
    assert.ok(decision.ok, `setup ${cmd.type} refused: ${JSON.stringify(decision)}`);
    inv = next;
  }
  return inv;
}

/** The SeatsHeld event of an accepted HoldSeats decision. */
export function heldOf(decision: Decision): SeatsHeld {
  assert.ok(decision.ok, `expected a hold, got ${JSON.stringify(decision)}`);
  assert.equal(decision.events.length, 1);
  const event = decision.events[0];
  assert.equal(event.type, "SeatsHeld");
  return event as SeatsHeld;
}

let fillerId = 0;

/** Holds the given seats of `cabin` for a filler owner, in holds of at most 9 seats. */
export function occupy(inv: Inventory, seats: string[], cabin: HoldSeats["cabin"] = "Y") {
  for (let i = 0; i < seats.length; i += 9) {
    const cmd = hold(`filler-${++fillerId}`, seats.slice(i, i + 9), {
      owner: "filler",
      cabin,
      exitRowEligible: true,
    });
    inv = given(inv, [cmd]);
  }
  return inv;
}

/** Fills every free seat of a cabin except `keep`, so that only those stay free. */
export function onlyFree(inv: Inventory, keep: string[], cabin: HoldSeats["cabin"] = "Y") {
  const others = inv.seatList
    .filter((s) => s.cabin === cabin && !inv.taken.has(s.id) && !keep.includes(s.id))
    .map((s) => s.id);
  return occupy(inv, others, cabin);
}

type More<T> = Partial<Omit<T, "type">>;

export const hold = (holdId: string, seats: string[], more: More<HoldSeats> = {}): HoldSeats => ({
  type: "HoldSeats",
  holdId,
  owner: ALICE,
  cabin: "Y",
  seats,
  ...more,
});
export const holdN = (holdId: string, count: number, more: More<HoldSeats> = {}): HoldSeats => ({
  type: "HoldSeats",
  holdId,
  owner: ALICE,
  cabin: "Y",
  count,
  ...more,
});
export const release = (holdId: string, owner = ALICE): ReleaseHold => ({
  type: "ReleaseHold",
  holdId,
  owner,
});
export const confirm = (holdId: string, bookingId: string, owner = ALICE): ConfirmHold => ({
  type: "ConfirmHold",
  holdId,
  owner,
  bookingId,
});
export const cancel = (bookingId: string, seats?: string[]): CancelSeats => ({
  type: "CancelSeats",
  bookingId,
  ...(seats ? { seats } : {}),
});
export const expire = (holdId: string): ExpireHold => ({ type: "ExpireHold", holdId });
export const block = (seats: string[], reason = "broken recline"): BlockSeats => ({
  type: "BlockSeats",
  seats,
  reason,
});
export const unblock = (seats: string[]): UnblockSeats => ({ type: "UnblockSeats", seats });
export const change = (
  holdId: string,
  seats: string[],
  more: More<ChangeSeats> = {},
): ChangeSeats => ({ type: "ChangeSeats", holdId, owner: ALICE, seats, ...more });

/** One row of a decide table. */
export interface Case {
  name: string;
  /** The starting inventory; an empty A320neo unless told. */
  on?: () => Inventory;
  given?: InventoryCommand[];
  when: InventoryCommand;
  at?: number;
  /** A rejection reason, or the types of the events the command must produce. */
  want: RejectionReason | InventoryEvent["type"][];
  /** The seats a rejection must name. */
  seats?: string[];
  then?: (inv: Inventory, decision: Decision) => void;
  /** Set, with a comment, when the case shows a bug in the domain. */
  ignore?: boolean;
}

/** Registers one Deno test per row: a refusal changes nothing, events bump `seq` by one each. */
export function testCases(cases: Case[]) {
  for (const c of cases) {
    Deno.test({
      name: `inventory: ${c.name}`,
      ignore: c.ignore ?? false,
      fn() {
        const before = given(c.on?.() ?? fresh(), c.given ?? []);
        const { inv, decision } = run(before, c.when, c.at ?? NOW);
        if (typeof c.want === "string") {
          assert.ok(!decision.ok, `expected ${c.want}, got ${JSON.stringify(decision)}`);
          assert.equal(decision.reason, c.want);
          assert.ok(decision.detail.length > 0);
          if (c.seats) assert.deepEqual(decision.seats, c.seats);
        } else {
          assert.ok(decision.ok, `expected events, got ${JSON.stringify(decision)}`);
          assert.deepEqual(decision.events.map((e) => e.type), c.want);
          assert.equal(inv.state.seq, before.state.seq + c.want.length);
        }
        if (typeof c.want === "string" || c.want.length === 0) assert.equal(inv, before);
        c.then?.(inv, decision);
      },
    });
  }
}

/** When a hold made at NOW with the default time to live expires. */
export const EXPIRES = NOW + DEFAULT_HOLD_TTL_MS;
/** The kind of a seat's status: free, blocked, held or sold. */
export const status = (inv: Inventory, id: string) => seatStatus(inv, id).kind;
/** Seats 4A-4C held by alice as h1 and sold to booking b1. */
export const sold3 = [hold("h1", ["4A", "4B", "4C"]), confirm("h1", "b1")];
