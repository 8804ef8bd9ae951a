/**
 * The engine under load (`deno task bench:engine`), against a real server (production mode,
 * PostgreSQL server), every write by its own account with an Idempotency-Key, load from wrk:
 *  - bookings: 2,000 one-seat bookings at concurrency 100 on one 1,000-seat flight;
 *  - book and pay: 300 × (book, pay) at concurrency 50, plus 10 users each sending their
 *    booking and then their payment three times at once with one key;
 *  - search: wrk at concurrency 20 over the seeded schedule (60 days: ~32,000 flights), with
 *    ISOLATES=1 and ISOLATES=2;
 *  - server CPU per booking, payment and search (/proc, the whole process tree).
 * Each figure is printed beside the one it replaces; `--rounds N` prints ranges.
 *
 *   deno task bench:engine [--rounds 1] [--bookings 2000] [--concurrency 100] [--seats 1000]
 *     [--pairs 300] [--pay-concurrency 50] [--same-key 10] [--days 60] [--search-seconds 10]
 *     [--isolates N (writes; search runs 1 and 2)] [--baseline <git-ref>]
 */
import { parseArgs } from "node:util";
import { seedDemoData } from "../db/seed.ts";
import { addDays } from "../domain/time.ts";
import {
  BENCH_SERVER,
  type BenchDatabase,
  openBenchDatabase,
  startBenchServer,
} from "./bench_db.ts";
import { resolveRef, withBaseline } from "./baseline.ts";
import { runWriteScenarios, writeFixture, type WriteSizes } from "./engine_scenarios.ts";
import { type EngineSide, printEngine, type SearchRun } from "./engine_table.ts";
import { CpuTrace } from "./proc_stats.ts";
import { searchRoutes } from "./storm_data.ts";
import { runSearch } from "./wrk_runner.ts";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "1" },
    bookings: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "100" },
    seats: { type: "string", default: "1000" },
    pairs: { type: "string", default: "300" },
    "pay-concurrency": { type: "string", default: "50" },
    "same-key": { type: "string", default: "10" },
    days: { type: "string", default: "60" },
    "search-seconds": { type: "string", default: "10" },
    "search-concurrency": { type: "string", default: "20" },
    isolates: { type: "string" },
    baseline: { type: "string" },
  },
});
const num = (name: keyof typeof args) => Number(args[name]);
const sizes: WriteSizes = {
  bookings: num("bookings"),
  concurrency: num("concurrency"),
  seats: num("seats"),
  pairs: num("pairs"),
  payConcurrency: num("pay-concurrency"),
  sameKey: num("same-key"),
};

/** A build under test, with its database and the routes its search load goes round. */
type Side = EngineSide & { cwd?: string; bench: BenchDatabase; routes: string[] };

async function prepare(label: string, name: string, cwd?: string): Promise<Side> {
  const bench = await openBenchDatabase(name, 4, BENCH_SERVER, { cwd });
  if (!bench) {
    console.log("engine_load: no PostgreSQL server reachable; skipped.");
    Deno.exit(0);
  }
  const seeded = await seedDemoData(bench.db.sql, {
    startDate: addDays(new Date().toISOString().slice(0, 10), 1),
    days: num("days"),
    demoPassword: "x",
    hashPassword: (p) => Promise.resolve(p),
  });
  const routes = (await searchRoutes(bench.db.sql, 200)).map((r) => `${r.from} ${r.to} ${r.date}`);
  return { label, cwd, bench, routes, flights: seeded.flights, rounds: [] };
}

const failure = (err: unknown) => err instanceof Error ? err : new Error(String(err));

async function writesRound(side: Side) {
  const fx = await writeFixture(side.bench.db, sizes);
  const env: Record<string, string> = args.isolates ? { ISOLATES: args.isolates } : {};
  const server = await startBenchServer(side.bench.url, env, { cwd: side.cwd });
  const cpu = new CpuTrace(server.child.pid);
  try {
    for (const id of [fx.bookingFlight, fx.payFlight, fx.sameKeyFlight]) {
      await fetch(new URL(`/api/flights/${id}/seats`, server.url)).then((r) => r.arrayBuffer());
    }
    return await runWriteScenarios(server.url, side.bench.db, { fx, sizes, cpu });
  } catch (err) {
    console.log(`  [${side.label}] writes failed: ${err}`);
    return failure(err);
  } finally {
    await cpu.stop();
    const crash = server.lines.find((l) => /"level":"error"/.test(l));
    if (crash) console.log(`  [${side.label}] server error: ${crash.slice(0, 600)}`);
    await server.stop();
  }
}

async function searchRound(side: Side, isolates: number): Promise<SearchRun | Error> {
  const server = await startBenchServer(side.bench.url, { ISOLATES: String(isolates) }, {
    cwd: side.cwd,
  });
  const cpu = new CpuTrace(server.child.pid);
  try {
    const load = { routes: side.routes, connections: num("search-concurrency") };
    await runSearch(server.url, { ...load, connections: 4, seconds: 3 }); // warm-up
    const t0 = Date.now();
    const figures = await runSearch(server.url, { ...load, seconds: num("search-seconds") });
    await cpu.mark();
    return { ...figures, cpuMsPerRequest: cpu.msBetween(t0, Date.now()) / figures.requests };
  } catch (err) {
    console.log(`  [${side.label}] search failed: ${err}`);
    return failure(err);
  } finally {
    await cpu.stop();
    await server.stop();
  }
}

async function runRounds(sides: Side[]) {
  for (let r = 0; r < num("rounds"); r++) {
    const round = sides.map(() => ({} as Side["rounds"][number]));
    for (const [i, side] of sides.entries()) {
      console.log(`  round ${r + 1}: [${side.label}] bookings, book and pay, same-key pairs`);
      round[i].writes = await writesRound(side);
    }
    for (const [i, side] of sides.entries()) {
      console.log(`  round ${r + 1}: [${side.label}] search with ISOLATES=1, then 2`);
      round[i].search1 = await searchRound(side, 1);
      round[i].search2 = await searchRound(side, 2);
    }
    sides.forEach((s, i) => s.rounds.push(round[i]));
  }
}

const sides = [await prepare("this build", "contrail_bench_engine")];
try {
  if (args.baseline) {
    const label = `baseline ${await resolveRef(args.baseline)}`;
    await withBaseline(args.baseline, async (root) => {
      const base = await prepare(label, "contrail_bench_engine_base", root);
      try {
        await runRounds([...sides, base]);
      } finally {
        await base.bench.drop();
      }
      sides.push(base);
    });
  } else await runRounds(sides);
} finally {
  await sides[0].bench.drop();
}

printEngine(sides, {
  conditions: `${num("rounds")} round(s); bookings ${sizes.bookings} @ ${sizes.concurrency} on ` +
    `${sizes.seats} seats; ${sizes.pairs} × (book, pay) @ ${sizes.payConcurrency}; search @ ` +
    `${args["search-concurrency"]} for ${args["search-seconds"]} s over ` +
    `${sides[0].flights.toLocaleString("en-US")} flights; writes with ` +
    `${args.isolates ? `ISOLATES=${args.isolates}` : "the server's default ISOLATES"}`,
});
