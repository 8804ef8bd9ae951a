/**
 * A small expiry storm (bench/storm.ts) against a real server process and the PostgreSQL
 * server: every hold expires and its owner is told exactly once, in flat memory, with nothing
 * logged at error level. A correctness test: its time bounds are generous on purpose.
 */
import assert from "node:assert/strict";
import { openDatabase } from "../db/postgres.ts";
import { migrate } from "../db/migrate.ts";
import { runStorm } from "../bench/storm.ts";
import { BACKENDS, withServerDatabase } from "./support/db.ts";

const postgres = BACKENDS.find((b) => b.backend === "postgres")!;
const HOLDS = 800;

Deno.test({
  name:
    "expiry storm: 800 holds on 2 flights all expire, each told exactly once, in bounded memory",
  ignore: postgres.ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withServerDatabase(async (url) => {
      const db = await openDatabase({ databaseUrl: url, maxConnections: 2 });
      try {
        await migrate(db.sql);
        const report = await runStorm({
          db,
          url,
          holds: HOLDS,
          flights: 2,
          seatsPerFlight: 500,
          ttlSeconds: 5,
          concurrency: 16,
          probeRoutes: [],
          probeConcurrency: 0,
          drainTimeoutSeconds: 60,
          lateAfterSeconds: 30,
          // Holds of 5 s are allowed outside production only; a KV file as in production.
          env: { APP_ENV: "development", DEMO_DATA: "false" },
        });
        // On a failure, the whole report says what went wrong beyond the one assertion.
        const summary = JSON.stringify({
          ...report,
          errors: report.errors.slice(0, 3),
          shutdownErrors: report.shutdownErrors.slice(0, 3),
        });
        assert.deepEqual(report.crashes, [], summary);
        assert.equal(report.holdsMade, HOLDS, summary);
        const { outcome } = report;
        assert.ok(report.drained, `not drained: ${summary}`);
        assert.equal(outcome.expired, HOLDS, summary);
        assert.equal(outcome.missing, 0, `expired bookings without their notice: ${summary}`);
        assert.equal(outcome.duplicates, 0, `bookings told more than once: ${summary}`);
        assert.equal(outcome.late, 0, `notices later than 30 s: ${summary}`);
        assert.ok(report.rssPeakMb < 800, `peak RSS: ${summary}`);
        // Nor while it drains: the queue consumer and the projector finish before KV closes.
        assert.deepEqual(report.errors, [], summary);
        assert.deepEqual(report.shutdownErrors, [], summary);
      } finally {
        await db.close();
      }
    }),
});
