import assert from "node:assert/strict";
import { manualClock } from "../../domain/clock.ts";
import type { InventoryState } from "../../domain/inventory/state.ts";
import type { InventoryCommand } from "../../domain/inventory/commands.ts";
import { projectFlight, reconcileFlight } from "../../actors/projector.ts";
import { getInventory } from "../../db/inventory_kv.ts";
import { testOnEachBackend } from "../support/db.ts";
import { insertFlight, testRegistry } from "../support/inventory.ts";
import { createLogger } from "../../platform/log.ts";
import { appMetrics } from "../../platform/app_metrics.ts";
import type { Counter } from "../../platform/metrics.ts";

const T0 = "2031-05-01T10:00:00Z";

function assertNoSeatTwice(state: InventoryState) {
  const seen = new Map<string, string>();
  const take = (seat: string, by: string) => {
    assert.ok(!seen.has(seat), `seat ${seat} taken by ${seen.get(seat)} and ${by}`);
    seen.set(seat, by);
  };
  for (const h of Object.values(state.holds)) h.seats.forEach((s) => take(s, `hold ${h.id}`));
  for (const s of Object.values(state.sales)) {
    s.seats.forEach((x) => take(x, `sale ${s.bookingId}`));
  }
  return seen.size;
}

testOnEachBackend(
  "actor: 2,000 concurrent single-seat holds on 150 seats → exactly 150",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const kv = await Deno.openKv(":memory:");
    let commits = 0;
    const registry = testRegistry(kv, db.sql, manualClock(T0), { onCommit: () => commits++ });
    try {
      const seats = Array.from({ length: 25 }, (_, r) => [..."ABCDEF"].map((l) => `${r + 1}${l}`))
        .flat();
      const results = await Promise.all(
        Array.from({ length: 2000 }, (_, i) =>
          registry.send(flightId, {
            type: "HoldSeats",
            holdId: `h${i}`,
            owner: `user-${i}`,
            cabin: "Y",
            // Half ask for a named seat (many collide), half for any seat.
            ...(i % 2 ? { seats: [seats[(i * 7) % seats.length]] } : { count: 1 }),
          })),
      );
      const won = results.filter((r) => r.ok);
      assert.equal(won.length, 150);
      const refused = results.filter((r) => !r.ok).map((r) => !r.ok && r.reason);
      assert.deepEqual([...new Set(refused)].sort(), ["not_enough_seats", "seat_taken"]);
      const stored = await getInventory(kv, flightId);
      assert.equal(assertNoSeatTwice(stored!.state), 150);
      assert.ok(commits < 50, `group commit expected, got ${commits} commits for 2000 commands`);
      await projectFlight(kv, db.sql, flightId);
      assert.deepEqual((await reconcileFlight(kv, db.sql, flightId)).drift, []);
    } finally {
      await registry.close();
      kv.close();
    }
  },
);

testOnEachBackend(
  "actor: reading a flight writes nothing to KV; two instances' first writes race cleanly",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const kv = await Deno.openKv(":memory:");
    const clock = manualClock(T0);
    const [a, b] = [testRegistry(kv, db.sql, clock), testRegistry(kv, db.sql, clock)];
    try {
      // Both instances read the flight (a search, a seat map): nothing is written.
      assert.equal((await a.inventory(flightId)).state.seq, 0);
      assert.equal((await b.inventory(flightId)).state.seq, 0);
      const keys = [];
      for await (const e of kv.list({ prefix: [] })) keys.push(e.key);
      assert.deepEqual(keys, [], "a read left KV empty");
      assert.deepEqual((await reconcileFlight(kv, db.sql, flightId)).drift, []);
      // Both then hold the same seat from their unwritten state: exactly one wins.
      const hold = (holdId: string): InventoryCommand => ({
        type: "HoldSeats",
        holdId,
        owner: holdId,
        cabin: "Y",
        seats: ["1A"],
      });
      const [ra, rb] = await Promise.all([
        a.send(flightId, hold("ha")),
        b.send(flightId, hold("hb")),
      ]);
      assert.equal([ra, rb].filter((r) => r.ok).length, 1);
      const stored = (await getInventory(kv, flightId))!.state;
      assert.equal(Object.keys(stored.holds).length, 1);
      assert.equal(stored.seq, 1);
    } finally {
      await a.close();
      await b.close();
      kv.close();
    }
  },
);

testOnEachBackend("actor: two instances sharing one KV never sell a seat twice", async (db) => {
  const flightId = await insertFlight(db.sql);
  const dir = await Deno.makeTempDir();
  const [kvA, kvB] = [
    await Deno.openKv(`${dir}/kv.sqlite3`),
    await Deno.openKv(`${dir}/kv.sqlite3`),
  ];
  const clock = manualClock(T0);
  const reloads: string[] = [];
  const log = createLogger({ level: "debug", sink: (line) => reloads.push(line) });
  const [a, b] = [
    testRegistry(kvA, db.sql, clock, { log }),
    testRegistry(kvB, db.sql, clock, { log }),
  ];
  const conflicts = () =>
    (appMetrics.get("contrail_kv_commit_conflicts_total") as Counter).labels("inventory").value;
  const conflictsBefore = conflicts();
  try {
    // Both instances load the flight; B's write leaves A's cached versionstamp stale.
    const warm = { type: "HoldSeats", owner: "warm", cabin: "Y", count: 1 } as const;
    assert.ok((await a.send(flightId, { ...warm, holdId: "wa" })).ok);
    assert.ok((await b.send(flightId, { ...warm, holdId: "wb" })).ok);
    const results = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        (i % 2 ? a : b).send(flightId, {
          type: "HoldSeats",
          holdId: `h${i}`,
          owner: `u${i}`,
          cabin: "Y",
          count: 1 + (i % 2),
        })),
    );
    const held = results.filter((r) => r.ok).reduce((n, r) => n + (r.ok ? r.hold!.count : 0), 0);
    assert.equal(held, 148);
    const state = (await getInventory(kvA, flightId))!.state;
    assert.equal(assertNoSeatTwice(state), 150);
    // Every acknowledged hold is in the final state: no lost update between instances.
    for (const r of results) if (r.ok) assert.ok(state.holds[r.hold!.id], `lost ${r.hold!.id}`);
    // The versionstamp check really fenced the instances: some batches were decided again.
    assert.ok(
      reloads.some((l) => l.includes("inventory check failed")),
      "no write conflict happened",
    );
    // Each refused check is counted once in the metrics.
    const refused = reloads.filter((l) => l.includes("inventory check failed")).length;
    assert.equal(conflicts() - conflictsBefore, refused);
  } finally {
    await a.close();
    await b.close();
    kvA.close();
    kvB.close();
    await Deno.remove(dir, { recursive: true });
  }
});

testOnEachBackend(
  "actor: unconfirmed holds expire, their seats sell again, late confirms fail",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const kv = await Deno.openKv(":memory:");
    const clock = manualClock(T0);
    const registry = testRegistry(kv, db.sql, clock, { holdTtlMs: 60_000 });
    try {
      const held = await registry.send(flightId, {
        type: "HoldSeats",
        holdId: "h1",
        owner: "u1",
        cabin: "Y",
        seats: ["1A"],
      });
      assert.ok(held.ok);
      assert.equal(held.hold!.expiresAt, Date.parse(T0) + 60_000);
      clock.advance(59_999);
      assert.equal(await registry.sweepExpiredHolds(), 0);
      clock.advance(1);
      assert.equal(await registry.sweepExpiredHolds(), 1);
      const late = await registry.send(flightId, {
        type: "ConfirmHold",
        holdId: "h1",
        owner: "u1",
        bookingId: "b1",
      });
      assert.deepEqual(late.ok ? "ok" : late.reason, "hold_not_found");
      const again = await registry.send(flightId, {
        type: "HoldSeats",
        holdId: "h2",
        owner: "u2",
        cabin: "Y",
        seats: ["1A"],
      });
      assert.ok(again.ok);
      clock.advance(60_000);
      const expired = await registry.send(flightId, {
        type: "ConfirmHold",
        holdId: "h2",
        owner: "u2",
        bookingId: "b2",
      });
      assert.deepEqual(expired.ok ? "ok" : expired.reason, "hold_expired");
      assert.equal(await registry.sweepExpiredHolds(), 1);
      assert.equal(await registry.sweepExpiredHolds(), 0, "the index is cleaned as holds end");
    } finally {
      await registry.close();
      kv.close();
    }
  },
);

testOnEachBackend(
  "actor: Postgres converges to KV and an empty KV is rebuilt from it",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const kv = await Deno.openKv(":memory:");
    const clock = manualClock(T0);
    const registry = testRegistry(kv, db.sql, clock);
    try {
      const send = (cmd: Parameters<typeof registry.send>[1]) => registry.send(flightId, cmd);
      assert.ok(
        (await send({ type: "HoldSeats", holdId: "h1", owner: "u1", cabin: "Y", count: 3 })).ok,
      );
      assert.ok(
        (await send({
          type: "HoldSeats",
          holdId: "h2",
          owner: "u2",
          cabin: "Y",
          seats: ["9A", "9B"],
        })).ok,
      );
      assert.ok(
        (await send({ type: "ConfirmHold", holdId: "h1", owner: "u1", bookingId: "b1" })).ok,
      );
      assert.ok((await send({ type: "CancelSeats", bookingId: "b1", seats: [] })).ok === false);
      assert.ok((await send({ type: "BlockSeats", seats: ["25F"], reason: "broken recline" })).ok);
      assert.ok(
        (await send({ type: "ChangeSeats", holdId: "h2", owner: "u2", seats: ["10A", "10B"] })).ok,
      );
      const before = await reconcileFlight(kv, db.sql, flightId);
      assert.ok(before.drift.length > 0, "nothing projected yet");
      const projected = await projectFlight(kv, db.sql, flightId);
      assert.equal(projected.applied, 5);
      assert.equal((await projectFlight(kv, db.sql, flightId)).applied, 0, "replay is a no-op");
      const after = await reconcileFlight(kv, db.sql, flightId);
      assert.deepEqual(after.drift, []);
      assert.equal(after.postgresSeq, after.kvSeq);

      const fresh = await Deno.openKv(":memory:");
      const rebuilt = testRegistry(fresh, db.sql, clock);
      try {
        const state = await rebuilt.read(flightId);
        const original = (await getInventory(kv, flightId))!.state;
        assert.equal(state.seq, original.seq);
        assert.deepEqual(state.blocked, ["25F"]);
        assert.deepEqual(Object.keys(state.holds), ["h2"]);
        assert.deepEqual(state.holds.h2.seats, ["10A", "10B"]);
        assert.deepEqual(state.sales.b1.seats.sort(), original.sales.b1.seats.sort());
        const taken = await rebuilt.send(flightId, {
          type: "HoldSeats",
          holdId: "h3",
          owner: "u3",
          cabin: "Y",
          seats: ["10A"],
        });
        assert.deepEqual(taken.ok ? "ok" : taken.reason, "seat_taken");
      } finally {
        await rebuilt.close();
        fresh.close();
      }
    } finally {
      await registry.close();
      kv.close();
    }
  },
);

testOnEachBackend(
  "actor: a command sent the moment the previous answer arrives is not lost",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const kv = await Deno.openKv(":memory:");
    const registry = testRegistry(kv, db.sql, manualClock(T0));
    try {
      // Each send starts while the previous drain is finishing: the window where it once hung.
      for (let i = 0; i < 100; i++) {
        const rejected = await registry.send(flightId, {
          type: "ReleaseHold",
          holdId: `x${i}`,
          owner: "u",
        });
        assert.equal(rejected.ok, false);
        const held = await registry.send(flightId, {
          type: "HoldSeats",
          holdId: `h${i}`,
          owner: "u",
          cabin: "Y",
          count: 1,
        });
        assert.ok(held.ok);
      }
      assert.equal(Object.keys((await registry.read(flightId)).holds).length, 100);
    } finally {
      await registry.close();
      kv.close();
    }
  },
);

testOnEachBackend("actor: a delayed queue message expires a hold without any sweep", async (db) => {
  const { startQueueConsumer } = await import("../../actors/queue.ts");
  const { createLogger } = await import("../../platform/log.ts");
  const flightId = await insertFlight(db.sql);
  const kv = await Deno.openKv(":memory:");
  const { Projector } = await import("../../actors/projector.ts");
  const projector = new Projector({ kv, sql: db.sql });
  // As the app wires it: each commit is projected by the isolate that made it.
  const registry = testRegistry(kv, db.sql, { now: () => new Date() }, {
    holdTtlMs: 300,
    onCommit: (state) => void projector.project(state.flightId),
  });
  const listening = startQueueConsumer({
    kv,
    registry,
    projector,
    log: createLogger({ level: "error" }),
  });
  try {
    const held = await registry.send(flightId, {
      type: "HoldSeats",
      holdId: "h1",
      owner: "u1",
      cabin: "Y",
      count: 2,
    });
    assert.ok(held.ok);
    const deadline = Date.now() + 10_000;
    while (Object.keys((await registry.read(flightId)).holds).length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual((await registry.read(flightId)).holds, {});
    // The expiry's commit was projected: Postgres saw the hold expire.
    while (Date.now() < deadline) {
      const [row] = await db.sql`SELECT status FROM inventory_holds WHERE hold_id = 'h1'`;
      if (row?.status === "expired") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const [row] = await db.sql`SELECT status FROM inventory_holds WHERE hold_id = 'h1'`;
    assert.equal(row?.status, "expired");
  } finally {
    await registry.close();
    kv.close();
    await listening.done;
  }
});

testOnEachBackend(
  "actor: a batch too big for one KV atomic is split, every command answered",
  async (db) => {
    const flightId = await insertFlight(db.sql, { typeCode: "B77W" });
    const kv = await Deno.openKv(":memory:");
    const sizes: number[] = [];
    // One mailbox batch of 378 holds needs ~1,140 mutations, over KV's 1,000 per atomic.
    const registry = testRegistry(kv, db.sql, manualClock(T0), {
      maxBatch: 5000,
      onCommit: (_, events) => sizes.push(events.length),
    });
    try {
      const seats = (await registry.read(flightId)).layout.cabins.length;
      assert.equal(seats, 4);
      const results = await Promise.all(
        Array.from({ length: 378 }, (_, i) =>
          registry.send(flightId, {
            type: "HoldSeats",
            holdId: `h${i}`,
            owner: "u",
            cabin: (["F", "J", "W", "Y"] as const)[i < 6 ? 0 : i < 38 ? 1 : i < 78 ? 2 : 3],
            count: 1,
            exitRowEligible: true,
          })),
      );
      assert.equal(
        results.filter((r) => r.ok).length,
        378,
      );
      assert.ok(sizes.length >= 2, `expected a split, got commits of ${sizes}`);
      assert.ok(Math.max(...sizes) * 3 + 4 <= 1000, `a commit of ${Math.max(...sizes)} events`);
    } finally {
      await registry.close();
      kv.close();
    }
  },
);

testOnEachBackend("actor: idle actors are evicted and come back from KV unchanged", async (db) => {
  const flightId = await insertFlight(db.sql);
  const kv = await Deno.openKv(":memory:");
  const registry = testRegistry(kv, db.sql, manualClock(T0));
  try {
    assert.ok(
      (await registry.send(flightId, {
        type: "HoldSeats",
        holdId: "h1",
        owner: "u",
        cabin: "Y",
        count: 2,
      })).ok,
    );
    assert.equal(registry.size, 1);
    assert.equal(registry.evictIdle(performance.now()), 0, "a just-used actor stays");
    assert.equal(registry.evictIdle(performance.now() + 10 * 60_000), 1);
    assert.equal(registry.size, 0);
    const state = await registry.read(flightId);
    assert.deepEqual(state.holds.h1.count, 2);
    assert.equal(state.seq, 1);
  } finally {
    await registry.close();
    kv.close();
  }
});
