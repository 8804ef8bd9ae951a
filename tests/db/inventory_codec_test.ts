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
