/** The printed summary of a fuzz run. */
import type { FuzzReport } from "./run.ts";
import type { Failure } from "./check.ts";

const pad = (v: unknown, n: number) => String(v).padStart(n);

/** Whether a run broke any rule (a 5xx, a wrong answer, changed data, a polluted prototype). */
export function failed(report: FuzzReport): boolean {
  return report.failures.length > 0 || report.drift.length > 0 || report.pollution.length > 0;
}

function count(failures: Failure[], ...kinds: Failure["kind"][]): number {
  return failures.filter((f) => kinds.includes(f.kind)).length;
}

/** The summary table and the first failures, ready to print. */
export function formatReport(r: FuzzReport, showFailures = 20): string {
  const lines: string[] = [];
  const seconds = r.elapsedMs / 1000;
  lines.push(
    `fuzz: seed ${r.seed}, ${r.requests} requests over ${r.perTarget.size} of ${r.endpoints} ` +
      `endpoints, ${r.backend}`,
    "",
    `${"endpoint group".padEnd(24)}${pad("requests", 9)}${pad("2xx", 7)}${pad("3xx", 7)}${
      pad("4xx", 7)
    }${pad("5xx", 7)}`,
  );
  for (const [group, g] of [...r.groups].sort(([a], [b]) => a.localeCompare(b))) {
    const c = g.byClass;
    lines.push(
      `${group.padEnd(24)}${pad(g.requests, 9)}${pad(c["2xx"], 7)}${pad(c["3xx"], 7)}${
        pad(c["4xx"], 7)
      }${pad(c["5xx"], 7)}`,
    );
  }
  const statuses = [...r.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
  const reasons = [...r.reasons].sort(([, a], [, b]) => b - a).map(([s, n]) => `${s} ${n}`);
  const f = r.failures;
  lines.push(
    "",
    `status histogram    ${statuses.join(", ")}`,
    `refusal reasons     ${reasons.join(", ")}`,
    `5xx                 ${count(f, "5xx")}`,
    `non-problem errors  ${count(f, "not-problem", "bad-problem")}`,
    `accepted invalid    ${count(f, "accepted")}`,
    `leaks/script/redir  ${count(f, "leak")} / ${count(f, "reflected-script")} / ${
      count(f, "open-redirect")
    }`,
    `client errors       ${count(f, "threw")}`,
    `data drift          ${r.drift.length ? r.drift.join("; ") : "none"}`,
    `read side effects   ${r.sideEffects.length ? r.sideEffects.join("; ") : "none"}`,
    `prototype pollution ${r.pollution.length ? r.pollution.join(", ") : "none"}`,
    `elapsed             ${seconds.toFixed(1)} s, ${(r.requests / seconds).toFixed(0)} requests/s`,
  );
  if (r.drift.length && r.acceptedWrites.length) {
    lines.push("", "state-changing requests answered 2xx (drift suspects):");
    for (const w of r.acceptedWrites.slice(0, showFailures)) lines.push(`  ${w}`);
  }
  if (f.length) {
    lines.push("", `first failures (replay one with --seed ${r.seed} --only N):`);
    for (const x of f.slice(0, showFailures)) {
      lines.push(`  #${x.index} ${x.kind} ${x.status} ${x.method} ${x.path} — ${x.detail}`);
    }
  }
  return lines.join("\n");
}
