/**
 * Undoing a CSV import in the background, through the real app: imports N flights (default
 * 20,000; `deno run -A bench/import_undo.ts 100000`) with the bulk upload and job runner, then
 * times the undo request (it only queues the job) and the undo job itself, one flight through
 * its actor, eight at once, sampling peak RSS growth and the JS heap after GC (run with
 * `--v8-flags=--expose-gc`) of the undo against the import's.
 * Runs against the PostgreSQL server (`BENCH_DATABASE_URL`), KV in a temporary file.
 */
import { openBenchDatabase } from "./bench_db.ts";
import { runDueJobs } from "../workers/job_runner.ts";
import { importUndoSteps } from "../services/schedule/import_undo.ts";
import { adminDeps } from "../routes/deps.ts";
import { signAccessToken } from "../adapters/tokens.ts";
import { systemClock } from "../platform/clock.ts";
import { testApp } from "../tests/support/app.ts";
import { seedTestSchedule } from "../tests/support/seed.ts";

const N = Number(Deno.args[0] ?? 20_000);
const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "fare_J,fare_Y,carrier\n";

/** Flights UX 1..n, London to Paris, 9,000 a day from 1 June 2030. */
function csvBody(n: number): Blob {
  const parts = [HEADER];
  for (let i = 0; i < n; i++) {
    const day = String(1 + Math.floor(i / 9000)).padStart(2, "0");
    parts.push(
      `${(i % 9000) + 1},LHR,CDG,2030-06-${day}T09:00,2030-06-${day}T11:20,A20N,90000,30000,UX\n`,
    );
  }
  return new Blob(parts, { type: "text/csv" });
}

async function measure<T>(fn: () => Promise<T>) {
  const start = Deno.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 5);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  const growth = Math.max(peak, Deno.memoryUsage().rss) - start;
  (globalThis as { gc?: () => void }).gc?.();
  return { value, ms, growth, heap: Deno.memoryUsage().heapUsed };
}

const bench = await openBenchDatabase("contrail_bench_undo", 8);
if (!bench) {
  console.log("import_undo: no PostgreSQL server answers; skipped.");
  Deno.exit(0);
}
const { db } = bench;
const kvDir = await Deno.makeTempDir({ prefix: "contrail-bench-undo-" });
try {
  await seedTestSchedule(db.sql, 1);
  // KV in a file, as in production: in memory (the tests' default) every flight's inventory
  // the undo loads would count as the process's memory.
  const t = await testApp(db, undefined, { env: { KV_PATH: `${kvDir}/kv.sqlite3` } });
  const [user] = await db.sql`
    INSERT INTO users (email, name, role) VALUES ('bench-undo@example.test', 'Ops', 'operator')
    RETURNING id`;
  const token = await signAccessToken(
    { sub: user.id, role: "operator", email: "bench-undo@example.test" },
    t.deps.config.jwtSecret!,
    t.clock.now(),
  );
  const headers = { Authorization: `Bearer ${token}` };
  const runner = {
    sql: db.sql,
    log: t.deps.log,
    clock: systemClock,
    steps: importUndoSteps({ ...adminDeps(t.deps), clock: systemClock }),
  };
  const form = new FormData();
  form.append("file", new File([csvBody(N)], "undo.csv"));
  const upload = await t.app.request("/api/admin/flights/bulk", {
    method: "POST",
    headers,
    body: form,
  });
  const { id: importId } = await upload.json();
  const imported = await measure(() => runDueJobs(runner));
  const [job] = await db.sql`SELECT accepted FROM jobs WHERE id = ${importId}`;
  if (job.accepted !== N) throw new Error(`import: ${job.accepted} of ${N} accepted`);

  const asked = await measure(async () => {
    const res = await t.app.request(`/api/admin/jobs/${importId}/undo`, {
      method: "POST",
      headers,
    });
    if (res.status !== 202) throw new Error(`undo: ${res.status} ${await res.text()}`);
    return await res.json();
  });
  const undone = await measure(() => runDueJobs(runner));
  const actors = t.deps.registry.size;
  const [undo] = await db.sql`
    SELECT status, accepted, rejected FROM jobs WHERE id = ${asked.value.id}`;
  const [{ left }] = await db.sql`
    SELECT count(*)::int AS left FROM flights WHERE carrier = 'UX'`;
  await t.close();
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  console.log(`\nImport undo of ${N.toLocaleString("en-US")} flights (PostgreSQL server)\n`);
  console.log("| phase | ms | flights/s | peak RSS growth | JS heap after GC |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  const line = (phase: string, m: { ms: number; growth: number; heap: number }) =>
    console.log(
      `| ${phase} | ${m.ms.toFixed(0)} | ${Math.round(N / m.ms * 1000)} | ${mb(m.growth)} | ${
        mb(m.heap)
      } |`,
    );
  line("import (job)", imported);
  console.log(`| undo request (202) | ${asked.ms.toFixed(1)} | – | – | – |`);
  line("undo (job)", undone);
  console.log(
    `\nundo job: ${undo.status}, ${undo.accepted} deleted, ${undo.rejected} kept; ` +
      `${left} of the import's flights left; ${actors} actors in memory after it.`,
  );
} finally {
  await bench.drop();
  await Deno.remove(kvDir, { recursive: true });
}
