import assert from "node:assert/strict";
import { appMetrics } from "../../platform/app_metrics.ts";

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
  panels?: Panel[];
}

const dashboard = JSON.parse(
  await Deno.readTextFile(new URL("../../deploy/grafana-dashboard.json", import.meta.url)),
);

// PromQL's own words: functions, aggregations and keywords that may stand where a name can.
const PROMQL = new Set([
  "sum",
  "avg",
  "max",
  "min",
  "count",
  "rate",
  "irate",
  "increase",
  "histogram_quantile",
  "clamp_min",
  "by",
  "without",
  "and",
  "or",
  "unless",
  "offset",
]);

/** Series names an expression reads: what is left once matchers, ranges and words go. */
function seriesNames(expr: string): string[] {
  const bare = expr
    // Grafana's label_values(metric, label): only its first argument is a series.
    .replace(/\blabel_values\(([^,)]*)(?:,[^)]*)?\)/g, "$1")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without)\s*\([^)]*\)/g, " ")
    .replace(/"[^"]*"/g, " ")
    .replace(/\b\d+(\.\d+)?\b/g, " ");
  return (bare.match(/[A-Za-z_:][A-Za-z0-9_:]*/g) ?? []).filter((w) => !PROMQL.has(w));
}

/** Label names an expression groups or filters by. */
function labelNames(expr: string): string[] {
  const grouped = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)]
    .flatMap((m) => m[1].split(",").map((s) => s.trim()));
  const matched = [...expr.matchAll(/\{([^}]*)\}/g)]
    .flatMap((m) => [...m[1].matchAll(/([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((x) => x[1]));
  return [...grouped, ...matched].filter(Boolean);
}

/** Every series name the registry exposes: histograms as _bucket, _sum and _count. */
function exposedSeries(): Map<string, string> {
  const series = new Map<string, string>();
  for (const name of appMetrics.names()) {
    const metric = appMetrics.get(name)!;
    const parts = metric.type === "histogram" ? ["_bucket", "_sum", "_count"] : [""];
    for (const p of parts) series.set(name + p, name);
  }
  return series;
}

const panels: Panel[] = dashboard.panels.flatMap((p: Panel) => [p, ...(p.panels ?? [])]);
const exprs: string[] = [
  ...panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
  ...dashboard.templating.list.map((v: { definition: string }) => v.definition),
];

Deno.test("grafana dashboard: an importable export with a Prometheus datasource input", () => {
  assert.equal(dashboard.schemaVersion, 39);
  assert.deepEqual(dashboard.__inputs.map((i: { name: string }) => i.name), ["DS_PROMETHEUS"]);
  for (const p of panels.filter((p) => p.type !== "row")) {
    assert.equal(p.datasource?.uid, "${DS_PROMETHEUS}", p.title);
    assert.ok(p.targets?.length, `${p.title} has no query`);
  }
  const ids = panels.map((p) => (p as unknown as { id: number }).id);
  assert.equal(new Set(ids).size, ids.length, "panel ids are unique");
});

Deno.test("grafana dashboard: every series it queries is one GET /metrics exposes", () => {
  const exposed = exposedSeries();
  const used = new Set(exprs.flatMap(seriesNames));
  for (const name of used) assert.ok(exposed.has(name), `${name} is not a Contrail metric`);
  // And the other way: no metric is left off the dashboard.
  const families = new Set([...used].map((n) => exposed.get(n)));
  for (const name of appMetrics.names()) assert.ok(families.has(name), `${name} has no panel`);
});

Deno.test("grafana dashboard: it groups and filters only by labels the metrics have", () => {
  const known = new Set(["le", "instance", "job"]);
  for (const name of appMetrics.names()) {
    for (const l of appMetrics.get(name)!.labelNames) known.add(l);
  }
  for (const expr of exprs) {
    for (const label of labelNames(expr)) assert.ok(known.has(label), `${label} in ${expr}`);
  }
});

Deno.test("grafana dashboard: the parser finds names the way PromQL reads them", () => {
  const expr =
    'histogram_quantile(0.99, sum by (le, route) (rate(x_seconds_bucket{instance=~"$i",status="5xx"}[$__rate_interval])))';
  assert.deepEqual(seriesNames(expr), ["x_seconds_bucket"]);
  assert.deepEqual(labelNames(expr), ["le", "route", "instance", "status"]);
  assert.deepEqual(seriesNames("label_values(y_total, instance)"), ["y_total"]);
});
