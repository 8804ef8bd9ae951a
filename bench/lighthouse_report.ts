/**
 * What `deno task lighthouse` prints from a Lighthouse result (its JSON `lhr`): the figures of
 * one run, and for a page's last run where its LCP and TBT come from.
 */

/** The part of a Lighthouse audit this report reads. */
interface Audit {
  score?: number | null;
  errorMessage?: string;
  numericValue?: number;
  displayValue?: string;
  details?: {
    type?: string;
    items?: Record<string, unknown>[];
    headings?: { key: string; label?: string }[];
  };
}

/** The part of a Lighthouse result this report reads. */
export interface LighthouseResult {
  categories: { performance: { score: number | null } };
  audits: Record<string, Audit | undefined>;
  environment?: { benchmarkIndex?: number };
  runtimeError?: { code: string; message: string };
}

/** The figures of one run. */
export interface RunFigures {
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** Bytes over the wire for everything the page loaded (headers and encoded bodies). */
  transferred: number;
  /** Bytes over the wire for the HTML document alone. */
  documentBytes: number;
  requests: number;
  benchmarkIndex?: number;
}

const num = (lhr: LighthouseResult, id: string) => lhr.audits[id]?.numericValue ?? NaN;

/** The figures of one run of `url`. */
export function runFigures(lhr: LighthouseResult, url: string): RunFigures {
  const requests = lhr.audits["network-requests"]?.details?.items ?? [];
  const document = requests.find((r) => r.url === url);
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    fcpMs: num(lhr, "first-contentful-paint"),
    lcpMs: num(lhr, "largest-contentful-paint"),
    tbtMs: num(lhr, "total-blocking-time"),
    cls: num(lhr, "cumulative-layout-shift"),
    speedIndexMs: num(lhr, "speed-index"),
    transferred: num(lhr, "total-byte-weight"),
    documentBytes: Number(document?.transferSize ?? NaN),
    requests: requests.length,
    benchmarkIndex: lhr.environment?.benchmarkIndex,
  };
}

/** One table row of a run: score, then the metrics, then the bytes. */
export function runRow(page: string, run: number, f: RunFigures): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  const kb = (v: number) => `${(v / 1024).toFixed(1)} KB`;
  return `| ${page} | ${run} | ${f.score} | ${ms(f.fcpMs)} | ${ms(f.lcpMs)} | ${ms(f.tbtMs)} | ${
    f.cls.toFixed(3)
  } | ${ms(f.speedIndexMs)} | ${kb(f.documentBytes)} | ${kb(f.transferred)} | ${f.requests} |`;
}

/** The header of the rows runRow prints. */
export const RUN_HEADER = [
  "| page | run | score | FCP | LCP | TBT | CLS | Speed Index | HTML over the wire | all over the wire | requests |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];

function short(value: unknown, length = 100): string {
  const text = String(value ?? "").replace(/\s+/g, " ");
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function tableLines(audit: Audit | undefined, pick: (item: Record<string, unknown>) => string) {
  return (audit?.details?.items ?? []).slice(0, 6).map((item) => `    ${pick(item)}`);
}

/**
 * Where a run's time goes: the LCP element and the phases of its time (TTFB, load delay,
 * load time, render delay), what blocked rendering, the long main-thread tasks behind TBT,
 * the scripts' and the main thread's work, and the DOM's size.
 */
export function diagnosis(lhr: LighthouseResult): string[] {
  const a = lhr.audits;
  const lcpAudit = a["largest-contentful-paint-element"];
  const lcp = lcpAudit?.details?.items ?? [];
  const element = (lcp[0] as { items?: { node?: { snippet?: string } }[] })?.items?.[0]?.node;
  const phases = (lcp[1] as { items?: { phase: string; timing: number }[] })?.items ?? [];
  const fcp = a["first-contentful-paint"]?.numericValue;
  const lcpMs = a["largest-contentful-paint"]?.numericValue;
  return [
    // Lighthouse 12.2.3 cannot always read Chromium's newer trace for the element itself.
    `  LCP element: ${
      element ? short(element.snippet) : `unknown (${short(lcpAudit?.errorMessage, 80)})`
    }${lcpMs === fcp ? "; LCP is the first contentful paint" : ""}`,
    `  LCP phases: ${phases.map((p) => `${p.phase} ${Math.round(p.timing)} ms`).join(", ")}`,
    `  server response (observed): ${
      Math.round(Number(a["server-response-time"]?.numericValue))
    } ms`,
    `  render-blocking: ${a["render-blocking-resources"]?.displayValue || "none"}`,
    ...tableLines(a["render-blocking-resources"], (i) => `${short(i.url)} ${i.wastedMs} ms`),
    `  long tasks: ${a["long-tasks"]?.displayValue || "none"}`,
    ...tableLines(
      a["long-tasks"],
      (i) =>
        `${short(i.url)} ${Math.round(Number(i.duration))} ms at ${
          Math.round(Number(i.startTime))
        } ms`,
    ),
    `  main thread: ${a["mainthread-work-breakdown"]?.displayValue ?? ""}`,
    ...tableLines(
      a["mainthread-work-breakdown"],
      (i) => `${i.groupLabel ?? i.group} ${Math.round(Number(i.duration))} ms`,
    ),
    `  script boot-up: ${a["bootup-time"]?.displayValue ?? ""}`,
    ...tableLines(
      a["bootup-time"],
      (i) =>
        `${short(i.url)} total ${Math.round(Number(i.total))} ms, scripting ${
          Math.round(Number(i.scripting))
        } ms`,
    ),
    `  DOM: ${a["dom-size"]?.displayValue ?? ""}`,
  ];
}
