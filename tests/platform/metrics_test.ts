import assert from "node:assert/strict";
import {
  escapeLabelValue,
  formatValue,
  MetricsRegistry,
  PROMETHEUS_CONTENT_TYPE,
} from "../../platform/metrics.ts";

Deno.test("metrics: counters and gauges render with HELP, TYPE and one line per series", () => {
  const r = new MetricsRegistry();
  const requests = r.counter({
    name: "app_requests_total",
    help: "Requests.",
    labelNames: ["method", "status"],
  });
  const open = r.gauge({ name: "app_open", help: "Open things." });
  requests.labels("GET", "2xx").inc();
  requests.labels("GET", "2xx").inc(2);
  requests.labels("POST", "4xx").inc();
  open.inc(5);
  open.dec(2);
  assert.equal(
    r.render(),
    [
      "# HELP app_requests_total Requests.",
      "# TYPE app_requests_total counter",
      'app_requests_total{method="GET",status="2xx"} 3',
      'app_requests_total{method="POST",status="4xx"} 1',
      "# HELP app_open Open things.",
      "# TYPE app_open gauge",
      "app_open 3",
      "",
    ].join("\n"),
  );
  assert.equal(PROMETHEUS_CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
});

Deno.test("metrics: a metric without labels shows 0 before anything is recorded", () => {
  const r = new MetricsRegistry();
  r.counter({ name: "idle_total", help: "Nothing yet." });
  assert.match(r.render(), /^idle_total 0$/m);
});

Deno.test("metrics: histogram buckets are cumulative, end in +Inf and come with sum and count", () => {
  const r = new MetricsRegistry();
  const h = r.histogram({
    name: "op_seconds",
    help: "Op time.",
    labelNames: ["op"],
    buckets: [0.1, 0.5, 1],
  });
  for (const v of [0.05, 0.1, 0.3, 0.7, 3]) h.labels("read").observe(v);
  const lines = r.render().trim().split("\n");
  assert.deepEqual(lines.slice(2), [
    'op_seconds_bucket{op="read",le="0.1"} 2',
    'op_seconds_bucket{op="read",le="0.5"} 3',
    'op_seconds_bucket{op="read",le="1"} 4',
    'op_seconds_bucket{op="read",le="+Inf"} 5',
    'op_seconds_sum{op="read"} 4.15',
    'op_seconds_count{op="read"} 5',
  ]);
});

Deno.test("metrics: a label-less histogram has buckets with only le", () => {
  const r = new MetricsRegistry();
  r.histogram({ name: "batch", help: "Batch size.", buckets: [1, 10] }).observe(4);
  assert.deepEqual(r.render().trim().split("\n").slice(2), [
    'batch_bucket{le="1"} 0',
    'batch_bucket{le="10"} 1',
    'batch_bucket{le="+Inf"} 1',
    "batch_sum 4",
    "batch_count 1",
  ]);
});

Deno.test("metrics: label values and help text are escaped as the format says", () => {
  assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
  const r = new MetricsRegistry();
  r.counter({ name: "odd_total", help: "Back\\slash and\nnewline.", labelNames: ["v"] })
    .labels('say "hi"\n\\').inc();
  const text = r.render();
  assert.match(text, /^# HELP odd_total Back\\\\slash and\\nnewline\.$/m);
  assert.ok(text.includes('odd_total{v="say \\"hi\\"\\n\\\\"} 1'), text);
});

Deno.test("metrics: special values are formatted as Prometheus expects", () => {
  assert.equal(formatValue(Infinity), "+Inf");
  assert.equal(formatValue(-Infinity), "-Inf");
  assert.equal(formatValue(NaN), "NaN");
  assert.equal(formatValue(1.5), "1.5");
});

Deno.test("metrics: the same label values reach the same series; mistakes are refused", () => {
  const r = new MetricsRegistry();
  const c = r.counter({ name: "x_total", help: "x", labelNames: ["a", "b"] });
  assert.equal(c.labels("1", "2"), c.labels("1", "2"));
  assert.notEqual(c.labels("1", "2"), c.labels("1", "3"));
  assert.throws(() => c.labels("1"), /takes 2 label values/);
  assert.throws(() => c.inc(), /needs label values/);
  assert.throws(() => c.labels("1", "2").inc(-1), RangeError);
  assert.throws(() => r.counter({ name: "x_total", help: "again" }), /already registered/);
  assert.throws(() => r.gauge({ name: "bad-name", help: "?" }), /bad metric name/);
  assert.throws(() => r.gauge({ name: "g", help: "?", labelNames: ["le"] }), /bad label name/);
  assert.throws(
    () => r.histogram({ name: "h", help: "?", buckets: [1, 1] }),
    /buckets must ascend/,
  );
});
