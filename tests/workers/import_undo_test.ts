import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { claimNextJob, runDueJobs, runJobBatch } from "../../workers/job_runner.ts";
import { stageFlightCsv } from "../../services/schedule/flight_csv_upload.ts";
import { importUndoSteps } from "../../services/schedule/import_undo.ts";
import { undoImport } from "../../services/schedule/import_actions.ts";
import type { Actor } from "../../services/actor.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import { adminDeps, undoDeps } from "../../routes/deps.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";

const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "fare_J,fare_Y,carrier";
const OPERATOR: Actor = { role: "operator", requestId: "undo-test" };

type App = Awaited<ReturnType<typeof testApp>>;

/** Imports flights ZZ 1..n (London to Paris, 1 June 2030) and returns the import's id. */
async function importFlights(t: App, n: number): Promise<string> {
  const rows = Array.from(
    { length: n },
    (_, i) => `${i + 1},LHR,CDG,2030-06-01T09:00,2030-06-01T11:20,A20N,90000,30000,ZZ`,
  );
  const form = new FormData();
  form.append("file", new File([[HEADER, ...rows].join("\n")], "zz.csv"));
  const req = new Request("http://test/", { method: "POST", body: form });
  const { jobId } = await stageFlightCsv({ sql: t.deps.db.sql, clock: t.clock, log: t.deps.log }, {
    body: req.body,
    contentType: req.headers.get("content-type") ?? undefined,
    maxBytes: 1 << 20,
  });
  await runDueJobs({ sql: t.deps.db.sql, log: t.deps.log, clock: t.clock });
  return jobId;
}

/** The runner's deps with undo jobs, over `registry` (the app's unless given). */
function runner(t: App, registry?: ActorRegistry) {
  const admin = { ...adminDeps(t.deps), clock: t.clock, ...(registry ? { registry } : {}) };
  return { sql: t.deps.db.sql, log: t.deps.log, clock: t.clock, steps: importUndoSteps(admin) };
}

/** The app's registry, but every send after the first `n` fails as a killed process would. */
function dyingAfter(registry: ActorRegistry, n: number): ActorRegistry {
  let sent = 0;
  return new Proxy(registry, {
    get(target, prop) {
      if (prop === "send") {
        return (...args: Parameters<ActorRegistry["send"]>) =>
          ++sent > n ? Promise.reject(new Error("killed")) : target.send(...args);
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function undoState(db: Database, id: string) {
  const [j] = await db.sql`
    SELECT status, total, processed, accepted, rejected, progress,
      (SELECT count(*)::int FROM flights WHERE carrier = 'ZZ') AS flights
    FROM jobs WHERE id = ${id}`;
  return j;
}

testOnEachBackend(
  "undo job: a runner killed mid-batch is resumed by a fresh one; every flight counted once, a flight held meanwhile kept",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const importId = await importFlights(t, 10);
      // Two asks at once make one job: the other is told which.
      const asks = await Promise.allSettled([
        undoImport(undoDeps(t.deps), OPERATOR, importId),
        undoImport(undoDeps(t.deps), OPERATOR, importId),
      ]);
      const made = asks.flatMap((a) => a.status === "fulfilled" ? [a.value] : []);
      const refused = asks.flatMap((a) => a.status === "rejected" ? [a.reason] : []);
      assert.equal(made.length, 1);
      assert.equal(refused[0]?.code, "undo_exists");
      const undo = made[0];
      assert.equal(undo.total, 10);

      // A seat is held after the undo was asked for, through the actor only (no booking row
      // yet): the actor refuses to retire the flight, so the undo keeps it. The undo walks by
      // id: the last flight is in its last batch.
      const [held] = await db.sql`
        SELECT id, flight_number FROM flights WHERE carrier = 'ZZ' ORDER BY id DESC LIMIT 1`;
      const hold = await t.deps.registry.send(held.id, {
        type: "HoldSeats",
        holdId: crypto.randomUUID(),
        owner: "someone",
        cabin: "Y",
        count: 1,
      });
      assert.ok(hold.ok, JSON.stringify(hold));

      const job = await claimNextJob(runner(t));
      assert.equal(job?.id, undo.id);
      assert.equal(await runJobBatch(runner(t), job!, { batchSize: 3 }), "more");
      let s = await undoState(db, undo.id);
      assert.deepEqual([s.status, s.processed, s.accepted, s.flights], ["running", 3, 3, 7]);

      // The next batch dies after one flight went: three in hand, one of them already gone.
      const dying = runner(t, dyingAfter(t.deps.registry, 1));
      await assert.rejects(runJobBatch(dying, job!, { batchSize: 3 }), /killed/);
      await t.settle();
      s = await undoState(db, undo.id);
      assert.equal(s.processed, 3, "the dead batch counted nothing");
      assert.equal(s.progress.pending.length, 3, "and is still in hand");
      assert.equal(s.flights, 6);

      assert.deepEqual((await runDueJobs(runner(t))).jobs, [], "its lease still holds");
      t.clock.advance(61_000);
      const report = await runDueJobs(runner(t), { batchSize: 3 });
      assert.deepEqual(report.jobs, [{ id: undo.id, outcome: "succeeded" }]);
      s = await undoState(db, undo.id);
      assert.deepEqual(
        [s.status, s.total, s.processed, s.accepted, s.rejected, s.flights],
        ["succeeded", 10, 10, 9, 1, 1],
      );
      const kept = await db.sql`SELECT line, reason, fields FROM job_rejections
        WHERE job_id = ${undo.id}`;
      assert.equal(kept.length, 1);
      assert.deepEqual(kept[0].fields, [held.id, `ZZ ${held.flight_number.trim()} on 2030-06-01`]);
      assert.equal(kept[0].line, 10, "numbered in walk order");
      assert.match(kept[0].reason, /held or sold/);
      const audits = await db.sql`
        SELECT details FROM audit_log WHERE action = 'flights.import_undone'`;
      assert.deepEqual(audits.map((a) => a.details), [
        { removed: 9, kept: 1, undoJobId: undo.id },
      ]);
      const [{ n: deleted }] = await db.sql`
        SELECT count(DISTINCT entity_id)::int AS n FROM audit_log WHERE action = 'flight.deleted'`;
      assert.equal(deleted, 9, "every deleted flight is audited");

      // Undo twice is one job: the second ask names the first.
      await assert.rejects(
        undoImport(undoDeps(t.deps), OPERATOR, importId),
        (err: { status: number; code: string; headers: Record<string, string> }) =>
          err.status === 409 && err.code === "undo_exists" &&
          err.headers.Location === `/api/admin/jobs/${undo.id}`,
      );
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "undo job: one that failed on an error is queued again by asking again, and resumes where it stopped",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const importId = await importFlights(t, 5);
      const undo = await undoImport(undoDeps(t.deps), OPERATOR, importId);
      const failing = runner(t, dyingAfter(t.deps.registry, 2));
      assert.deepEqual((await runDueJobs(failing, { batchSize: 2 })).jobs, [
        { id: undo.id, outcome: "failed" },
      ]);
      let s = await undoState(db, undo.id);
      assert.deepEqual([s.status, s.processed, s.flights], ["failed", 2, 3]);

      const again = await undoImport(undoDeps(t.deps), OPERATOR, importId);
      assert.deepEqual([again.id, again.status, again.total], [undo.id, "queued", 5]);
      const report = await runDueJobs(runner(t), { batchSize: 2 });
      assert.deepEqual(report.jobs, [{ id: undo.id, outcome: "succeeded" }]);
      s = await undoState(db, undo.id);
      assert.deepEqual(
        [s.status, s.total, s.processed, s.accepted, s.rejected, s.flights],
        ["succeeded", 5, 5, 5, 0, 0],
      );
    } finally {
      await t.close();
    }
  },
);
