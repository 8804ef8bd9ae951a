/** The operators' dashboard: load factor, revenue and bookings over a range of days. */
import { daysInRange, hourWindow, loadFactor, revenueList } from "../../domain/reports.ts";
import { addDays } from "../../domain/time.ts";
import type { BookingSeries, DashboardFigures } from "../../domain/views/reports.ts";
import { bookingsPerHour, dailyReport } from "../../db/reports_repo.ts";
import type { Sql } from "../../db/postgres.ts";

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
export async function dashboardFigures(
  sql: Sql,
  from: string,
  to: string,
): Promise<DashboardFigures> {
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
