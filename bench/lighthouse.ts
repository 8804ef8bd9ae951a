/**
 * `deno task lighthouse [--runs=N]`: Lighthouse 12.2.3 (mobile, its default simulated slow 4G
 * and 4× slower CPU, performance only) on Debian's Chromium against a real server (the `serve`
 * task's permissions, production mode, the PostgreSQL server with 14 days of the demo
 * schedule): the home page, a search results page (the busiest route tomorrow) and a flight
 * page (tomorrow's largest aircraft, so the largest seat map). Prints each run's score, FCP, LCP, TBT, CLS, Speed Index
 * and bytes over the wire, then for each page's last run where its LCP and TBT come from.
 * Lighthouse is installed from npm on first use into ~/.cache/contrail (or LIGHTHOUSE_DIR).
 * `--reports=DIR` keeps each run's JSON report there (`<page>-<run>.json`).
 */
import { seedDemoData } from "../db/seed.ts";
import { addDays } from "../domain/time.ts";
import { CHROMIUM } from "../tests/support/browser.ts";
import { openBenchDatabase, startBenchServer } from "./bench_db.ts";
import {
  diagnosis,
  type LighthouseResult,
  RUN_HEADER,
  type RunFigures,
  runFigures,
  runRow,
} from "./lighthouse_report.ts";

const VERSION = "12.2.3";
const arg = (name: string) =>
  Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const runs = Number(arg("runs") ?? 3);
// Each run's full JSON report is kept there when given, for Lighthouse's own viewer.
const reportsDir = arg("reports");
const home = Deno.env.get("HOME") ?? "/tmp";
const installDir = Deno.env.get("LIGHTHOUSE_DIR") ??
  `${home}/.cache/contrail/lighthouse-${VERSION}`;
const cli = `${installDir}/node_modules/lighthouse/cli/index.js`;

/** Installs the pinned Lighthouse with npm, once. */
async function installLighthouse(): Promise<void> {
  try {
    await Deno.stat(cli);
    return;
  } catch {
    console.log(`installing lighthouse@${VERSION} into ${installDir} …`);
  }
  await Deno.mkdir(installDir, { recursive: true });
  const out = await new Deno.Command("npm", {
    args: ["install", "--no-audit", "--no-fund", "--silent", `lighthouse@${VERSION}`],
    cwd: installDir,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error("npm install lighthouse failed");
}

/** One Lighthouse run of `url`: its result, parsed from the JSON report (kept as `keep`). */
async function lighthouse(url: string, keep?: string): Promise<LighthouseResult> {
  const report = keep ?? await Deno.makeTempFile({ suffix: ".json" });
  try {
    const out = await new Deno.Command("node", {
      args: [
        cli,
        url,
        "--only-categories=performance",
        "--form-factor=mobile",
        "--output=json",
        `--output-path=${report}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        "--quiet",
      ],
      env: { CHROME_PATH: CHROMIUM },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr).slice(-2000));
    const lhr: LighthouseResult = JSON.parse(await Deno.readTextFile(report));
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    if (!keep) await Deno.remove(report).catch(() => {});
  }
}

await installLighthouse();
if (reportsDir) await Deno.mkdir(reportsDir, { recursive: true });
const bench = await openBenchDatabase("contrail_bench_lighthouse", 4);
if (!bench) {
  console.log("lighthouse: no PostgreSQL server reachable; skipped.");
  Deno.exit(0);
}
const today = new Date().toISOString().slice(0, 10);
const seeded = await seedDemoData(bench.db.sql, {
  startDate: today,
  days: 14,
  demoPassword: "x",
  hashPassword: (p) => Promise.resolve(p),
});
const date = addDays(today, 1);
// The busiest route tomorrow, and the flight with the most seats: the largest seat map.
const [route] = await bench.db.sql`
  SELECT origin, destination FROM flights WHERE departure_date = ${date}
  GROUP BY origin, destination ORDER BY count(*) DESC, origin, destination LIMIT 1`;
const [flight] = await bench.db.sql`
  SELECT f.id FROM flights f JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
  WHERE f.departure_date = ${date} ORDER BY t.seat_count DESC, f.departure_local LIMIT 1`;
const server = await startBenchServer(bench.url);
const pages: [string, string][] = [
  ["home", "/"],
  ["search", `/search?from=${route.origin}&to=${route.destination}&date=${date}`],
  ["flight", `/flights/${flight.id}`],
];
const rows: string[] = [];
const notes: string[] = [];
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  console.log(
    `${seeded.flights} flights seeded; ${runs} run(s) per page against ${server.url}; ` +
      `load average ${await loadAverage()}`,
  );
  for (const [name, path] of pages) {
    const url = new URL(path, server.url).href;
    // A server in service has answered the page before: its first answer compiles code and
    // plans queries, which Lighthouse would count as server response time.
    for (let i = 0; i < 3; i++) await (await fetch(url)).arrayBuffer();
    const figures: RunFigures[] = [];
    let last: LighthouseResult | undefined;
    for (let run = 1; run <= runs; run++) {
      const keep = reportsDir && `${reportsDir}/${name}-${run}.json`;
      // Lighthouse now and then loses the trace of a load (NO_NAVSTART): that run once more.
      last = await lighthouse(url, keep).catch((err) => {
        console.log(`  ${name} run ${run} again: ${String(err.message).split("\n")[0]}`);
        return lighthouse(url, keep);
      });
      figures.push(runFigures(last, url));
      rows.push(runRow(name, run, figures.at(-1)!));
      console.log(rows.at(-1));
    }
    const scores = figures.map((f) => f.score);
    notes.push(
      `${name} (${path}): score ${Math.min(...scores)}–${Math.max(...scores)}, median ${
        median(scores)
      }; benchmark index ${figures[0].benchmarkIndex ?? "?"}`,
      ...diagnosis(last!),
    );
  }
} finally {
  await server.stop();
  await bench.drop();
}
console.log(`load average at the end ${await loadAverage()}`);

/** The 1-minute load average: Lighthouse's CPU figures (TBT above all) follow the machine's load. */
async function loadAverage(): Promise<string> {
  return (await Deno.readTextFile("/proc/loadavg").catch(() => "?")).split(" ")[0];
}

console.log(
  `\nLighthouse ${VERSION}, mobile (simulated slow 4G, 4× CPU slowdown), performance only\n`,
);
for (const line of [...RUN_HEADER, ...rows]) console.log(line);
console.log("\nWhere the time goes (last run of each page):");
for (const line of notes) console.log(line);
