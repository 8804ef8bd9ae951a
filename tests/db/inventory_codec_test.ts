import assert from "node:assert/strict";
import { serialize } from "node:v8";
import { packInventory, unpackInventory } from "../../db/inventory_codec.ts";
import { flightInventoryKey } from "../../db/kv_keys.ts";
import { confirm, fresh, given, hold } from "../domain/inventory/support.ts";

// The worst case the issue names: a full 777-300ER (378 seats), 100 open holds of 1-3
// economy seats and every other seat sold to its own booking, every id and owner a uuid.
function fullWidebody() {
  let inv = fresh("B77W");
  const economy = inv.seatList.filter((s) => s.cabin === "Y").map((s) => s.id);
  let next = 0;
  for (let i = 0; i < 100; i++) {
    const seats = economy.slice(next, next += 1 + (i % 3));
    const cmd = hold(crypto.randomUUID(), seats, {
      owner: crypto.randomUUID(),
      exitRowEligible: true,
    });
    inv = given(inv, [cmd]);
  }
  for (const seat of inv.seatList.filter((s) => !inv.taken.has(s.id))) {
    const [id, owner] = [crypto.randomUUID(), crypto.randomUUID()];
    inv = given(inv, [
      hold(id, [seat.id], { owner, cabin: seat.cabin, exitRowEligible: true }),
      confirm(id, crypto.randomUUID(), owner),
    ]);
  }
  assert.equal(inv.taken.size, 378);
  assert.equal(Object.keys(inv.state.holds).length, 100);
  return inv.state;
}

Deno.test("inventory codec: a full widebody with 100 open holds packs under 48 KiB", async () => {
  const state = fullWidebody();
  const packed = packInventory(state);
  const bytes = serialize(packed).length;
  const unpackedBytes = serialize(state).length;
  assert.ok(bytes < 48 * 1024, `packed state is ${bytes} bytes (unpacked ${unpackedBytes})`);
  const kv = await Deno.openKv(":memory:");
  try {
    const result = await kv.set(flightInventoryKey(state.flightId), packed);
    assert.ok(result.ok);
  } finally {
    kv.close();
  }
});

Deno.test("inventory codec: unpack(pack(state)) is the same state", () => {
  const state = fullWidebody();
  assert.deepEqual(unpackInventory(packInventory(state)), state);
  const empty = fresh("A20N").state;
  assert.deepEqual(unpackInventory(packInventory(empty)), empty);
});

/** Tail entries stored for a flight, by seq. */
async function tailSeqs(kv: Deno.Kv, flightId: string): Promise<number[]> {
  const seqs: number[] = [];
  for await (const e of kv.list({ prefix: ["invt", flightId] })) seqs.push(e.key[2] as number);
  return seqs;
}

Deno.test("inventory storage: a full 1,000-seat flight is a snapshot plus a tail of events", async () => {
  const { createInventoryState } = await import("../../domain/inventory/create.ts");
  const { ActorRegistry } = await import("../../actors/registry.ts");
  const { getInventory } = await import("../../db/inventory_kv.ts");
  const { SNAPSHOT_EVERY } = await import("../../db/inventory_snapshots.ts");
  const { manualClock } = await import("../../domain/clock.ts");
  const { createLogger } = await import("../../platform/log.ts");
  const { economyLayout } = await import("../support/inventory.ts");
  const layout = economyLayout(100, "ABC|DEFG|HJK");
  const kv = await Deno.openKv(":memory:");
  const state = (flightId: string) =>
    createInventoryState({
      flightId,
      departureAt: Date.parse("2031-02-01T00:00:00Z"),
      currency: "USD",
      layout,
      baseFares: { Y: 40_000 },
    });
  const registry = new ActorRegistry({
    kv,
    clock: manualClock("2031-01-01T00:00:00Z"),
    log: createLogger({ level: "error" }),
    source: (flightId) => Promise.resolve(state(flightId)),
  });
  const header = async (id: string) =>
    (await kv.get<{ v: number; seq: number; snapshot: { seq: number; chunks: number } }>(
      flightInventoryKey(id),
    )).value!;
  try {
    const results = await Promise.all(
      Array.from({ length: 1000 }, () =>
        registry.send("big", {
          type: "HoldSeats",
          holdId: crypto.randomUUID(),
          owner: crypto.randomUUID(),
          cabin: "Y",
          count: 1,
        })),
    );
    assert.equal(results.filter((r) => r.ok).length, 1000);
    const stored = (await getInventory(kv, "big"))!;
    assert.equal(Object.keys(stored.state.holds).length, 1000);
    assert.deepEqual(stored.state, await registry.read("big"));
    // Commits wrote their events, and a snapshot only every SNAPSHOT_EVERY events.
    const h = await header("big");
    assert.equal(h.v, 3);
    assert.ok(h.seq - h.snapshot.seq < SNAPSHOT_EVERY + 200, "a snapshot was due and skipped");
    assert.ok(h.snapshot.seq > 0 && h.snapshot.seq < h.seq, "the state is not all snapshot");
    const tail = Array.from({ length: h.seq - h.snapshot.seq }, (_, i) => h.snapshot.seq + 1 + i);
    // Older entries are dropped after the snapshot's commit, not in it.
    for (let i = 0; i < 100 && (await tailSeqs(kv, "big")).length !== tail.length; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual(await tailSeqs(kv, "big"), tail, "the tail is the events after the snapshot");
    // A state larger than one KV value is split across chunks.
    const held = Object.values(stored.state.holds).slice(0, 950);
    await Promise.all(
      held.map((x) => registry.send("big", { type: "ReleaseHold", holdId: x.id, owner: x.owner })),
    );
    assert.equal(Object.keys((await getInventory(kv, "big"))!.state.holds).length, 50);

    // A state stored whole in the older form is read, and moved to the new form by its next
    // commit.
    const legacy = state("old");
    await kv.set(flightInventoryKey("old"), packInventory(legacy));
    assert.deepEqual((await getInventory(kv, "old"))!.state, legacy);
    const hold = await registry.send("old", {
      type: "HoldSeats",
      holdId: "h1",
      owner: "u",
      cabin: "Y",
      count: 2,
    });
    assert.ok(hold.ok);
    assert.equal((await header("old")).v, 3);
    assert.deepEqual((await getInventory(kv, "old"))!.state.holds.h1.seats, hold.hold!.seats);
  } finally {
    await registry.close();
    kv.close();
  }
});
