/**
 * Holds per second on ONE hot flight: through the actor (group commit: one KV atomic per
 * drained batch) against a baseline in the same process that commits every command on its
 * own (read, decide, check + set). Both write the same things per hold: state, event log,
 * event head, expiry index, delayed expiry message, outbox mark and message.
 */
import { manualClock } from "../domain/clock.ts";
import { createInventoryState } from "../domain/inventory/create.ts";
import { decide } from "../domain/inventory/decide.ts";
import { evolve } from "../domain/inventory/evolve.ts";
import { indexInventory } from "../domain/inventory/state.ts";
import type { InventoryCommand } from "../domain/inventory/commands.ts";
import { DEMO_AIRCRAFT_TYPES } from "../db/demo/aircraft_types.ts";
import {
  commitInventory,
  createInventory,
  getInventory,
  type LoggedEvent,
} from "../db/inventory_kv.ts";
import { ActorRegistry } from "../actors/registry.ts";
import { createLogger } from "../platform/log.ts";

const ROUNDS = 12;
const layout = DEMO_AIRCRAFT_TYPES.find((t) => t.code === "B77W")!.layout;
const clock = manualClock("2031-01-01T00:00:00Z");
const setup = (flightId: string) =>
  createInventoryState({
    flightId,
    departureAt: Date.parse("2031-03-01T00:00:00Z"),
    currency: "USD",
    layout,
    baseFares: { F: 900_000, J: 300_000, W: 120_000, Y: 40_000 },
  });
const sellable = indexInventory(setup("x")).seatList.filter((s) => !s.blocked);
const capacity = sellable.length;
// One single-seat hold per sellable seat, in every cabin, seats assigned by the actor.
const commands = (): InventoryCommand[] =>
  sellable.map((seat, i) => ({
    type: "HoldSeats",
    holdId: `h${i}`,
    owner: `u${i}`,
    cabin: seat.cabin,
    count: 1,
    exitRowEligible: true,
  }));

async function viaActor(kv: Deno.Kv, round: number): Promise<number> {
  const registry = new ActorRegistry({
    kv,
    clock,
    log: createLogger({ level: "error" }),
    source: (id) => Promise.resolve(setup(id)),
  });
  const flightId = `actor-${round}`;
  await registry.read(flightId);
  const results = await Promise.all(commands().map((c) => registry.send(flightId, c)));
  return results.filter((r) => r.ok).length;
}

async function perCommand(kv: Deno.Kv, round: number): Promise<number> {
  const flightId = `single-${round}`;
  await createInventory(kv, setup(flightId));
  let ok = 0;
  for (const cmd of commands()) {
    const stored = (await getInventory(kv, flightId))!;
    let inv = indexInventory(stored.state);
    const now = clock.now().getTime();
    const decision = decide(inv, cmd, now);
    if (!decision.ok) continue;
    const events: LoggedEvent[] = [];
    const expiries = [];
    for (const event of decision.events) {
      if (event.type === "SeatsHeld") {
        expiries.push({ op: "add" as const, holdId: event.holdId, expiresAt: event.expiresAt });
      }
      inv = evolve(inv, event);
      events.push({ seq: inv.state.seq, at: now, event });
    }
    const committed = await commitInventory(kv, {
      state: inv.state,
      base: stored,
      events,
      expiries,
      now,
    });
    if (committed) ok++;
  }
  return ok;
}

async function measure(kv: Deno.Kv, run: (kv: Deno.Kv, round: number) => Promise<number>) {
  await run(kv, -1); // warm-up
  let holds = 0;
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++) holds += await run(kv, r);
  const seconds = (performance.now() - started) / 1000;
  return { holds, seconds, perSecond: holds / seconds };
}

const rows: string[][] = [];
for (const [label, path] of [["in-memory KV", ":memory:"], ["SQLite file KV", "file"]] as const) {
  const dir = path === "file" ? await Deno.makeTempDir() : undefined;
  const kv = await Deno.openKv(dir ? `${dir}/kv.sqlite3` : ":memory:");
  const baseline = await measure(kv, perCommand);
  const actor = await measure(kv, viaActor);
  kv.close();
  if (dir) await Deno.remove(dir, { recursive: true });
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  rows.push([
    label,
    fmt(baseline.perSecond),
    fmt(actor.perSecond),
    `${(actor.perSecond / baseline.perSecond).toFixed(1)}×`,
  ]);
}

console.log(`\nHolds per second on one hot flight (${capacity} seats, ${ROUNDS} rounds each)\n`);
console.log("| KV | per-command commit (baseline) | actor, group commit | ratio |");
console.log("| --- | ---: | ---: | ---: |");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
