import assert from "node:assert/strict";
import { systemClock } from "../../platform/clock.ts";
import { type ActorRegistry, ownerOf } from "../../actors/registry.ts";
import type { CommandResult } from "../../actors/flight_actor.ts";
import { getInventory } from "../../db/inventory_kv.ts";
import { IsolateMesh } from "../../platform/isolates.ts";
import { testOnEachBackend } from "../support/db.ts";
import { insertFlight, testRegistry } from "../support/inventory.ts";
import type { Database } from "../../db/postgres.ts";

/** Two "isolates": two KV handles on one file, two registries, linked like main.ts links them. */
async function twoIsolates(db: Database, linked = true, maxBatch?: number) {
  const dir = await Deno.makeTempDir();
  const kvs = [await Deno.openKv(`${dir}/kv.sqlite3`), await Deno.openKv(`${dir}/kv.sqlite3`)];
  let commits = [0, 0];
  const registries = kvs.map((kv, i) =>
    testRegistry(kv, db.sql, systemClock, { onCommit: () => commits[i]++, maxBatch })
  ) as [ActorRegistry, ActorRegistry];
  const channel = new MessageChannel();
  const meshes = [
    new IsolateMesh(0, 2, new Map([[1, channel.port1]])),
    new IsolateMesh(1, 2, new Map([[0, channel.port2]])),
  ];
  if (linked) registries.forEach((r, i) => r.route(meshes[i]));
  return {
    registries,
    meshes,
    kv: kvs[0],
    commits: () => commits,
    resetCommits: () => commits = [0, 0],
    async close() {
      for (const r of registries) await r.close();
      meshes.forEach((m) => m.close());
      kvs.forEach((kv) => kv.close());
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** 600 single-seat holds on one 150-seat flight, every other one sent to the other isolate. */
async function rush(registries: ActorRegistry[], flightId: string): Promise<CommandResult[]> {
  return await Promise.all(
    Array.from({ length: 600 }, (_, i) =>
      registries[i % registries.length].send(flightId, {
        type: "HoldSeats",
        holdId: `h${i}`,
        owner: `u${i}`,
        cabin: "Y",
        count: 1,
      })),
  );
}

function assertSoldOnce(state: { holds: Record<string, { seats: string[] }> }) {
  const seats = Object.values(state.holds).flatMap((h) => h.seats);
  assert.equal(seats.length, 150);
  assert.equal(new Set(seats).size, 150, "a seat is held twice");
}

testOnEachBackend(
  "isolates: a hot flight's commands sent to two isolates run in its owner's actor; none oversold",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const iso = await twoIsolates(db);
    try {
      const results = await rush(iso.registries, flightId);
      assert.equal(results.filter((r) => r.ok).length, 150);
      assertSoldOnce((await getInventory(iso.kv, flightId))!.state);
      // Only the owner's actor committed: no versionstamp race between the two.
      const owner = ownerOf(flightId, 2);
      assert.equal(iso.commits()[1 - owner], 0);
      assert.ok(iso.commits()[owner] > 0);
      // The other isolate's copy reads the owner's commits, not a stale state.
      const other = iso.registries[1 - owner];
      assert.equal(Object.keys((await other.read(flightId)).holds).length, 150);
    } finally {
      await iso.close();
    }
  },
);

testOnEachBackend(
  "isolates: without routing both isolates race the flight's versionstamp, and it stays exact",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    // Small batches: many commits, each checked against what the other isolate wrote.
    const iso = await twoIsolates(db, false, 10);
    try {
      const results = await rush(iso.registries, flightId);
      assert.equal(results.filter((r) => r.ok).length, 150);
      assertSoldOnce((await getInventory(iso.kv, flightId))!.state);
    } finally {
      await iso.close();
    }
  },
);

testOnEachBackend(
  "isolates: an owner that stopped serving leaves its flights to the caller, still exact",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const iso = await twoIsolates(db);
    try {
      const owner = ownerOf(flightId, 2);
      iso.meshes[owner].stopServing();
      const results = await rush([iso.registries[1 - owner]], flightId);
      assert.equal(results.filter((r) => r.ok).length, 150);
      assert.equal(iso.commits()[owner], 0, "the stopped owner ran nothing");
      assertSoldOnce((await getInventory(iso.kv, flightId))!.state);
    } finally {
      await iso.close();
    }
  },
);
