import { defineIsland } from "./island.ts";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type ChartSeries, UPlotChart } from "./client/uplot_chart.tsx";
import { minorDigits } from "./client/flight_form_data.ts";
import type { DashboardFigures } from "../domain/views/reports.ts";

/** Props of DashboardCharts: the daily report and the bookings series of a date range. */
export type DashboardChartsProps = DashboardFigures;

const COLORS = ["#1d4ed8", "#166534", "#92400e", "#991b1b", "#14213d"];
const pct = (v: number) => `${Math.round(v * 100)}%`;
const seconds = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / 1000;

function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
}

function hourLabel(iso: string): string {
  return `${dayLabel(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}

function money(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(
    minor / 10 ** digits,
  );
}

interface CardProps {
  id: string;
  title: string;
  chart: ComponentChildren;
  head: string[];
  rows: (string | number)[][];
  /** Tables start open: without JavaScript they are all there is. */
  open: boolean;
}

function ChartCard({ id, title, chart, head, rows, open }: CardProps) {
  return (
    <section class="chart-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {chart}
      <details open={open}>
        <summary>The numbers: {title.toLowerCase()}</summary>
        <table class="data">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map(([first, ...rest]) => (
              <tr key={first}>
                <th scope="row">{first}</th>
                {rest.map((v, i) => <td key={i} class="num">{v}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

/** Load factor, revenue and bookings over a date range as uPlot charts, each with its table. */
function DashboardCharts(p: DashboardChartsProps) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const x = p.days.map(seconds);
  const dayNames = p.days.map(dayLabel);
  const b = p.bookings;
  const revenueSeries: ChartSeries[] = p.revenue.map((r, i) => ({
    label: `Revenue ${r.currency}`,
    color: COLORS[i % COLORS.length],
    values: r.amounts.map((a) => a / 10 ** minorDigits(r.currency)),
    format: (v) => money(v * 10 ** minorDigits(r.currency), r.currency),
  }));
  const kinds = ["created", "confirmed", "cancelled", "expired"] as const;
  const chart = (c: Parameters<typeof UPlotChart>[0]) => hydrated && <UPlotChart {...c} />;
  return (
    <div class="dashboard-charts">
      <ChartCard
        id="chart-load"
        title="Load factor by departure day"
        open={!hydrated}
        chart={chart({
          x,
          unit: "day",
          label: "Line chart of the load factor by departure day; the numbers are below.",
          yFormat: pct,
          yMin: 1,
          series: [{ label: "Load factor", values: p.loadFactor, color: COLORS[0], format: pct }],
        })}
        head={["Day", "Flights", "Seats sold", "Seats", "Load factor"]}
        rows={p.days.map((_, i) => [
          dayNames[i],
          p.flights[i],
          p.sold[i],
          p.capacity[i],
          pct(p.loadFactor[i]),
        ])}
      />
      <ChartCard
        id="chart-revenue"
        title="Revenue by departure day"
        open={!hydrated}
        chart={chart({
          x,
          unit: "day",
          label:
            "Line chart of ticket revenue by departure day, per currency; the numbers are below.",
          series: revenueSeries,
        })}
        head={["Day", ...p.revenue.map((r) => r.currency)]}
        rows={p.days.map((_, i) => [
          dayNames[i],
          ...p.revenue.map((r) => money(r.amounts[i], r.currency)),
        ])}
      />
      <ChartCard
        id="chart-bookings"
        title={`Bookings per ${b.unit}`}
        open={!hydrated}
        chart={chart({
          x: b.starts.map(seconds),
          unit: b.unit,
          label:
            `Line chart of bookings created, confirmed, cancelled and expired per ${b.unit}; ` +
            "the numbers are below.",
          series: kinds.map((k, i) => ({ label: k, values: b[k], color: COLORS[i] })),
        })}
        head={[b.unit === "day" ? "Day (UTC)" : "Hour", ...kinds]}
        rows={b.starts.map((s, i) => [
          b.unit === "day" ? dayLabel(s.slice(0, 10)) : hourLabel(s),
          ...kinds.map((k) => b[k][i]),
        ])}
      />
    </div>
  );
}

/** The DashboardCharts island, as pages embed it. */
export default defineIsland("DashboardCharts", DashboardCharts);
