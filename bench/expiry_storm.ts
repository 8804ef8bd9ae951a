/**
 * Expiry storm (`deno task storm`): a real server (production mode, PostgreSQL server) gets N
 * unpaid holds on F flights over HTTP, each by its own account with an Idempotency-Key; then
 * nothing but a light search probe while they expire. Reports peak resident memory, the time
 * from each hold's expiry to its notification, duplicates, missing notices, error lines and
 * expiry throughput; then a second storm whose server is SIGKILLed mid-storm and restarted on
 * the same KV file. Each figure is printed beside the one it replaces.
 *
 *   deno task storm [--holds 10000] [--flights 10] [--seats 1000] [--ttl 60] [--days 14]
 *     [--kill-at 5] [--kill-signal SIGKILL] [--down 20] [--restart-holds N (0: no restart storm)] [--isolates N]
 *     [--baseline <git-ref>] [--assert]
 */
import { parseArgs } from "node:util";
import { seedDemoData } from "../db/seed.ts";
import { addDays } from "../domain/time.ts";
import { BENCH_SERVER, type BenchDatabase, openBenchDatabase } from "./bench_db.ts";
import { resolveRef, withBaseline } from "./baseline.ts";
import { printStorm, stormMisses } from "./storm_table.ts";
import { runStorm, type StormOptions, type StormReport } from "./storm.ts";
import { searchRoutes } from "./storm_data.ts";

const { values: args } = parseArgs({
  options: {
    holds: { type: "string", default: "10000" },
    flights: { type: "string", default: "10" },
    seats: { type: "string", default: "1000" },
    // Longer than making 10,000 holds takes here, so that they expire with no other traffic.
    ttl: { type: "string", default: "60" },
    days: { type: "string", default: "14" },
    concurrency: { type: "string", default: "50" },
    probe: { type: "string", default: "2" },
    "kill-at": { type: "string", default: "5" },
    "kill-signal": { type: "string", default: "SIGKILL" },
    down: { type: "string", default: "20" },
    "restart-holds": { type: "string" },
    "drain-timeout": { type: "string", default: "300" },
    isolates: { type: "string" },
    baseline: { type: "string" },
    assert: { type: "boolean", default: false },
  },
});
const num = (name: keyof typeof args) => Number(args[name]);
const holds = num("holds");
const restartHolds = args["restart-holds"] === undefined ? holds : num("restart-holds");

/** A server build under test: this checkout or the baseline. */
interface Side {
  label: string;
  cwd?: string;
  bench: BenchDatabase;
  probeRoutes: StormOptions["probeRoutes"];
  storm?: StormReport | Error;
  restart?: StormReport | Error;
}

async function prepare(label: string, db: string, cwd?: string): Promise<Side> {
  const bench = await openBenchDatabase(db, 4, BENCH_SERVER, { cwd });
  if (!bench) {
    console.log("expiry_storm: no PostgreSQL server reachable; skipped.");
    Deno.exit(0);
  }
  if (num("days") > 0) {
    await seedDemoData(bench.db.sql, {
      startDate: addDays(new Date().toISOString().slice(0, 10), 1),
      days: num("days"),
      demoPassword: "x",
      hashPassword: (p) => Promise.resolve(p),
    });
  }
  return { label, cwd, bench, probeRoutes: await searchRoutes(bench.db.sql, 50) };
}

async function storm(side: Side, count: number, kill: boolean): Promise<StormReport | Error> {
  const log = (line: string) => console.log(`  [${side.label}] ${line}`);
  try {
    return await runStorm({
      db: side.bench.db,
      url: side.bench.url,
      holds: count,
      flights: num("flights"),
      seatsPerFlight: num("seats"),
      ttlSeconds: num("ttl"),
      concurrency: num("concurrency"),
      probeRoutes: side.probeRoutes,
      probeConcurrency: num("probe"),
      killAtSeconds: kill ? num("kill-at") : undefined,
      killSignal: args["kill-signal"] as Deno.Signal,
      downSeconds: num("down"),
      drainTimeoutSeconds: num("drain-timeout"),
      lateAfterSeconds: 60,
      env: { APP_ENV: "production", ...(args.isolates ? { ISOLATES: args.isolates } : {}) },
      cwd: side.cwd,
      log,
    });
  } catch (err) {
    log(`failed: ${err instanceof Error ? err.message.slice(0, 500) : err}`);
    return err instanceof Error ? err : new Error(String(err));
  }
}

const f0 = (n: number) => Math.round(n).toLocaleString("en-US");

const sides = [await prepare("this build", "contrail_bench_storm")];
async function runAll(all: Side[]) {
  for (const s of all) s.storm = await storm(s, holds, false);
  if (restartHolds > 0) { for (const s of all) s.restart = await storm(s, restartHolds, true); }
}
try {
  if (args.baseline) {
    const label = `baseline ${await resolveRef(args.baseline)}`;
    await withBaseline(args.baseline, async (root) => {
      const base = await prepare(label, "contrail_bench_storm_base", root);
      try {
        await runAll([...sides, base]);
      } finally {
        await base.bench.drop();
      }
      sides.push(base);
    });
  } else await runAll(sides);
} finally {
  for (const s of sides) if (s.cwd === undefined) await s.bench.drop();
}

const conditions = `${f0(holds)} holds on ${args.flights} flights × ${args.seats} seats, ` +
  `HOLD_TTL_SECONDS=${args.ttl}, production mode, PostgreSQL server, search probe at ` +
  `concurrency ${args.probe}${args.isolates ? `, ISOLATES=${args.isolates}` : ""}`;
const title = `Expiry storm: ${conditions}`;
printStorm(title, sides.map((s) => ({ label: s.label, report: s.storm })), false);
const failed = stormMisses(sides[0].storm).map((m) => `storm: ${m}`);
if (restartHolds > 0) {
  const restartTitle = `Restart on a backlog: ${f0(restartHolds)} holds, ${args["kill-signal"]} ${
    args["kill-at"]
  } s after the first expiry, down ${args.down} s`;
  printStorm(restartTitle, sides.map((s) => ({ label: s.label, report: s.restart })), true);
  failed.push(...stormMisses(sides[0].restart).map((m) => `restart: ${m}`));
}
console.log(
  "\nTargets: RSS < 400 MB throughout; every notice exactly once within 60 s of its hold's " +
    "expiry (after a restart: of the later of expiry and restart); search p99 < 100 ms during " +
    "the storm; no error in the log.",
);
for (const m of failed) console.log(`  MISSED ${m}`);
if (!failed.length) console.log("  all met");
if (args.assert && failed.length) Deno.exit(1);
