/**
 * Small runs of the load and fault suites (bench/load_mixed.ts, bench/faults.ts): their
 * invariants, not their timings. They need the PostgreSQL server (a killed process must not
 * take the database with it); under CI=true a missing server fails them.
 */
import assert from "node:assert/strict";
import { runMixedLoad } from "../bench/load_mixed.ts";
import { runFaults } from "../bench/faults.ts";
import type { CheckResult } from "../bench/suite_checks.ts";
import { BACKENDS, SERVER_URL } from "./support/db.ts";

const postgres = BACKENDS.find((b) => b.backend === "postgres")!;
const database = (suite: string) =>
  `contrail_smoke_${suite}_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;

function assertChecks(checks: CheckResult[]) {
  for (const c of checks) assert.deepEqual(c.violations, [], `${c.name} [${c.scope}]`);
}

Deno.test({
  name: "load suite: 3 s of mixed traffic answers without errors and oversells nothing",
  ignore: postgres.ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const report = await runMixedLoad({
      seconds: 3,
      warmupSeconds: 0.5,
      concurrency: 8,
      users: 40,
      days: 3,
      flights: 2,
      database: database("load"),
      server: SERVER_URL,
    });
    assert.ok(report, `no PostgreSQL server at ${SERVER_URL}`);
    const requests = Object.fromEntries(report.routes.map((r) => [r.route, r.requests]));
    assert.ok(
      requests.search > 0 && requests.hold > 0 && requests.pay > 0,
      JSON.stringify(requests),
    );
    assert.ok(report.confirmed > 0, "no booking was paid");
    assert.equal(report.errors, 0, "unexpected answers (see the log above)");
    assertChecks(report.checks);
  },
});

Deno.test({
  name: "fault suite: two SIGKILLs under bookings lose no confirmation and leave no stuck hold",
  ignore: postgres.ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const report = await runFaults({
      kills: 2,
      minUpMs: 1500,
      maxUpMs: 2500,
      clients: 4,
      users: 20,
      holdTtlSeconds: 30,
      thinkMs: 20,
      database: database("faults"),
      server: SERVER_URL,
    });
    assert.ok(report, `no PostgreSQL server at ${SERVER_URL}`);
    assert.ok(report.confirmed > 0, "no booking was confirmed");
    assertChecks(report.checks);
  },
});
