import { z } from "zod";
import { dateRangeProblem } from "../../../domain/reports.ts";
import { addDays } from "../../../domain/time.ts";
import type { DashboardFigures } from "../../../domain/views/reports.ts";
import { dashboardFigures } from "../../../services/reports/dashboard.ts";
import { AdminLayout } from "../../../components/AdminLayout.tsx";
import { Field } from "../../../islands/parts/AdminForm.tsx";
import DashboardCharts from "../../../islands/DashboardCharts.tsx";
import { definePage, STAFF } from "../../define_page.ts";
import { renderPage } from "../../render.tsx";

const date = z.iso.date().optional().catch(undefined);
const RangeQuery = z.object({ from: date, to: date });

interface DashboardData {
  /** The range as typed (shown again with its problem) and the range charted. */
  input: { from: string; to: string };
  from: string;
  to: string;
  error?: string;
  charts: DashboardFigures;
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
export const page = definePage({
  path: "/admin",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const today = deps.clock.now().toISOString().slice(0, 10);
      const q = RangeQuery.parse(c.req.query());
      const input = { from: q.from ?? addDays(today, -7), to: "" };
      input.to = q.to ?? addDays(input.from, 14);
      const error = dateRangeProblem(input.from, input.to);
      const { from, to } = error ? { from: addDays(today, -7), to: addDays(today, 7) } : input;
      const charts = await dashboardFigures(deps.db.sql, from, to);
      const data = { input, from, to, error, charts };
      return renderPage(c, <DashboardPage data={data} />, error ? 400 : 200);
    },
  }),
});
