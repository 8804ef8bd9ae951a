/**
 * `deno task weight` (after `deno task build`): the JavaScript each page loads, its island
 * bundles plus every chunk they import (followed through the static `import` statements of
 * the built files), raw and gzipped, one line per page and a total. Exits 1 when a page is
 * over its budget. Options: `--dir=DIR` (default static/build), `--budget-kb=N` (every
 * budgeted page's limit, for trying the check).
 */

import { parseBuildManifest } from "../platform/build_manifest.ts";

/** A page and the islands it can load (a signed-in user's header adds the bell). */
interface PageSpec {
  page: string;
  islands: string[];
  /** Most gzipped KB of JavaScript the page may load. */
  budgetKb?: number;
}

/** The pages measured; the search pages carry the budget from issue #7. */
export const PAGES: PageSpec[] = [
  { page: "/", islands: ["AirportCombobox", "DepartureBoard", "NotificationBell"], budgetKb: 60 },
  { page: "/search", islands: ["AirportCombobox", "NotificationBell"], budgetKb: 60 },
  { page: "/flights/:id", islands: ["SeatMap", "NotificationBell"] },
  {
    page: "/checkout/:id",
    islands: ["HoldCountdown", "SeatMap", "PaymentForm", "PassengerSeats", "NotificationBell"],
  },
  { page: "/trips/:id", islands: ["FlightStatusLive", "TripLive", "NotificationBell"] },
  { page: "/account/preferences", islands: ["PushToggle", "NotificationBell"] },
  { page: "/admin", islands: ["DashboardCharts", "NotificationBell"] },
  { page: "/admin/flights/recurring", islands: ["RecurringPlanner", "NotificationBell"] },
  { page: "/admin/flights/upload", islands: ["CsvUpload", "JobProgress", "NotificationBell"] },
  { page: "/admin/aircraft-types/:code", islands: ["LayoutEditor", "NotificationBell"] },
  { page: "/admin/ops", islands: ["OpsBoard", "NotificationBell"] },
];

const KB = 1024;
// Static imports and re-exports of a minified ESM file: `import{a}from"./x.js"`,
// `import"./x.js"`, `export*from"./x.js"`. Dynamic `import("./x.js")` loads on demand.
const STATIC_IMPORT =
  /\b(?:import|export)\s*(?:\{[^}]*\}|\*(?:\s*as\s*[\w$]+)?|[\w$]+(?:\s*,\s*\{[^}]*\})?)?\s*(?:from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

// Dynamic `import("./x.js")`: loaded on demand, reported apart from what the page loads at once.
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** Sizes of one built file. */
interface FileSize {
  raw: number;
  gzip: number;
  imports: string[];
  lazy: string[];
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).arrayBuffer()).byteLength;
}

function importsOf(pattern: RegExp, source: string, file: string): string[] {
  const base = new URL(file, "file:///build/");
  return [...source.matchAll(pattern)].map((m) =>
    new URL(m[1], base).pathname.replace(/^\/build\//, "")
  );
}

/** The static imports of a built file, as paths relative to the build directory. */
export function staticImports(source: string, file: string): string[] {
  return importsOf(STATIC_IMPORT, source, file);
}

/** The dynamic `import()`s of a built file, as paths relative to the build directory. */
export function dynamicImports(source: string, file: string): string[] {
  return importsOf(DYNAMIC_IMPORT, source, file);
}

/** Every file reached from `start` through static imports, each once, `start` first. */
async function closure(
  start: string[],
  read: (file: string) => Promise<FileSize>,
): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...(await read(file)).imports);
  }
  return [...seen];
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** Measures every page in `dir`; the report lines, and whether every page is in budget. */
export async function measure(
  dir: string,
  budgetOverride?: number,
): Promise<{ lines: string[]; ok: boolean }> {
  const cache = new Map<string, Promise<FileSize>>();
  const read = (file: string) => {
    let size = cache.get(file);
    if (!size) {
      size = Deno.readFile(`${dir}/${file}`).then(async (bytes) => ({
        raw: bytes.byteLength,
        gzip: await gzipSize(bytes),
        imports: staticImports(new TextDecoder().decode(bytes), file),
        lazy: dynamicImports(new TextDecoder().decode(bytes), file),
      }));
      cache.set(file, size);
    }
    return size;
  };
  // Bundle names carry a hash of their content: the build's manifest names them.
  const { bundles } = parseBuildManifest(await Deno.readTextFile(`${dir}/manifest.json`));
  const lines: string[] = [];
  const all = new Set<string>();
  let ok = true;
  for (const spec of PAGES) {
    const files = await closure(spec.islands.map((name) => bundles[name]), read);
    const sizes = await Promise.all(files.map(read));
    // What the page's islands may import later (uPlot on the dashboard), beyond what it has.
    const later = (await closure(sizes.flatMap((s) => s.lazy), read)).filter((f) =>
      !files.includes(f)
    );
    const laterGzip = (await Promise.all(later.map(read))).reduce((n, s) => n + s.gzip, 0);
    [...files, ...later].forEach((f) => all.add(f));
    const raw = sizes.reduce((n, s) => n + s.raw, 0);
    const gzip = sizes.reduce((n, s) => n + s.gzip, 0);
    const budget = spec.budgetKb === undefined ? undefined : budgetOverride ?? spec.budgetKb;
    const over = budget !== undefined && gzip > budget * KB;
    if (over) ok = false;
    lines.push(
      `${spec.page.padEnd(26)} ${String(files.length).padStart(2)} files ${
        kb(raw).padStart(9)
      } raw ` +
        `${kb(gzip).padStart(9)} gzip` +
        (later.length ? `  + ${kb(laterGzip)} gzip on demand` : "") +
        (budget === undefined ? "" : `  budget ${budget} KB${over ? "  OVER BUDGET" : ""}`) +
        `  (${spec.islands.join(", ")})`,
    );
  }
  const sizes = await Promise.all([...all].map(read));
  lines.push(
    `${"total".padEnd(26)} ${String(all.size).padStart(2)} files ` +
      `${kb(sizes.reduce((n, s) => n + s.raw, 0)).padStart(9)} raw ` +
      `${kb(sizes.reduce((n, s) => n + s.gzip, 0)).padStart(9)} gzip  (each file once)`,
  );
  return { lines, ok };
}

if (import.meta.main) {
  const arg = (name: string) =>
    Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const dir = arg("dir") ?? new URL("../static/build", import.meta.url).pathname;
  const budget = arg("budget-kb");
  try {
    const { lines, ok } = await measure(dir, budget === undefined ? undefined : Number(budget));
    console.log(lines.join("\n"));
    if (!ok) {
      console.error("A page loads more JavaScript than its budget allows.");
      Deno.exit(1);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
    console.error(`${err.message}\nRun \`deno task build\` first.`);
    Deno.exit(1);
  }
}
