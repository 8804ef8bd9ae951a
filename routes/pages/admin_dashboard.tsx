import { Hono } from "hono";
import { z } from "zod";
import {
  dateRangeProblem,
  daysInRange,
  hourWindow,
  loadFactor,
  revenueList,
} from "../../domain/reports.ts";
import { addDays } from "../../domain/time.ts";
import { bookingsPerHour, dailyReport } from "../../db/reports_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { Field } from "../../islands/parts/AdminForm.tsx";
import DashboardCharts, {
  type BookingSeries,
  type DashboardChartsProps,
} from "../../islands/DashboardCharts.tsx";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";

const date = z.iso.date().optional().catch(undefined);
const RangeQuery = z.object({ from: date, to: date });
/** The hourly series' longest request (the report's own cap is 31 days). */
const CHUNK_HOURS = 31 * 24;

/** Bookings per hour from `from` to `to` (UTC days), per day when the range is long. */
async function bookingSeries(sql: Sql, from: string, to: string): Promise<BookingSeries> {
  const days = daysInRange(from, to);
  const series: BookingSeries = {
    unit: days > 3 ? "day" : "hour",
    starts: [],
    created: [],
    confirmed: [],
    cancelled: [],
    expired: [],
  };
  const end = Date.parse(`${addDays(to, 1)}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at < end; at += CHUNK_HOURS * 3_600_000) {
    const w = hourWindow(new Date(at), new Date(Math.min(end, at + CHUNK_HOURS * 3_600_000)));
    for (const row of await bookingsPerHour(sql, w)) {
      const start = new Date(w.start.getTime() + row.hour * 3_600_000).toISOString();
      const bucket = series.unit === "day" ? `${start.slice(0, 10)}T00:00:00.000Z` : start;
      if (series.starts.at(-1) !== bucket) {
        series.starts.push(bucket);
        for (const k of ["created", "confirmed", "cancelled", "expired"] as const) {
          series[k].push(0);
        }
      }
      for (const k of ["created", "confirmed", "cancelled", "expired"] as const) {
        series[k][series[k].length - 1] += row[k];
      }
    }
  }
  return series;
}

/** The charts' data: the same figures as /api/admin/reports/daily and /bookings-per-hour. */
async function dashboardData(sql: Sql, from: string, to: string): Promise<DashboardChartsProps> {
  const rows = await dailyReport(sql, { from, to }, daysInRange(from, to));
  const currencies = [
    ...new Set(rows.flatMap((r) => [...r.currencies, ...Object.keys(r.money ?? {})])),
  ].sort();
  const revenue = rows.map((r) => revenueList(r.money, currencies));
  return {
    days: rows.map((r) => r.date),
    flights: rows.map((r) => r.flights),
    sold: rows.map((r) => r.sold),
    capacity: rows.map((r) => r.capacity),
    loadFactor: rows.map((r) => loadFactor(r.sold, r.capacity)),
    revenue: currencies.map((currency, i) => ({
      currency,
      amounts: revenue.map((day) => day[i]?.amount ?? 0),
    })),
    bookings: await bookingSeries(sql, from, to),
  };
}

interface DashboardData {
  /** The range as typed (shown again with its problem) and the range charted. */
  input: { from: string; to: string };
  from: string;
  to: string;
  error?: string;
  charts: DashboardChartsProps;
}

function DashboardPage({ data }: { data: DashboardData }) {
  const c = data.charts;
  const sold = c.sold.reduce((a, b) => a + b, 0);
  const seats = c.capacity.reduce((a, b) => a + b, 0);
  return (
    <AdminLayout title="Dashboard" styles={["build/uPlot.min.css"]}>
      <h1>Dashboard</h1>
      <form method="get" action="/admin" class="admin-filter" aria-label="Date range">
        <Field label="From (departure date)" name="from" type="date" value={data.input.from} />
        <Field label="To" name="to" type="date" value={data.input.to} error={data.error} />
        <button type="submit">Show</button>
      </form>
      <p>
        Flights departing {data.from} to {data.to}; bookings made in those days (UTC).
      </p>
      <ul class="kpis" aria-label="Totals for the range">
        <li>
          <strong>{c.flights.reduce((a, b) => a + b, 0)}</strong> flights
        </li>
        <li>
          <strong>{sold}</strong> seats sold of {seats}
        </li>
        <li>
          <strong>{seats ? Math.round((sold / seats) * 100) : 0}%</strong> load factor
        </li>
        <li>
          <strong>{c.bookings.confirmed.reduce((a, b) => a + b, 0)}</strong> bookings confirmed
        </li>
      </ul>
      <DashboardCharts {...c} />
    </AdminLayout>
  );
}

/** `GET /admin`: load factor, revenue and bookings over a date range (default: ±7 days). */
export function adminDashboardPage(deps: AppDeps) {
  return new Hono<AppEnv>().get("/admin", async (c) => {
    const user = pageUser(c, ["operator", "admin"]);
    if (user instanceof Response) return user;
    const today = deps.clock.now().toISOString().slice(0, 10);
    const q = RangeQuery.parse(c.req.query());
    const input = { from: q.from ?? addDays(today, -7), to: "" };
    input.to = q.to ?? addDays(input.from, 14);
    const error = dateRangeProblem(input.from, input.to);
    const { from, to } = error ? { from: addDays(today, -7), to: addDays(today, 7) } : input;
    const charts = await dashboardData(deps.db.sql, from, to);
    const data = { input, from, to, error, charts };
    return renderPage(c, <DashboardPage data={data} />, error ? 400 : 200);
  });
}
