/**
 * The operators' lists at schedule scale: seeds about 400,000 flights into a real PostgreSQL
 * and times each list through the functions the pages call (p50/p95 over RUNS runs).
 *
 *   deno task bench:lists
 *
 * BENCH_FLIGHTS sets the size (default 400,000); BENCH_LISTS_REUSE=1 keeps the seeded database
 * between invocations (migrating it, so a new migration's backfill runs on the full schedule).
 */
import { openDatabase } from "../db/postgres.ts";
import { loadMigrations, migrate } from "../db/migrate.ts";
import { addDays } from "../domain/time.ts";
import { adminFlightList } from "../services/flights/flight_lists.ts";
import { proposeCrew } from "../services/crew/crew_board.ts";
import { refreshCrewPlans, storedCrewPlan } from "../services/crew/stored_plans.ts";
import { systemClock } from "../platform/clock.ts";
import { createLogger } from "../platform/log.ts";
import { dashboardFigures } from "../services/reports/dashboard.ts";
import { opsBoard } from "../services/status/ops_board.ts";
import { BENCH_SERVER, openBenchDatabase } from "./bench_db.ts";
import { seedSchedule } from "./admin_lists_seed.ts";

const NAME = "contrail_bench_lists";
const FLIGHTS = Number(Deno.env.get("BENCH_FLIGHTS") ?? 400_000);
const PER_DAY = 1096;
const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 20);
const PAGE = 50;

const today = new Date().toISOString().slice(0, 10);
const plan = {
  firstDay: addDays(today, -60),
  days: Math.ceil(FLIGHTS / PER_DAY),
  perDay: PER_DAY,
  ticketDays: { from: addDays(today, -7), to: addDays(today, 7) },
  planDay: addDays(today, 1),
};

/** The seeded database: reused when asked and already there, else made anew. */
async function database() {
  const reuse = Deno.env.get("BENCH_LISTS_REUSE") === "1";
  if (reuse) {
    const url = new URL(BENCH_SERVER);
    url.pathname = `/${NAME}`;
    const db = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 })
      .catch(() => undefined);
    const seeded = db &&
      // Crew is seeded last: with it, the seed finished.
      await db.sql`SELECT count(*)::int AS n FROM crew_assignments`.then(
        ([r]) => r.n > 0,
        () => false,
      );
    if (db && seeded) {
      const started = performance.now();
      const dir = new URL("../db/migrations/", import.meta.url);
      const { applied } = await migrate(db.sql, await loadMigrations(dir));
      // What autovacuum would do soon after a migration rewrote every flight row.
      if (applied.length) await db.sql`VACUUM ANALYZE`;
      console.log(`reusing ${NAME}; migrated in ${Math.round(performance.now() - started)} ms`);
      return { sql: db.sql, done: () => db.close() };
    }
    await db?.close();
  }
  const bench = await openBenchDatabase(NAME, 4);
  if (!bench) return undefined;
  const started = performance.now();
  const seeded = await seedSchedule(bench.db.sql, plan);
  console.log(
    `seeded ${seeded.flights} flights in ${Math.round((performance.now() - started) / 1000)} s`,
  );
  return { sql: bench.db.sql, done: reuse ? () => bench.db.close() : bench.drop };
}

/** p50 and p95 in ms of `runs` calls after two warm-up calls. */
async function time(fn: () => Promise<unknown>, runs = RUNS) {
  await fn();
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

const db = await database();
if (!db) {
  console.log(`skipped: no PostgreSQL at ${BENCH_SERVER}`);
  Deno.exit(0);
}
const { sql } = db;
// The widest range the flights list allows (92 days): ~100,000 flights, so page 2,000 exists.
const range = { from: today, to: addDays(today, 92) };
const list = { ...range, sort: "departure" as const, order: "asc" as const, limit: PAGE };
// What the page's "Next" link on page 1,999 carries: a cursor after that page's last row.
const nextLink = async (sort: "departure" | "loadFactor", order: "asc" | "desc") => {
  const { next } = await adminFlightList(sql, { ...list, sort, order, offset: 1998 * PAGE });
  return next!;
};
const afterDeparture = await nextLink("departure", "asc");
const afterLoad = await nextLink("loadFactor", "desc");
const byLoad = { ...list, sort: "loadFactor" as const, order: "desc" as const, offset: 0 };
const cases: [string, () => Promise<unknown>][] = [
  ["flights, by load factor, page 1", () => adminFlightList(sql, byLoad)],
  [
    "flights, by load factor, page 2,000 (Next link)",
    () => adminFlightList(sql, { ...byLoad, after: afterLoad }),
  ],
  [
    "flights, by departure, page 2,000 (Next link)",
    () => adminFlightList(sql, { ...list, offset: 0, after: afterDeparture }),
  ],
  [
    "flights, by departure, page 2,000 (typed ?page=2000)",
    () => adminFlightList(sql, { ...list, offset: 1999 * PAGE }),
  ],
  [
    "flights, by departure, last page",
    () => adminFlightList(sql, { ...list, offset: 0, last: "1" }),
  ],
  [
    "crew plan, one day (the page: the stored plan)",
    async () => {
      const view = await storedCrewPlan({ sql, clock: systemClock }, plan.planDay);
      if (view.state !== "fresh") throw new Error(`the stored plan is ${view.state}`);
    },
  ],
  [
    "crew plan, one day (computing it: the background planner)",
    () => proposeCrew(sql, { from: plan.planDay, to: plan.planDay, now: new Date() }),
  ],
  ["dashboard, 15 days", () => dashboardFigures(sql, addDays(today, -7), addDays(today, 7))],
  // The whole day on one screen, as /admin/ops asks for it (1,096 flights).
  ["ops board, one day", () => opsBoard(sql, { date: today, limit: 2000, offset: 0 })],
];
// What the refresher does in the background: the plan day stored before the page reads it.
const refreshed = await refreshCrewPlans({
  sql,
  clock: systemClock,
  log: createLogger({ level: "error" }),
});
console.log(`crew plans stored: ${refreshed.computed.map((d) => `${d.date} in ${d.tookMs} ms`)}`);
console.log(`\n| list (${FLIGHTS} flights) | p50 ms | p95 ms |\n|---|---:|---:|`);
for (const [name, fn] of cases) {
  const { p50, p95 } = await time(fn);
  console.log(`| ${name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
}
await db.done();
