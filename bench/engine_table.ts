/**
 * How `deno task bench:engine` prints: one row per figure, the figure it replaces beside it,
 * one column per build (a range over the rounds) and, with a baseline, the ratio of means.
 */
import type { WriteFigures } from "./engine_scenarios.ts";
import type { SearchFigures } from "./wrk_runner.ts";
import { ratio } from "./baseline.ts";

/** A search run with the server CPU it cost. */
export type SearchRun = SearchFigures & { cpuMsPerRequest: number };

/** One round on one build; an Error stands for a scenario that failed. */
export interface EngineRound {
  writes?: WriteFigures | Error;
  search1?: SearchRun | Error;
  search2?: SearchRun | Error;
}

/** A build's rounds. */
export interface EngineSide {
  label: string;
  flights: number;
  rounds: EngineRound[];
}

interface Metric {
  name: string;
  before: string;
  get: (r: EngineRound) => number | undefined;
  digits?: number;
  unit?: string;
}

const w = (f: (x: WriteFigures) => number) => (r: EngineRound) =>
  r.writes && !(r.writes instanceof Error) ? f(r.writes) : undefined;
const s1 = (f: (x: SearchRun) => number) => (r: EngineRound) =>
  r.search1 && !(r.search1 instanceof Error) ? f(r.search1) : undefined;

const METRICS: Metric[] = [
  { name: "bookings/s while seats last", before: "529–650", get: w((x) => x.heldPerSecond) },
  {
    name: "booking answers/s, Idempotency-Key on every one",
    before: "753 (1,845 without a key)",
    get: w((x) => x.answersPerSecond),
  },
  { name: "booking p50", before: "–", get: w((x) => x.latency.p50), unit: " ms" },
  { name: "booking p99", before: "242–286 ms", get: w((x) => x.latency.p99), unit: " ms" },
  {
    name: "sold-out answer p50",
    before: "102 ms",
    get: w((x) => x.soldOutLatency.p50),
    unit: " ms",
  },
  { name: "sold-out answer p99", before: "–", get: w((x) => x.soldOutLatency.p99), unit: " ms" },
  { name: "seats oversold", before: "0", get: w((x) => x.oversold), digits: 0 },
  { name: "seats sold twice", before: "0", get: w((x) => x.seatsTwice), digits: 0 },
  { name: "reconcile in sync (1 = yes)", before: "–", get: w((x) => Number(x.inSync)) },
  { name: "paid/s (book + pay)", before: "96–132", get: w((x) => x.paidPerSecond) },
  { name: "pay p50", before: "–", get: w((x) => x.payLatency.p50), unit: " ms" },
  { name: "pay p99", before: "346–645 ms", get: w((x) => x.payLatency.p99), unit: " ms" },
  {
    name: "same-key (book, pay) pairs charged exactly once",
    before: "–",
    get: w((x) => x.chargedOnce / x.sameKeyPairs * 100),
    digits: 0,
    unit: " %",
  },
  { name: "search requests/s, ISOLATES=1", before: "910–1,160", get: s1((x) => x.rps) },
  { name: "search p50, ISOLATES=1", before: "–", get: s1((x) => x.p50), unit: " ms" },
  { name: "search p99, ISOLATES=1", before: "37–50 ms", get: s1((x) => x.p99), unit: " ms" },
  {
    name: "search requests/s, ISOLATES=2 ÷ ISOLATES=1",
    before: "–",
    get: (r) =>
      r.search2 && !(r.search2 instanceof Error)
        ? r.search2.rps / (s1((x) => x.rps)(r) ?? NaN)
        : undefined,
    digits: 2,
  },
  {
    name: "server CPU per booking (held)",
    before: "0.52–0.85 ms",
    get: w((x) => x.cpuMsPerBooking),
    digits: 2,
    unit: " ms",
  },
  {
    name: "server CPU per sold-out answer",
    before: "–",
    get: w((x) => x.cpuMsPerSoldOut),
    digits: 2,
    unit: " ms",
  },
  {
    name: "server CPU per payment",
    before: "–",
    get: w((x) => x.cpuMsPerPayment),
    digits: 2,
    unit: " ms",
  },
  {
    name: "server CPU per search, ISOLATES=1",
    before: "0.9–1.15 ms",
    get: s1((x) => x.cpuMsPerRequest),
    digits: 2,
    unit: " ms",
  },
];

function cell(values: number[], m: Metric): string {
  if (!values.length) return "–";
  const digits = m.digits ?? (Math.max(...values) >= 100 ? 0 : 1);
  const f = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  return `${lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`}${m.unit ?? ""}`;
}

const mean = (v: number[]) => v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined;

/** Prints the figures of every build, a failed scenario's error in place of its figures. */
export function printEngine(sides: EngineSide[], { conditions }: { conditions: string }): void {
  console.log(`\nThe engine under load: ${conditions}\n`);
  const head = ["figure", "replaces (before this round)", ...sides.map((s) => s.label)];
  if (sides.length === 2) head.push("this ÷ baseline");
  console.log(`| ${head.join(" | ")} |\n|${head.map(() => " --- ").join("|")}|`);
  for (const m of METRICS) {
    const values = sides.map((s) =>
      s.rounds.map(m.get).filter((v): v is number => v !== undefined && Number.isFinite(v))
    );
    const cells = values.map((v) => cell(v, m));
    if (sides.length === 2) cells.push(ratio(mean(values[0]), mean(values[1])));
    console.log(`| ${[m.name, m.before, ...cells].join(" | ")} |`);
  }
  for (const s of sides) {
    s.rounds.forEach((r, i) => {
      const parts = Object.entries(r).map(([what, v]) =>
        v instanceof Error
          ? `${what} FAILED: ${v.message.slice(0, 300)}`
          : what === "writes"
          ? `bookings ${JSON.stringify(v.statuses)}, pays ${JSON.stringify(v.payStatuses)}, ` +
            `same-key ${JSON.stringify(v.sameKeyAnswers)}`
          : `${what}: ${v.requests} requests, ${v.non2xx} non-2xx, ${v.socketErrors} socket errors`
      );
      console.log(`  [${s.label}] round ${i + 1}: ${parts.join("; ")}`);
    });
  }
}
