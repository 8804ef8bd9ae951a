/**
 * How `deno task storm` prints a storm: one row per figure, the figure it replaces beside it,
 * one column per build (this one, a baseline) and their ratio; and the targets it missed.
 */
import type { StormReport } from "./storm.ts";
import { ratio } from "./baseline.ts";

/** One build's result of one storm: its report, or how the run failed. */
export interface StormColumn {
  label: string;
  report?: StormReport | Error;
}

interface Row {
  name: string;
  /** The figure measured before this round, which this row replaces. */
  before: string;
  show: (r: StormReport) => string;
  /** The number the ratio column divides. */
  value?: (r: StormReport) => number | undefined;
}

const f0 = (n: number) => Math.round(n).toLocaleString("en-US");
const f1 = (n: number) => n.toFixed(1);
const spread = (s: { p50: number; p99: number; max: number }, unit: string) =>
  `p50 ${f1(s.p50)} ${unit}, p99 ${f1(s.p99)} ${unit}, max ${f1(s.max)} ${unit}`;

function restartCell(r: StormReport): string {
  const s = r.restart;
  if (!s) return "–";
  return `killed ${f1(s.killedAtSeconds)} s after the first expiry, down ${s.downSeconds} s; ` +
    `up in ${f1(s.startupSeconds)} s facing ${f0(s.backlog.held)} held, ` +
    `${f0(s.backlog.expired - s.backlog.notified)} untold; drained ${f1(s.drainSeconds)} s ` +
    `after the restart, peak ${f0(s.rssPeakMb)} MB`;
}

function rows(restart: boolean): Row[] {
  return [
    {
      name: "holds made over HTTP",
      before: restart ? "7,000 on 3 flights" : "3,000 on 3 flights, HOLD_TTL_SECONDS=60",
      show: (r) => `${f0(r.holdsMade)} (${f0(r.holdsPerSecond)}/s)`,
      value: (r) => r.holdsPerSecond,
    },
    {
      name: "peak resident memory",
      before: restart ? "out of memory, twice" : "140 MB → 3.6 GB within 2 min",
      show: (r) =>
        `${f0(r.rssPeakMb)} MB (${f0(r.rssStartMb)} MB at start, ${
          f0(r.rssHoldsMb)
        } MB before the first expiry)`,
      value: (r) => r.rssPeakMb,
    },
    {
      name: "expiry → booking expired in Postgres",
      before: "all within ~20 s",
      show: (r) =>
        `${f0(r.outcome.expired)}/${f0(r.outcome.bookings)}: ${spread(r.outcome.expiredLag, "s")}`,
      value: (r) => r.outcome.expiredLag.max,
    },
    {
      name: "expiry notices stored",
      before: restart ? "the restart died before telling the backlog" : "about a third",
      show: (r) =>
        `${f0(r.outcome.notified)} of ${f0(r.outcome.expired)}, missing ${r.outcome.missing}`,
      value: (r) => r.outcome.notified,
    },
    {
      name: restart ? "expiry (or restart) → notice" : "expiry → notice",
      before: "– (most never sent)",
      show: (r) => spread(r.outcome.noticeLag, "s"),
      value: (r) => r.outcome.noticeLag.p99,
    },
    { name: "duplicate notices", before: "–", show: (r) => String(r.outcome.duplicates) },
    {
      name: "expiry throughput",
      before: "~1,000 notices in 2+ min, then none",
      show: (r) =>
        `${f0(r.outcome.noticesPerSecond)} notices/s; drained ${
          f1(r.drainSeconds)
        } s after the first expiry`,
      value: (r) => r.outcome.noticesPerSecond,
    },
    {
      name: "search during the storm",
      before: "–",
      show: (r) =>
        r.search
          ? `${spread(r.search, "ms")} (${f0(r.search.count)} requests, ${r.search.errors} errors)`
          : "–",
      value: (r) => r.search?.p99,
    },
    { name: "error lines in the server log", before: "–", show: (r) => String(r.errors.length) },
    {
      name: "error lines while shutting down on SIGTERM",
      before: "–",
      show: (r) => String(r.shutdownErrors.length),
    },
    {
      name: "unplanned exits",
      before: restart ? "2 (the storm, then the restart)" : "none at 3,000 holds; OOM at 7,000",
      show: (r) => r.crashes.length ? r.crashes.join("; ") : "none",
    },
    ...restart ? [{ name: "restart on the backlog", before: "died again", show: restartCell }] : [],
  ];
}

/** The targets a storm missed, each as a sentence. */
export function stormMisses(r: StormReport | Error | undefined): string[] {
  if (!r) return [];
  if (r instanceof Error) return [`the run failed: ${r.message.slice(0, 200)}`];
  const out: string[] = [];
  if (r.rssPeakMb >= 400) out.push(`peak RSS ${f0(r.rssPeakMb)} MB ≥ 400 MB`);
  if (!r.drained) out.push("the storm did not drain");
  if (r.outcome.missing) out.push(`${r.outcome.missing} notices missing`);
  if (r.outcome.duplicates) out.push(`${r.outcome.duplicates} duplicate notices`);
  if (r.outcome.late) out.push(`${r.outcome.late} notices later than 60 s`);
  if (r.search && r.search.p99 >= 100) out.push(`search p99 ${f1(r.search.p99)} ms ≥ 100 ms`);
  for (const [lines, when] of [[r.errors, ""], [r.shutdownErrors, " at shutdown"]] as const) {
    if (lines.length) out.push(`${lines.length} error lines${when}: ${lines[0].slice(0, 200)}`);
  }
  if (r.crashes.length) out.push(`exited: ${r.crashes[0]}`);
  return out;
}

/** Prints one storm as a Markdown table, with a ratio column when there are two builds. */
export function printStorm(title: string, columns: StormColumn[], restart: boolean): void {
  console.log(`\n${title}\n`);
  const head = ["figure", "replaces (before this round)", ...columns.map((c) => c.label)];
  if (columns.length === 2) head.push("this ÷ baseline");
  console.log(`| ${head.join(" | ")} |\n|${head.map(() => " --- ").join("|")}|`);
  const ok = (r: StormColumn["report"]) => r && !(r instanceof Error) ? r : undefined;
  for (const [i, row] of rows(restart).entries()) {
    const cells = columns.map(({ report: r }) => {
      if (r instanceof Error) return i ? "–" : `failed: ${r.message.split("\n")[0].slice(0, 160)}`;
      return r ? row.show(r) : "–";
    });
    if (columns.length === 2) {
      const [a, b] = columns.map((c) => ok(c.report) && row.value?.(ok(c.report)!));
      cells.push(ratio(a, b));
    }
    console.log(`| ${[row.name, row.before, ...cells].join(" | ")} |`);
  }
  for (const c of columns) {
    const r = ok(c.report);
    for (const e of [...r?.errors ?? [], ...r?.shutdownErrors ?? []].slice(0, 5)) {
      console.log(`  [${c.label}] error line: ${e.slice(0, 400)}`);
    }
  }
}
