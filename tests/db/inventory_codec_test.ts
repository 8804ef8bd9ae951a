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

Deno.test("inventory codec: a 1,000-seat flight with every seat held is chunked across values", async () => {
  const { createInventoryState } = await import("../../domain/inventory/create.ts");
  const { ActorRegistry } = await import("../../actors/registry.ts");
  const { getInventory } = await import("../../db/inventory_kv.ts");
  const { manualClock } = await import("../../domain/clock.ts");
  const { createLogger } = await import("../../services/log.ts");
  const { economyLayout } = await import("../support/inventory.ts");
  const layout = economyLayout(100, "ABC|DEFG|HJK");
  const kv = await Deno.openKv(":memory:");
  const registry = new ActorRegistry({
    kv,
    clock: manualClock("2031-01-01T00:00:00Z"),
    log: createLogger({ level: "error" }),
    source: (flightId) =>
      Promise.resolve(
        createInventoryState({
          flightId,
          departureAt: Date.parse("2031-02-01T00:00:00Z"),
          currency: "USD",
          layout,
          baseFares: { Y: 40_000 },
        }),
      ),
  });
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
    const header = await kv.get<{ v: number; chunks: number }>(flightInventoryKey("big"));
    assert.equal(header.value!.v, 2);
    assert.ok(header.value!.chunks >= 2);
    // Releasing most holds shrinks the state back into one value; old chunks are removed.
    const held = Object.values(stored.state.holds).slice(0, 950);
    await Promise.all(
      held.map((h) => registry.send("big", { type: "ReleaseHold", holdId: h.id, owner: h.owner })),
    );
    assert.equal((await kv.get<{ v: number }>(flightInventoryKey("big"))).value!.v, 1);
    let chunks = 0;
    for await (const _ of kv.list({ prefix: ["invc", "big"] })) chunks++;
    assert.equal(chunks, 0);
    assert.equal(Object.keys((await getInventory(kv, "big"))!.state.holds).length, 50);
  } finally {
    await registry.close();
    kv.close();
  }
});
