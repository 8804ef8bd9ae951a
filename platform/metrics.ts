/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format 0.0.4. Recording is a label lookup (nested maps, no string keys
 * built) and a number update; all formatting happens at scrape time.
 */

/** The content type of `MetricsRegistry.render()`'s output. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Default histogram buckets, in seconds: 1 ms to 10 s. */
export const LATENCY_BUCKETS = [
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
];

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value as the exposition format wants it: backslash, quote and newline escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (ch) => (ch === "\n" ? "\\n" : `\\${ch}`));
}

function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (ch) => (ch === "\n" ? "\\n" : "\\\\"));
}

/** A sample value: integers as they are, infinities as +Inf/-Inf. */
export function formatValue(n: number): string {
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  return Number.isNaN(n) ? "NaN" : String(n);
}

/** What every metric is declared with. */
export interface MetricOptions {
  name: string;
  help: string;
  labelNames?: readonly string[];
}

/** Options of a histogram: its upper bucket bounds (ascending; +Inf is implied). */
export interface HistogramOptions extends MetricOptions {
  buckets?: readonly number[];
}

/** One labelled series of a counter. */
export class CounterChild {
  value = 0;
  /** Adds `n` (default 1); counters only go up. */
  inc(n = 1): void {
    if (n < 0) throw new RangeError("a counter cannot decrease");
    this.value += n;
  }
}

/** One labelled series of a gauge. */
export class GaugeChild {
  value = 0;
  set(n: number): void {
    this.value = n;
  }
  inc(n = 1): void {
    this.value += n;
  }
  dec(n = 1): void {
    this.value -= n;
  }
}

/** One labelled series of a histogram: per-bucket counts (made cumulative on render). */
export class HistogramChild {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length);
  }
  /** Records one observation. */
  observe(v: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && v > bounds[i]) i++;
    if (i < bounds.length) this.counts[i]++;
    this.sum += v;
    this.count++;
  }
}

type Child = CounterChild | GaugeChild | HistogramChild;
type Tree<C> = Map<string, Tree<C> | C>;

/** One series' value as it crosses between isolates: a number, or a histogram's buckets. */
export type SeriesValue = number | { counts: number[]; sum: number; count: number };

/** Every family's series (label values and value), as another isolate sends them. */
export type MetricsSnapshot = Record<string, [string[], SeriesValue][]>;

/**
 * A metric family. `labels(...values)` finds or creates the series for those label values
 * (in `labelNames` order); a metric without labels is its own single series.
 */
abstract class Metric<C extends Child> {
  readonly labelNames: readonly string[];
  readonly #tree: Tree<C> = new Map();
  #single: C | undefined;

  constructor(readonly type: string, readonly options: MetricOptions) {
    if (!NAME.test(options.name)) throw new Error(`bad metric name ${options.name}`);
    this.labelNames = options.labelNames ?? [];
    for (const l of this.labelNames) {
      if (!LABEL.test(l) || l === "le") throw new Error(`bad label name ${l}`);
    }
  }

  protected abstract make(): C;

  /** The series for these label values. */
  labels(...values: string[]): C {
    const n = this.labelNames.length;
    if (values.length !== n) {
      throw new Error(`${this.options.name} takes ${n} label values, got ${values.length}`);
    }
    if (n === 0) return this.single;
    let node = this.#tree;
    for (let i = 0; i < n - 1; i++) {
      let next = node.get(values[i]) as Tree<C> | undefined;
      if (!next) node.set(values[i], next = new Map());
      node = next;
    }
    let child = node.get(values[n - 1]) as C | undefined;
    if (!child) node.set(values[n - 1], child = this.make());
    return child;
  }

  /** The series without labels (only for a metric declared without label names). */
  protected get single(): C {
    if (this.labelNames.length) throw new Error(`${this.options.name} needs label values`);
    return this.#single ??= this.make();
  }

  /** Every series with its label values, in creation order. */
  *series(): Generator<[string[], C]> {
    if (!this.labelNames.length) {
      yield [[], this.single];
      return;
    }
    const walk = function* (
      node: Tree<C>,
      depth: number,
      path: string[],
    ): Generator<[string[], C]> {
      for (const [value, next] of node) {
        if (depth === 0) yield [[...path, value], next as C];
        else yield* walk(next as Tree<C>, depth - 1, [...path, value]);
      }
    };
    yield* walk(this.#tree, this.labelNames.length - 1, []);
  }

  /** The `{a="x",b="y"}` part for one series (empty without labels). */
  protected labelText(values: string[], extra = ""): string {
    const parts = values.map((v, i) => `${this.labelNames[i]}="${escapeLabelValue(v)}"`);
    if (extra) parts.push(extra);
    return parts.length ? `{${parts.join(",")}}` : "";
  }

  /**
   * The family's lines: HELP, TYPE and one line per sample; `others` are the same family's
   * series in other isolates, added in (a process's counters are the sum of its isolates').
   */
  render(others: [string[], SeriesValue][][] = []): string[] {
    const { name, help } = this.options;
    const lines = [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${this.type}`];
    if (!others.length) {
      for (const [values, child] of this.series()) lines.push(...this.samples(values, child));
      return lines;
    }
    const merged = new Map<string, [string[], C]>();
    const add = (values: string[], v: SeriesValue) => {
      const key = JSON.stringify(values);
      let entry = merged.get(key);
      if (!entry) merged.set(key, entry = [values, this.make()]);
      this.combine(entry[1], v);
    };
    for (const [values, child] of this.series()) add(values, this.valueOf(child));
    for (const series of others) for (const [values, v] of series) add(values, v);
    for (const [values, child] of merged.values()) lines.push(...this.samples(values, child));
    return lines;
  }

  /** Every series with its value, to send to another isolate. */
  snapshot(): [string[], SeriesValue][] {
    return [...this.series()].map(([values, child]) => [values, this.valueOf(child)]);
  }

  protected valueOf(child: C): SeriesValue {
    if (child instanceof HistogramChild) {
      return { counts: [...child.counts], sum: child.sum, count: child.count };
    }
    return (child as CounterChild | GaugeChild).value;
  }

  protected combine(into: C, v: SeriesValue): void {
    if (into instanceof HistogramChild && typeof v === "object") {
      v.counts.forEach((n, i) => into.counts[i] += n);
      into.sum += v.sum;
      into.count += v.count;
    } else if (typeof v === "number") {
      (into as CounterChild | GaugeChild).value += v;
    }
  }

  protected abstract samples(values: string[], child: C): string[];
}

/** A value that only goes up (requests served, holds expired). */
export class Counter extends Metric<CounterChild> {
  constructor(options: MetricOptions) {
    super("counter", options);
  }
  protected make(): CounterChild {
    return new CounterChild();
  }
  inc(n = 1): void {
    this.single.inc(n);
  }
  protected samples(values: string[], c: CounterChild): string[] {
    return [`${this.options.name}${this.labelText(values)} ${formatValue(c.value)}`];
  }
}

/** A value that goes up and down (open streams, pending work). */
export class Gauge extends Metric<GaugeChild> {
  constructor(options: MetricOptions) {
    super("gauge", options);
  }
  protected make(): GaugeChild {
    return new GaugeChild();
  }
  set(n: number): void {
    this.single.set(n);
  }
  inc(n = 1): void {
    this.single.inc(n);
  }
  dec(n = 1): void {
    this.single.dec(n);
  }
  protected samples(values: string[], c: GaugeChild): string[] {
    return [`${this.options.name}${this.labelText(values)} ${formatValue(c.value)}`];
  }
}

/** A distribution in buckets, with its sum and count (latencies, batch sizes). */
export class Histogram extends Metric<HistogramChild> {
  readonly bounds: readonly number[];
  constructor(options: HistogramOptions) {
    const bounds = [...(options.buckets ?? LATENCY_BUCKETS)].filter((b) => b !== Infinity);
    if (bounds.some((b, i) => i > 0 && b <= bounds[i - 1])) {
      throw new Error(`${options.name}: buckets must ascend`);
    }
    super("histogram", options);
    this.bounds = bounds;
  }
  protected make(): HistogramChild {
    return new HistogramChild(this.bounds);
  }
  observe(v: number): void {
    this.single.observe(v);
  }
  protected samples(values: string[], h: HistogramChild): string[] {
    const name = this.options.name;
    const lines: string[] = [];
    let cumulative = 0;
    h.bounds.forEach((le, i) => {
      cumulative += h.counts[i];
      lines.push(
        `${name}_bucket${this.labelText(values, `le="${formatValue(le)}"`)} ${cumulative}`,
      );
    });
    lines.push(`${name}_bucket${this.labelText(values, 'le="+Inf"')} ${h.count}`);
    lines.push(`${name}_sum${this.labelText(values)} ${formatValue(h.sum)}`);
    lines.push(`${name}_count${this.labelText(values)} ${h.count}`);
    return lines;
  }
}

type AnyMetric = Counter | Gauge | Histogram;

/** A set of metric families with unique names, rendered together for a scrape. */
export class MetricsRegistry {
  readonly #metrics = new Map<string, AnyMetric>();

  #add<M extends AnyMetric>(metric: M): M {
    if (this.#metrics.has(metric.options.name)) {
      throw new Error(`metric ${metric.options.name} is already registered`);
    }
    this.#metrics.set(metric.options.name, metric);
    return metric;
  }

  counter(options: MetricOptions): Counter {
    return this.#add(new Counter(options));
  }

  gauge(options: MetricOptions): Gauge {
    return this.#add(new Gauge(options));
  }

  histogram(options: HistogramOptions): Histogram {
    return this.#add(new Histogram(options));
  }

  /** The metric registered under `name`. */
  get(name: string): AnyMetric | undefined {
    return this.#metrics.get(name);
  }

  /** Every family's name, in registration order. */
  names(): string[] {
    return [...this.#metrics.keys()];
  }

  /**
   * The exposition text (format 0.0.4), ending with a newline; with `others` (the snapshots
   * of the process's other isolates), every series is their sum.
   */
  render(others: MetricsSnapshot[] = []): string {
    const lines: string[] = [];
    for (const m of this.#metrics.values()) {
      const theirs = others.map((o) => o[m.options.name]).filter((x) => x !== undefined);
      lines.push(...m.render(theirs));
    }
    return lines.join("\n") + "\n";
  }

  /** Every family's series, for the isolate that answers a scrape. */
  snapshot(): MetricsSnapshot {
    return Object.fromEntries([...this.#metrics].map(([name, m]) => [name, m.snapshot()]));
  }
}
