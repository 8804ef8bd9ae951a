import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { manualClock } from "../../domain/clock.ts";
import { claimNextJob, runDueJobs, runJobBatch, startJobRunner } from "../../workers/job_runner.ts";
import { createUploadJob, stageJobRows } from "../../db/jobs_repo.ts";
import { stageFlightCsv } from "../../services/schedule/flight_csv_upload.ts";
import { createLogger } from "../../platform/log.ts";
import { testOnEachBackend } from "../support/db.ts";
import { seedTestSchedule } from "../support/seed.ts";

const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "fare_J,fare_Y,carrier";

function csvOf(numbers: number[]): string {
  const rows = numbers.map((n) =>
    `${n},LHR,CDG,2030-06-01T09:00,2030-06-01T11:20,A20N,90000,30000,ZZ`
  );
  return [HEADER, ...rows].join("\n");
}

function fixture(db: Database) {
  const logs: Record<string, unknown>[] = [];
  const log = createLogger({ level: "debug", sink: (line) => logs.push(JSON.parse(line)) });
  const clock = manualClock("2030-03-01T06:00:00Z");
  const deps = { sql: db.sql, log, clock };
  const stage = (csv: string) => {
    const form = new FormData();
    form.append("file", new File([csv], "flights.csv"));
    const req = new Request("http://test/", { method: "POST", body: form });
    return stageFlightCsv(deps, {
      body: req.body,
      contentType: req.headers.get("content-type") ?? undefined,
      maxBytes: 1 << 20,
    });
  };
  return { deps, clock, logs, stage };
}

async function state(db: Database) {
  const [s] = await db.sql`
    SELECT j.status, j.processed, j.accepted, j.rejected, j.failure,
      (SELECT count(*)::int FROM job_rows) AS staged,
      (SELECT count(*)::int FROM job_rejections) AS rejections,
      (SELECT count(*)::int FROM flights WHERE carrier = 'ZZ') AS flights
    FROM jobs j`;
  return s;
}

testOnEachBackend(
  "job runner: a runner that dies after one batch is resumed without duplicates",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const f = fixture(db);
    // Line 1202 repeats flight 1 (line 2): rejected once, however the runs are cut.
    const { jobId } = await f.stage(csvOf([...Array.from({ length: 1200 }, (_, i) => i + 1), 1]));
    const job = await claimNextJob(f.deps);
    assert.equal(job?.id, jobId);
    assert.equal(await runJobBatch(f.deps, job!, { batchSize: 500 }), "more");
    let s = await state(db);
    assert.deepEqual([s.status, s.processed, s.accepted, s.flights, s.staged], [
      "running",
      500,
      500,
      500,
      701,
    ]);

    // The dead runner still holds the lease: nobody else takes the job yet.
    assert.deepEqual((await runDueJobs(f.deps)).jobs, []);
    f.clock.advance(61_000);
    const report = await runDueJobs(f.deps, { batchSize: 500 });
    assert.deepEqual(report.jobs, [{ id: jobId, outcome: "succeeded" }]);
    s = await state(db);
    assert.deepEqual(
      [s.status, s.processed, s.accepted, s.rejected, s.flights, s.staged, s.rejections],
      ["succeeded", 1201, 1200, 1, 1200, 0, 1],
    );
    const [rejection] = await db.sql`SELECT line, reason FROM job_rejections`;
    assert.deepEqual({ ...rejection }, {
      line: 1202,
      reason: "flight ZZ 1 on 2030-06-01 already exists",
    });
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "job runner: a batch that breaks leaves nothing of itself and fails the job",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const f = fixture(db);
    const { jobId } = await f.stage(csvOf(Array.from({ length: 700 }, (_, i) => i + 1)));
    const job = await claimNextJob(f.deps);
    assert.equal(await runJobBatch(f.deps, job!, { batchSize: 500 }), "more");
    // Corrupt the job so the next batch throws half-way through its transaction.
    await db.sql`UPDATE jobs SET input = '{}' WHERE id = ${jobId}`;
    f.clock.advance(61_000);
    const report = await runDueJobs(f.deps, { batchSize: 500 });
    assert.deepEqual(report.jobs, [{ id: jobId, outcome: "failed" }]);
    const s = await state(db);
    assert.deepEqual([s.status, s.processed, s.accepted, s.flights, s.staged], [
      "failed",
      500,
      500,
      500,
      0,
    ]);
    assert.match(s.failure, /unexpected error/);
    assert.ok(f.logs.some((l) => l.msg === "job failed" && l.jobId === jobId));
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "job runner: an upload whose uploader stopped is failed once its lease lapses",
  async (db) => {
    const f = fixture(db);
    const now = f.clock.now();
    const jobId = await createUploadJob(db.sql, {
      kind: "flights.csv",
      input: { columns: ["flight_number"] },
      now,
      leaseUntil: new Date(now.getTime() + 60_000),
    });
    const rows = [{ line: 2, fields: ["1"], parseError: null }];
    assert.equal(await stageJobRows(db.sql, jobId, rows, new Date(now.getTime() + 60_000)), true);
    assert.deepEqual(await runDueJobs(f.deps), { jobs: [], staleUploads: [] });
    assert.equal((await state(db)).status, "queued");
    f.clock.advance(60_001);
    assert.deepEqual(await runDueJobs(f.deps), { jobs: [], staleUploads: [jobId] });
    const s = await state(db);
    assert.deepEqual([s.status, s.staged], ["failed", 0]);
    assert.equal(await stageJobRows(db.sql, jobId, rows, f.clock.now()), false);
  },
);

testOnEachBackend(
  "job runner: a kick runs a queued job without waiting for the timer",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const f = fixture(db);
    const runner = startJobRunner({ ...f.deps, intervalMs: 3_600_000 });
    try {
      await f.stage(csvOf([1, 2, 3]));
      runner.kick();
      for (let i = 0; i < 200 && (await state(db)).status !== "succeeded"; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const s = await state(db);
      assert.deepEqual([s.status, s.accepted, s.flights], ["succeeded", 3, 3]);
    } finally {
      await runner.stop();
    }
  },
  { seededDays: 1 },
);
