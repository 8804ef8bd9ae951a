/**
 * A uPlot time-series chart as a Preact component. uPlot is loaded only in the browser, as its
 * own chunk, once the island hydrates; the chart follows its box's width. The element is an
 * image to assistive technology: callers label it and give the numbers as a table.
 */
import { useEffect, useRef } from "preact/hooks";
import type uPlotType from "uplot";

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** How a value reads in the legend, e.g. "81%". */
  format?: (v: number) => string;
}

/** Props of UPlotChart. */
export interface UPlotChartProps {
  /** Start of each point, epoch seconds (UTC). */
  x: number[];
  series: ChartSeries[];
  /** The accessible name: what the chart shows and where its numbers are. */
  label: string;
  /** Tick labels of the y axis. */
  yFormat?: (v: number) => string;
  /** The y axis starts at 0 and reaches at least this. */
  yMin?: number;
  /** Day points show dates; hour points show times. */
  unit: "day" | "hour";
  height?: number;
}

function options(p: UPlotChartProps, uPlot: typeof uPlotType, width: number): uPlotType.Options {
  const time = p.unit === "day" ? "{WWW} {D} {MMM}" : "{D} {MMM} {HH}:{mm}";
  return {
    width,
    height: p.height ?? 240,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    scales: { y: { range: (_u, _min, max) => [0, Math.max(p.yMin ?? 0, max * 1.1 || 1)] } },
    axes: [
      {},
      { values: (_u, ticks) => ticks.map((v) => (p.yFormat ? p.yFormat(v) : String(v))), size: 60 },
    ],
    series: [
      { label: p.unit === "day" ? "Day" : "Hour (UTC)", value: time },
      ...p.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        points: { show: p.x.length <= 62 },
        value: (_u: uPlotType, v: number | null) =>
          v === null || v === undefined ? "—" : (s.format ?? String)(v),
      })),
    ],
  };
}

/** Draws the chart after hydration; the server renders an empty, labelled box. */
export function UPlotChart(props: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlotType | undefined;
    let gone = false;
    const observer = new ResizeObserver(() => {
      plot?.setSize({ width: el.clientWidth, height: props.height ?? 240 });
    });
    import("uplot").then(({ default: uPlot }) => {
      if (gone) return;
      const data = [props.x, ...props.series.map((s) => s.values)] as uPlotType.AlignedData;
      plot = new uPlot(options(props, uPlot, el.clientWidth || 600), data, el);
      observer.observe(el);
    });
    return () => {
      gone = true;
      observer.disconnect();
      plot?.destroy();
    };
    // A chart's data is fixed for the life of the page (a new range is a new page).
  }, []);
  return <div class="chart" ref={box} role="img" aria-label={props.label} />;
}
