import assert from "node:assert/strict";
import type { InventoryCommand } from "../../../domain/inventory/commands.ts";
import { decide } from "../../../domain/inventory/decide.ts";
import { evolve } from "../../../domain/inventory/evolve.ts";
import {
  cabinCounters,
  indexInventory,
  type Inventory,
  seatsInUse,
} from "../../../domain/inventory/state.ts";
import type { CabinCode } from "../../../domain/seat_layout.ts";
import { fresh, given, hold, NOW } from "./support.ts";

/** mulberry32: a tiny deterministic PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OWNERS = ["alice", "bob", "carol"];

/** Makes plausible commands, valid and not, against the current inventory. */
function commandMaker(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T | undefined => xs.length ? xs[int(xs.length)] : undefined;
  const chance = (p: number) => rand() < p;
  let nextId = 0;
  const someSeats = (inv: Inventory, cabin: CabinCode, n: number) => {
    const all = inv.seatList.filter((s) => s.cabin === cabin).map((s) => s.id);
    const free = all.filter((id) => !inv.taken.has(id));
    return [...new Set(Array.from({ length: n }, () => pick(chance(0.8) ? free : all) ?? "99Z"))];
  };
  return (inv: Inventory, now: number): InventoryCommand => {
    const { holds, sales, cabins, blocked } = inv.state;
    const hold = pick(Object.values(holds));
    const live = pick(Object.values(holds).filter((h) => h.expiresAt > now)) ?? hold;
    const sale = pick(Object.values(sales));
    const cabin = pick(cabins)!.code;
    const owner = pick(OWNERS)!;
    const holdId = chance(0.9) || !hold ? `h${++nextId}` : hold.id;
    const eligible = chance(0.5);
    const roll = rand();
    if (roll < 0.22) {
      const seats = someSeats(inv, cabin, 1 + int(3));
      return { type: "HoldSeats", holdId, owner, cabin, seats, exitRowEligible: eligible };
    }
    if (roll < 0.42) {
      const count = chance(0.05) ? int(12) : 1 + int(5);
      return { type: "HoldSeats", holdId, owner, cabin, count, exitRowEligible: eligible };
    }
    if (roll < 0.5) {
      return {
        type: "ReleaseHold",
        holdId: hold?.id ?? "nope",
        owner: hold && chance(0.85) ? hold.owner : owner,
      };
    }
    if (roll < 0.66) {
      const bookingId = chance(0.95) || !sale ? `b${++nextId}` : sale.bookingId;
      const target = chance(0.85) ? live : hold;
      return {
        type: "ConfirmHold",
        holdId: target?.id ?? "nope",
        owner: target && chance(0.9) ? target.owner : owner,
        bookingId,
      };
    }
    if (roll < 0.74) {
      if (!sale || chance(0.05)) return { type: "CancelSeats", bookingId: "nope" };
      if (chance(0.5)) return { type: "CancelSeats", bookingId: sale.bookingId };
      const seats = sale.seats.filter(() => chance(0.5));
      if (chance(0.1) || !seats.length) seats.push(pick(inv.seatList)!.id);
      return { type: "CancelSeats", bookingId: sale.bookingId, seats: [...new Set(seats)] };
    }
    if (roll < 0.84) {
      const due = Object.values(holds).filter((h) => h.expiresAt <= now);
      return { type: "ExpireHold", holdId: (pick(due) ?? hold)?.id ?? "nope" };
    }
    if (roll < 0.89) {
      return { type: "BlockSeats", seats: someSeats(inv, cabin, 1 + int(2)), reason: "test" };
    }
    if (roll < 0.93) {
      const seats = chance(0.8) && blocked.length ? [pick(blocked)!] : someSeats(inv, cabin, 1);
      return { type: "UnblockSeats", seats };
    }
    const seats = live ? someSeats(inv, live.cabin, live.count) : ["1A"];
    return {
      type: "ChangeSeats",
      holdId: live?.id ?? "nope",
      owner: live?.owner ?? owner,
      seats,
      exitRowEligible: eligible,
    };
  };
}

/** Asserts the invariants that must hold after every step. */
function checkInvariants(inv: Inventory, eventsApplied: number, overbooked: boolean) {
  const { state } = inv;
  assert.equal(state.seq, eventsApplied, "seq counts every event applied");
  const owners = new Map<string, string>();
  const claim = (seat: string, who: string, cabin: CabinCode) => {
    assert.ok(!owners.has(seat), `${seat} belongs to ${owners.get(seat)} and ${who}`);
    owners.set(seat, who);
    const s = inv.seatById.get(seat);
    assert.ok(s && s.cabin === cabin && !s.blocked, `${who} has ${seat}`);
    assert.ok(!state.blocked.includes(seat), `${who} has blocked seat ${seat}`);
  };
  for (const h of Object.values(state.holds)) {
    h.seats.forEach((id) => claim(id, `hold ${h.id}`, h.cabin));
    assert.ok(overbooked ? h.seats.length <= h.count : h.seats.length === h.count, `hold ${h.id}`);
  }
  for (const s of Object.values(state.sales)) {
    s.seats.forEach((id) => claim(id, `sale ${s.bookingId}`, s.cabin));
    assert.ok(
      overbooked ? s.seats.length <= s.count : s.seats.length === s.count,
      `sale ${s.bookingId}`,
    );
    assert.ok(s.count > 0);
  }
  const rebuilt = indexInventory(state);
  for (const c of state.cabins) {
    const counted = [...Object.values(state.holds), ...Object.values(state.sales)]
      .filter((x) => x.cabin === c.code)
      .reduce((n, x) => n + x.count, 0);
    assert.ok(counted <= c.authorized, `${c.code} oversold`);
    assert.equal(seatsInUse(inv, c.code), counted, `${c.code} in-use counter drifted`);
  }
  const sorted = (m: ReadonlyMap<string, unknown>) => [...m].sort(([a], [b]) => a < b ? -1 : 1);
  assert.deepEqual(sorted(inv.taken), sorted(rebuilt.taken), "the index matches the state");
  assert.deepEqual(sorted(inv.saleByHold), sorted(rebuilt.saleByHold), "sale-by-hold drifted");
  // The running per-cabin counts (what the ops board reads every commit) match a recount.
  assert.deepEqual(cabinCounters(inv), cabinCounters(rebuilt), "cabin counters drifted");
  // Automatic seating starts at the free-seat marks: no free seat may lie before them.
  for (const [cabin, list] of inv.byCabin) {
    const from = inv.freeFrom.get(cabin)!;
    const firstFree = list.findIndex((seat) => !inv.taken.has(seat.id));
    const firstEdge = list.findIndex((seat) => !seat.middle && !inv.taken.has(seat.id));
    assert.ok(
      firstFree === -1 || from.any <= firstFree,
      `${cabin} free-seat mark passed a free seat`,
    );
    assert.ok(firstEdge === -1 || from.edge <= firstEdge, `${cabin} edge mark passed a free seat`);
  }
}

Deno.test("inventory: the invariant check notices a seat in two holds, a stale index and a wrong seq", () => {
  const inv = given(fresh("B789"), [hold("h1", ["31A"])]);
  const h1 = inv.state.holds.h1;
  const twice = evolve(inv, {
    type: "SeatsHeld",
    ...h1,
    holdId: "h2",
    together: true,
    at: h1.createdAt,
  });
  assert.throws(() => checkInvariants(twice, 2, false), /31A belongs to hold h1 and hold h2/);
  assert.throws(() => checkInvariants({ ...inv, taken: new Map() }, 1, false), /index matches/);
  assert.throws(() => checkInvariants(inv, 2, false), /seq counts/);
  const drifted = { ...inv, held: new Map([["Y" as const, 5]]) };
  assert.throws(() => checkInvariants(drifted, 1, false), /cabin counters drifted/);
  checkInvariants(inv, 1, false);
});

// [seed, seats each cabin may sell beyond its capacity]
const runs: [number, number][] = [[20300115, 0], [7, 0], [42, 3]];
const COMMAND_TYPES = [
  "HoldSeats",
  "ReleaseHold",
  "ConfirmHold",
  "CancelSeats",
  "ExpireHold",
  "BlockSeats",
  "UnblockSeats",
  "ChangeSeats",
];

for (const [seed, extra] of runs) {
  Deno.test(`inventory: 2,000 random commands on a 787-9 (seed ${seed}, overbooking ${extra}) keep every invariant`, () => {
    const rand = mulberry32(seed);
    const next = commandMaker(rand);
    let inv = fresh("B789", { overbooking: { J: extra, W: extra, Y: extra } });
    let now = NOW;
    let events = 0;
    let seatless = 0;
    const accepted = new Map<string, number>();
    const reasons = new Set<string>();
    for (let step = 0; step < 2_000; step++) {
      now += Math.floor(rand() * 90_000);
      const cmd = next(inv, now);
      const decision = decide(inv, cmd, now);
      const context = `step ${step}: ${JSON.stringify(cmd)} -> ${JSON.stringify(decision)}`;
      if (!decision.ok) {
        reasons.add(decision.reason);
      } else {
        for (const e of decision.events) inv = evolve(inv, e);
        events += decision.events.length;
        if (decision.events.length) accepted.set(cmd.type, (accepted.get(cmd.type) ?? 0) + 1);
        const e = decision.events[0];
        if (e?.type === "SeatsHeld" && e.seats.length < e.count) seatless++;
      }
      try {
        checkInvariants(inv, events, extra > 0);
      } catch (e) {
        throw new Error(`${context}\n${(e as Error).message}`);
      }
    }
    // The mix must have exercised every command and many refusals, or it proves little.
    for (const type of COMMAND_TYPES) {
      assert.ok(
        (accepted.get(type) ?? 0) >= 20,
        `only ${accepted.get(type) ?? 0} ${type} accepted`,
      );
    }
    assert.ok(reasons.size >= 12, `only ${[...reasons]} refused`);
    if (extra > 0) assert.ok(seatless > 0, "no hold was sold beyond the physical seats");
  });
}
