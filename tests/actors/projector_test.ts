import assert from "node:assert/strict";
import { manualClock } from "../../domain/clock.ts";
import { pnrFromBytes } from "../../domain/booking.ts";
import { ProjectionTimeout, Projector } from "../../actors/projector.ts";
import { insertHeldBooking } from "../../db/bookings_repo.ts";
import { createLogger } from "../../platform/log.ts";
import { runNoticeBatch } from "../../workers/notice_worker.ts";
import { testOnEachBackend } from "../support/db.ts";
import { insertFlight, testRegistry } from "../support/inventory.ts";

const T0 = "2031-05-01T10:00:00Z";
/** Nearly every seat of the 150-seat test aircraft. */
const HOLDS = 140;

testOnEachBackend(
  "projector: an expiry storm ends each held booking once and queues one notice each, produced once",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const kv = await Deno.openKv(":memory:");
    const clock = manualClock(T0);
    const registry = testRegistry(kv, db.sql, clock, { holdTtlMs: 60_000 });
    const projector = new Projector({ kv, sql: db.sql });
    try {
      const [user] = await db.sql`
        INSERT INTO users (email, name, role) VALUES ('storm@example.test', 'Storm', 'passenger')
        RETURNING id`;
      await Promise.all(Array.from({ length: HOLDS }, async (_, i) => {
        const held = await registry.send(flightId, {
          type: "HoldSeats",
          holdId: `h${i}`,
          owner: user.id,
          cabin: "Y",
          count: 1,
        });
        assert.ok(held.ok);
        assert.ok(
          await insertHeldBooking(db.sql, {
            id: crypto.randomUUID(),
            pnr: pnrFromBytes(crypto.getRandomValues(new Uint8Array(6))),
            userId: user.id,
            segments: [{
              flightId,
              cabin: "Y",
              holdId: `h${i}`,
              seats: held.hold!.seats,
              unitPrice: held.hold!.unitPrice,
            }],
            total: held.hold!.unitPrice,
            currency: "USD",
            expiresAt: new Date(held.hold!.expiresAt),
            passengers: [{ firstName: "Storm", lastName: `P${i}` }],
          }),
        );
      }));
      clock.advance(61_000);
      assert.equal(await registry.sweepExpiredHolds(), HOLDS);
      const head = (await registry.read(flightId)).seq;
      await projector.reach(flightId, head);
      // At-least-once delivery: the same projection asked for again changes nothing.
      assert.equal((await projector.project(flightId)).applied, 0);
      const [{ expired }] = await db.sql`
        SELECT count(*)::int AS expired FROM bookings WHERE status = 'expired'`;
      assert.equal(expired, HOLDS);
      const [{ queued }] = await db.sql`
        SELECT count(*)::int AS queued FROM notice_outbox WHERE topic = 'hold_expired'`;
      assert.equal(queued, HOLDS);

      // Two workers (two isolates, or two processes) drain the backlog in bounded batches
      // side by side: every notice goes out exactly once.
      const notifier = { sql: db.sql, kv, log: createLogger({ level: "error" }), clock };
      const worker = async () => {
        while (await runNoticeBatch({ notifier, clock, log: notifier.log }, { batch: 40 }) > 0);
      };
      await Promise.all([worker(), worker()]);
      const [{ told, distinct }] = await db.sql`
        SELECT count(*)::int AS told, count(DISTINCT dedupe_key)::int AS distinct
        FROM notifications WHERE kind = 'hold_expired'`;
      assert.deepEqual([told, distinct], [HOLDS, HOLDS]);
      const [{ left }] = await db.sql`SELECT count(*)::int AS left FROM notice_outbox`;
      assert.equal(left, 0);
    } finally {
      await registry.close();
      kv.close();
    }
  },
);

testOnEachBackend(
  "projector: a use case waiting past its bound gets ProjectionTimeout, not a hang",
  async (db) => {
    const flightId = await insertFlight(db.sql);
    const kv = await Deno.openKv(":memory:");
    const registry = testRegistry(kv, db.sql, manualClock(T0));
    const projector = new Projector({ kv, sql: db.sql });
    try {
      const held = await registry.send(flightId, {
        type: "HoldSeats",
        holdId: "h1",
        owner: "u",
        cabin: "Y",
        count: 1,
      });
      assert.ok(held.ok);
      // Another projector holds the flight's projection row: this one cannot get through.
      let release = () => {};
      const released = new Promise<void>((r) => release = r);
      let locked = () => {};
      const isLocked = new Promise<void>((r) => locked = r);
      await db.sql`INSERT INTO inventory_projection (flight_id) VALUES (${flightId})`;
      const blocker = db.sql.begin(async (tx) => {
        await tx`SELECT 1 FROM inventory_projection WHERE flight_id = ${flightId} FOR UPDATE`;
        locked();
        await released;
      });
      await isLocked;
      const waited = projector.reach(flightId, held.seq, 300);
      await assert.rejects(waited, ProjectionTimeout);
      release();
      await blocker;
      await projector.reach(flightId, held.seq);
    } finally {
      await registry.close();
      kv.close();
    }
  },
);
