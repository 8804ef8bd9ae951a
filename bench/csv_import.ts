/**
 * CSV bulk upload of flights through the real app: a 100,000-row file generated as a stream
 * (never one string) is uploaded with `app.request`, then imported by the job runner. Prints
 * rows/s for the upload and the import and the peak RSS growth of each phase, against two
 * baselines in the same process: the same 100,000 rows only parsed (multipart + CSV, no
 * database) and a 10,000-row file through the same path. If memory does not grow with the
 * file, the 100,000-row phases peak about where the 10,000-row ones do.
 * Runs against the PostgreSQL server (`BENCH_DATABASE_URL`), so RSS is the app's alone.
 */
import { openBenchDatabase } from "./bench_db.ts";
import { runDueJobs } from "../workers/job_runner.ts";
import { csvRecordStream } from "../domain/csv.ts";
import { readMultipartFile } from "../adapters/multipart.ts";
import { utf8Text } from "../services/schedule/flight_csv_upload.ts";
import { signAccessToken } from "../adapters/tokens.ts";
import { systemClock } from "../platform/clock.ts";
import { testApp } from "../tests/support/app.ts";
import { seedTestSchedule } from "../tests/support/seed.ts";

const BIG = 100_000;
const SMALL = 10_000;
const BOUNDARY = "bench-csv-boundary";
const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "fare_F,fare_J,fare_W,fare_Y,carrier\r\n";
// Valid in June whatever the day: [origin, destination, departs, arrives, type, fares F-Y].
const TEMPLATES = [
  ["LHR", "JFK", "09:00", "12:00", "B789", ",250000,90000,45000"],
  ["LHR", "CDG", "09:00", "11:20", "A20N", ",90000,,30000"],
  ["JFK", "LAX", "08:00", "11:30", "A20N", ",120000,,40000"],
  ["FRA", "AMS", "07:00", "08:10", "E195", ",60000,,20000"],
  ["DXB", "LHR", "08:30", "12:45", "B77W", "900000,300000,120000,60000"],
];

function row(i: number, carrier: string): string {
  const [from, to, dep, arr, type, fares] = TEMPLATES[i % TEMPLATES.length];
  const day = String(1 + Math.floor(i / 9000)).padStart(2, "0");
  return `${(i % 9000) + 1},${from},${to},2030-06-${day}T${dep},2030-06-${day}T${arr},${type},` +
    `${fares},${carrier}\r\n`;
}

/** The multipart body of a `rows`-row file, produced 64 KiB at a time. */
function multipartBody(rows: number, carrier: string): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = -1;
  return new ReadableStream({
    pull(controller) {
      if (i > rows) return controller.close();
      let chunk = "";
      if (i < 0) {
        chunk = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; ` +
          `filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER}`;
        i = 0;
      }
      while (chunk.length < 65_536 && i < rows) chunk += row(i++, carrier);
      if (i === rows) {
        chunk += `\r\n--${BOUNDARY}--\r\n`;
        i++;
      }
      controller.enqueue(enc.encode(chunk));
    },
  });
}

/** Runs `fn`, sampling RSS every 5 ms; returns seconds and peak growth over the start. */
async function measure<T>(fn: () => Promise<T>) {
  (globalThis as { gc?: () => void }).gc?.();
  const start = Deno.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 5);
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, Deno.memoryUsage().rss);
  (globalThis as { gc?: () => void }).gc?.();
  return { value, seconds, growth: peak - start, peak, heap: Deno.memoryUsage().heapUsed };
}

const bench = await openBenchDatabase("contrail_bench_csv", 4);
if (!bench) {
  console.log("csv_import: no PostgreSQL server answers; skipped.");
  Deno.exit(0);
}
const { db } = bench;
type Result = { phase: string; rows: number; seconds: number; growth: number; peak: number };
const results: (Result & { heap: number })[] = [];
try {
  await seedTestSchedule(db.sql, 1);
  const t = await testApp(db);
  const [user] = await db.sql`
    INSERT INTO users (email, name, role) VALUES ('bench-ops@example.test', 'Ops', 'operator')
    RETURNING id`;
  const token = await signAccessToken(
    { sub: user.id, role: "operator", email: "bench-ops@example.test" },
    t.deps.config.jwtSecret!,
    t.clock.now(),
  );
  const runner = { sql: db.sql, log: t.deps.log, clock: systemClock };

  const parsed = await measure(async () => {
    const file = await readMultipartFile(
      multipartBody(BIG, "XP"),
      `multipart/form-data; boundary=${BOUNDARY}`,
      {
        field: "file",
      },
    );
    let n = 0;
    for await (
      const _ of file.body.pipeThrough(utf8Text()).pipeThrough(csvRecordStream())
    ) n++;
    return n;
  });
  results.push({ phase: "parse only (baseline)", rows: parsed.value - 1, ...parsed });

  // The first pass through upload and import (JIT, pools, caches) is not measured.
  for (const [rows, carrier] of [[2_000, "XW"], [SMALL, "XS"], [BIG, "XB"]] as const) {
    const uploaded = await measure(async () => {
      const res = await t.app.request(
        new Request("http://localhost/api/admin/flights/bulk", {
          method: "POST",
          headers: {
            Authorization: `Bearer ${token}`,
            "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
          },
          body: multipartBody(rows, carrier),
        }),
      );
      if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
      return await res.json();
    });
    const imported = await measure(() => runDueJobs(runner));
    const [job] = await db.sql`SELECT accepted, rejected FROM jobs WHERE id = ${uploaded.value.id}`;
    if (job.accepted !== rows) throw new Error(`import: ${job.accepted} of ${rows} accepted`);
    if (carrier === "XW") continue;
    results.push({ phase: `upload ${rows.toLocaleString("en-US")} rows`, rows, ...uploaded });
    results.push({ phase: `import ${rows.toLocaleString("en-US")} rows`, rows, ...imported });
  }
  await t.close();
} finally {
  await bench.drop();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log("\nCSV bulk upload: streamed upload, then background import (PostgreSQL server)\n");
console.log("| phase | rows | seconds | rows/s | peak RSS growth | peak RSS | JS heap after GC |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  console.log(
    `| ${r.phase} | ${r.rows.toLocaleString("en-US")} | ${r.seconds.toFixed(2)} | ${
      Math.round(r.rows / r.seconds).toLocaleString("en-US")
    } | ${mb(r.growth)} | ${mb(r.peak)} | ${mb(r.heap)} |`,
  );
}
const by = (phase: string) => results.find((r) => r.phase.startsWith(phase))!;
const peakOf = (rows: string) => Math.max(by(`upload ${rows}`).peak, by(`import ${rows}`).peak);
const mbs = (a: number, b: number) => `${mb(a)} → ${mb(b)} (×${(b / a).toFixed(2)})`;
console.log(
  `\n10,000 → 100,000 rows (10× the file): process peak RSS ${
    mbs(peakOf("10,"), peakOf("100,"))
  }; JS heap kept after GC ${mbs(by("import 10,").heap, by("import 100,").heap)}; ` +
    `parsing alone peaked at ${mb(by("parse only").peak)}.`,
);
