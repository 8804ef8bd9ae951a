/**
 * Mixed traffic against a real Contrail server process (the `start` task's permissions,
 * PostgreSQL server, KV in a SQLite file, the demo schedule): 80% search, seat maps, holds and
 * payments with the test card by many signed-in passengers, and a bare `GET /health` as the
 * baseline. Prints throughput and p50/p99 per route, then checks in Postgres and KV that
 * nothing was oversold. Run: deno task load [--seconds 60] [--concurrency 16] [--users 400]
 * [--days 60] [--flights 4] [--spread skewed|uniform] [--warmup 2]. Exits 1 on an error response or a broken invariant.
 */
import { parseArgs } from "node:util";
import { type LoadRequest, runLoad } from "./load_client.ts";
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
import { seedSuiteSchedule, suiteDataDir, suiteParty, TEST_CARD_PAYMENT } from "./suite_fixture.ts";

/** The routes of the mix. */
export type Route = "search" | "seat map" | "hold" | "pay" | "health";
/** Shares of the traffic; a payment needs an unpaid hold and becomes a hold when none waits. */
const MIX: [Route, number][] = [
  ["search", 0.8],
  ["seat map", 0.1],
  ["hold", 0.045],
  ["pay", 0.045],
  ["health", 0.01],
];
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

/** One route's figures. */
export interface RouteFigures {
  route: Route;
  requests: number;
  /** Responses other than the route's success and an expected 409 sold out. */
  errors: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
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

interface Planned {
  route: Route;
  req: LoadRequest;
  flightId?: string;
  token?: string;
}

/** The 1-minute load average (Linux); other processes' work shows up here. */
async function loadAverage(): Promise<number> {
  return Number((await Deno.readTextFile("/proc/loadavg")).split(" ")[0]);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];
/** An item drawn with index ∝ u^power: power 3 puts half the draws in the first 12.5%. */
const pickSkewed = <T>(items: T[], power: number): T =>
  items[Math.floor(items.length * Math.random() ** power)];

/** The traffic of the mix: what request `i` is, and what each answer means. */
function mixedTraffic(p: {
  tokens: string[];
  routes: string[][];
  dates: string[];
  pool: string[];
  flights: number;
  spread: "skewed" | "uniform";
}) {
  const active = p.pool.splice(0, p.flights);
  const unpaid: { id: string; token: string }[] = [];
  const planned = new Map<number, Planned>();
  const seen = new Set<string>();
  let latencies = new Map<Route, number[]>();
  let statuses = new Map<Route, Map<number, number>>();
  let errors = new Map<Route, number>();
  const counts = { soldOut: 0, flightsSoldOut: 0, confirmed: 0 };
  let nextUser = 0;

  const plan = (): Planned => {
    let r = Math.random();
    let route = MIX.find(([, share]) => (r -= share) < 0)?.[0] ?? "search";
    if (route === "pay" && unpaid.length === 0) route = "hold";
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const json = { "Content-Type": "application/json" };
    if (route === "search") {
      const skew = p.spread === "skewed";
      const [from, to] = skew ? pickSkewed(p.routes, 3) : pick(p.routes);
      const date = skew ? pickSkewed(p.dates, 2) : pick(p.dates);
      const path = `/api/flights/search?from=${from}&to=${to}&date=${date}`;
      return { route, req: { method: "GET", path } };
    }
    if (route === "seat map") {
      return { route, req: { method: "GET", path: `/api/flights/${pick(active)}/seats` } };
    }
    if (route === "pay") {
      const b = unpaid.shift()!;
      const headers = { ...json, ...auth(b.token), "Idempotency-Key": crypto.randomUUID() };
      const path = `/api/bookings/${b.id}/pay`;
      return { route, req: { method: "POST", path, headers, body: TEST_CARD_PAYMENT } };
    }
    if (route === "hold") {
      const token = p.tokens[nextUser++ % p.tokens.length];
      const flightId = pick(active);
      const passengers = suiteParty();
      const headers = { ...json, ...auth(token), "Idempotency-Key": crypto.randomUUID() };
      const body = JSON.stringify({ flightId, cabin: "Y", passengers });
      return {
        route,
        flightId,
        token,
        req: { method: "POST", path: "/api/bookings", headers, body },
      };
    }
    return { route, req: { method: "GET", path: "/health" } };
  };

  /** Whether the answer is what the route should give; records what it means. */
  const understood = (x: Planned, status: number, body: string): boolean => {
    if (x.route === "hold" && status === 201) {
      unpaid.push({ id: JSON.parse(body).id, token: x.token! });
      return true;
    }
    if (x.route === "hold" && status === 409 && JSON.parse(body).code === "not_enough_seats") {
      counts.soldOut++;
      const at = active.indexOf(x.flightId!);
      if (at >= 0 && p.pool.length) {
        active[at] = p.pool.shift()!;
        counts.flightsSoldOut++;
      }
      return true;
    }
    if (x.route === "pay" && status === 200) {
      const ok = JSON.parse(body).booking?.status === "confirmed";
      if (ok) counts.confirmed++;
      return ok;
    }
    return x.route !== "hold" && x.route !== "pay" && status === 200;
  };

  return {
    counts,
    request(i: number): LoadRequest {
      // The client asks again when it resends after a reconnect: same request, same key.
      let x = planned.get(i);
      if (!x) planned.set(i, x = plan());
      return x.req;
    },
    onResponse(i: number, status: number, body: string, ms: number) {
      const x = planned.get(i)!;
      planned.delete(i);
      if (!latencies.has(x.route)) latencies.set(x.route, []);
      latencies.get(x.route)!.push(ms);
      const byStatus = statuses.get(x.route) ?? new Map<number, number>();
      statuses.set(x.route, byStatus.set(status, (byStatus.get(status) ?? 0) + 1));
      if (understood(x, status, body)) return;
      errors.set(x.route, (errors.get(x.route) ?? 0) + 1);
      if (!seen.has(`${x.route} ${status}`)) {
        seen.add(`${x.route} ${status}`);
        console.log(`first unexpected ${status} on ${x.route}: ${body.slice(0, 300)}`);
      }
    },
    /** Per-route figures since the last reset. */
    figures(): RouteFigures[] {
      return MIX.map(([route]) => {
        const ms = (latencies.get(route) ?? []).sort((a, b) => a - b);
        return {
          route,
          requests: ms.length,
          errors: errors.get(route) ?? 0,
          p50: percentile(ms, 0.5),
          p99: percentile(ms, 0.99),
          statuses: statuses.get(route) ?? new Map(),
        };
      });
    },
    reset() {
      latencies = new Map();
      statuses = new Map();
      errors = new Map();
      Object.assign(counts, { soldOut: 0, flightsSoldOut: 0, confirmed: 0 });
    },
  };
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
    const routes = (await db.sql`SELECT DISTINCT origin, destination FROM flights`)
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
