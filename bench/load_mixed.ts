/**
 * Mixed traffic against a real Contrail server process (the `start` task's permissions,
 * PostgreSQL server, KV in a SQLite file, the demo schedule): 80% search, seat maps, holds and
 * payments with the test card by many signed-in passengers, and a bare `GET /health` as the
 * baseline. Prints throughput and p50/p99 per route, then checks in Postgres and KV that
 * nothing was oversold. Run: deno task load [--seconds 60] [--concurrency 16] [--users 400]
 * [--days 60] [--flights 4] [--spread skewed|uniform] [--warmup 2]. Exits 1 on an error
 * response or a broken invariant, not on a missed latency target.
 */
import { parseArgs } from "node:util";
import { runLoad } from "./load_client.ts";
import { mixedTraffic, type RouteFigures } from "./mixed_traffic.ts";
import {
  BENCH_SERVER,
  benchPassengers,
  cpuSeconds,
  openBenchDatabase,
  startBenchServer,
} from "./bench_db.ts";
import {
  checkKvAgrees,
  checkOversold,
  type CheckResult,
  checkSeatsSoldOnce,
  printChecks,
  touchedFlights,
} from "./suite_checks.ts";
import { seedSuiteSchedule, suiteDataDir } from "./suite_fixture.ts";

const P99_TARGET_MS = 100;

/** Options for runMixedLoad. */
export interface MixedLoadOptions {
  seconds: number;
  concurrency: number;
  /** Passengers signed up beforehand (bookings and payments are rate-limited per user). */
  users: number;
  /** Days of demo schedule to seed. */
  days: number;
  /** Flights taking bookings at once; one that sells out is replaced by the next. */
  flights: number;
  /**
   * How searches spread over routes and dates: `skewed` like real demand (popular routes, the
   * next weeks), or `uniform` (nearly every search touches flights no actor has loaded yet).
   */
  spread?: "skewed" | "uniform";
  /** Unmeasured traffic first, to warm the server (default 2 s). */
  warmupSeconds?: number;
  /** The benchmark database's name on the server (made anew, dropped afterwards). */
  database?: string;
  /** The PostgreSQL server's URL (default BENCH_DATABASE_URL, else the local one). */
  server?: string;
}

/** What a mixed load run measured and checked. */
export interface MixedLoadReport {
  seconds: number;
  requests: number;
  rps: number;
  routes: RouteFigures[];
  /** p50 of `GET /health` in the same run: what each route's p50 is compared with. */
  baselineP50: number;
  errors: number;
  /** Holds refused as sold out (409 not_enough_seats), an expected outcome. */
  soldOut: number;
  flightsSoldOut: number;
  confirmed: number;
  cpuMsPerRequest: number;
  /** The machine's 1-minute load average before and after the run (other work included). */
  loadAverage: [number, number];
  checks: CheckResult[];
}

/** The 1-minute load average (Linux); other processes' work shows up here. */
async function loadAverage(): Promise<number> {
  return Number((await Deno.readTextFile("/proc/loadavg")).split(" ")[0]);
}

/**
 * Seeds a fresh database, starts a server, drives the mix and checks the invariants;
 * undefined when no PostgreSQL server answers.
 */
export async function runMixedLoad(o: MixedLoadOptions): Promise<MixedLoadReport | undefined> {
  const bench = await openBenchDatabase(o.database ?? "contrail_load_mixed", 4, o.server);
  if (!bench) return undefined;
  const { db } = bench;
  const dataDir = suiteDataDir("load");
  let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  try {
    const { dates, flights: pool } = await seedSuiteSchedule(db.sql, o.days);
    // Popularity falls on routes in a fixed pseudo-random order, the same every run: what a
    // search costs depends on its route (a 1-stop search prices up to 300 connections).
    const routes = (await db.sql`
      SELECT DISTINCT origin, destination, md5(origin || destination) FROM flights ORDER BY 3`)
      .map((r) => [r.origin, r.destination]);
    const tokens = await benchPassengers(db, "mixed", o.users);
    const spread = o.spread ?? "skewed";
    const traffic = mixedTraffic({ tokens, routes, dates, pool, flights: o.flights, spread });
    server = await startBenchServer(bench.url, { DATA_DIR: dataDir });
    const load = (seconds: number) =>
      runLoad(server!.url, {
        total: Infinity,
        concurrency: o.concurrency,
        durationMs: seconds * 1000,
        request: traffic.request,
        onResponse: traffic.onResponse,
      });
    await load(o.warmupSeconds ?? 2);
    traffic.reset();
    const cpuBefore = await cpuSeconds(server.child.pid);
    const loadBefore = await loadAverage();
    const result = await load(o.seconds);
    const cpu = await cpuSeconds(server.child.pid) - cpuBefore;
    const loadAfter = await loadAverage();
    const routeFigures = traffic.figures();
    const requests = routeFigures.reduce((n, r) => n + r.requests, 0);

    const kv = await Deno.openKv(`${dataDir}/kv.sqlite3`);
    let checks: CheckResult[];
    try {
      const flights = await touchedFlights(db.sql);
      checks = [
        ...await checkKvAgrees(kv, db.sql, flights),
        await checkOversold(db.sql, flights),
        await checkSeatsSoldOnce(db.sql),
      ];
    } finally {
      kv.close();
    }
    return {
      seconds: result.seconds,
      requests,
      rps: requests / result.seconds,
      routes: routeFigures,
      baselineP50: routeFigures.find((r) => r.route === "health")!.p50,
      errors: routeFigures.reduce((n, r) => n + r.errors, 0),
      ...traffic.counts,
      cpuMsPerRequest: (cpu * 1000) / requests,
      loadAverage: [loadBefore, loadAfter],
      checks,
    };
  } finally {
    const crash = server?.lines.find((l) => l.includes("unhandled error"));
    if (crash) console.log(`server error: ${crash.slice(0, 1500)}`);
    await server?.stop();
    await bench.drop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

/** Prints the run's table, the invariants and whether each target was met; true when all hold. */
export function printMixedLoad(r: MixedLoadReport, o: MixedLoadOptions): boolean {
  const share = (n: number) => `${((100 * n) / r.requests).toFixed(1)}%`;
  const statusList = (m: Map<number, number>) => [...m].map(([s, n]) => `${n}×${s}`).join(", ");
  console.log(
    `\nMixed load: ${o.seconds} s at concurrency ${o.concurrency}, ${o.users} passengers, ` +
      `${o.days} days of demo schedule, ${o.spread ?? "skewed"} searches ` +
      `(server and load client share this machine)\n`,
  );
  console.log(
    "| route | share | requests/s | p50 ms | p99 ms | p50 vs baseline | statuses | errors |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
  for (const f of r.routes) {
    console.log(
      `| ${f.route} | ${share(f.requests)} | ${(f.requests / r.seconds).toFixed(0)} | ${
        f.p50.toFixed(1)
      } | ${f.p99.toFixed(1)} | ${(f.p50 / r.baselineP50).toFixed(1)}× | ${
        statusList(f.statuses)
      } | ${f.errors} |`,
    );
  }
  console.log(
    `| all | 100% | ${r.rps.toFixed(0)} | | | | ${r.requests} requests | ${r.errors} |\n`,
  );
  console.log(
    `${r.confirmed} bookings paid and confirmed; ${r.soldOut} holds refused as sold out ` +
      `(${r.flightsSoldOut} flights sold out and replaced); server CPU ${
        r.cpuMsPerRequest.toFixed(2)
      } ms per request; machine load average ${r.loadAverage[0]} before the run, ` +
      `${r.loadAverage[1]} at its end (${navigator.hardwareConcurrency} cores)\n`,
  );
  console.log("Invariants (Postgres and the server's KV file):");
  const held = printChecks(r.checks);
  const slow = r.routes.filter((f) => f.p99 >= P99_TARGET_MS);
  console.log("\nTargets:");
  console.log(`  ${r.errors === 0 ? "met    " : "NOT met"} 0 errors (${r.errors})`);
  console.log(`  ${held ? "met    " : "NOT met"} 0 oversold, no drift`);
  console.log(
    `  ${slow.length ? "NOT met" : "met    "} p99 < ${P99_TARGET_MS} ms on every route${
      slow.length ? ` (${slow.map((f) => `${f.route} ${f.p99.toFixed(0)} ms`).join(", ")})` : ""
    }`,
  );
  return held && r.errors === 0;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      seconds: { type: "string", default: "60" },
      concurrency: { type: "string", default: "16" },
      users: { type: "string", default: "400" },
      days: { type: "string", default: "60" },
      flights: { type: "string", default: "4" },
      spread: { type: "string", default: "skewed" },
      warmup: { type: "string", default: "2" },
    },
  });
  const options: MixedLoadOptions = {
    seconds: Number(values.seconds),
    concurrency: Number(values.concurrency),
    users: Number(values.users),
    days: Number(values.days),
    flights: Number(values.flights),
    spread: values.spread === "uniform" ? "uniform" : "skewed",
    warmupSeconds: Number(values.warmup),
  };
  const report = await runMixedLoad(options);
  if (!report) {
    console.log(`load: no PostgreSQL server at ${BENCH_SERVER}; skipped.`);
    Deno.exit(0);
  }
  Deno.exit(printMixedLoad(report, options) ? 0 : 1);
}
