import { Hono } from "hono";
import { z } from "zod";
import {
  dateRangeProblem,
  daysInRange,
  hourRangeProblem,
  hourWindow,
  loadFactor,
  revenueList,
} from "../../domain/reports.ts";
import {
  bookingsPerHour,
  crewHours,
  dailyReport,
  flightReport,
  type GroupTotals,
  routeReport,
} from "../../db/reports_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { iataCode } from "../schemas.ts";

const date = z.iso.date({ message: "expected a date YYYY-MM-DD" });
const instant = z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time" });

function checkDates(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  const problem = dateRangeProblem(q.from, q.to);
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["to"] });
}

/** Query of the date-ranged reports: local departure dates, both included. */
export const DateRangeQuery = z.object({ from: date, to: date }).superRefine(checkDates);
/** Query of `GET /api/admin/reports/flights`. */
export const FlightsReportQuery = z.object({
  from: date,
  to: date,
  origin: iataCode.optional(),
  destination: iataCode.optional(),
  sort: z.enum(["departure", "loadFactor", "revenue"]).default("departure"),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).superRefine(checkDates);
/** Query of `GET /api/admin/reports/crew-hours`. */
export const CrewHoursQuery = z.object({
  from: date,
  to: date,
  base: iataCode.optional(),
  role: z.enum(["captain", "first_officer", "purser", "flight_attendant"]).optional(),
}).superRefine(checkDates);
/** Query of `GET /api/admin/reports/bookings-per-hour`: instants, widened to whole UTC hours. */
export const HourRangeQuery = z.object({ from: instant, to: instant }).superRefine((q, ctx) => {
  const problem = hourRangeProblem(new Date(q.from), new Date(q.to));
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["to"] });
});

const SEATS = {
  capacity: "seats of the aircraft type",
  sold: "seats: tickets open, checked in, boarded or flown",
  loadFactor: "ratio sold / capacity, 4 decimals (above 1 only when overbooked)",
  revenue: "[{currency, amount}]: integer minor units per ISO 4217 currency, never summed across",
};
const TOTALS = {
  ...SEATS,
  flights: "flights not cancelled",
  cancelled: "cancelled flights, left out of capacity, sold and revenue",
};

function totals(g: GroupTotals, currencies: readonly string[] = g.currencies) {
  return {
    flights: g.flights,
    cancelled: g.cancelled,
    capacity: g.capacity,
    sold: g.sold,
    loadFactor: loadFactor(g.sold, g.capacity),
    revenue: revenueList(g.money, currencies),
  };
}

/** `/api/admin/reports/*`: load factor, revenue, bookings and crew hours for charts (staff). */
export function adminReportRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .use("/reports/*", async (c, next) => {
      await next();
      c.header("Cache-Control", "no-store");
    })
    .get("/reports/flights", validate("query", FlightsReportQuery), async (c) => {
      const q = c.req.valid("query");
      const { rows, total } = await flightReport(sql, { ...q, offset: (q.page - 1) * q.limit });
      const data = rows.map((r) => ({
        id: r.id,
        carrier: r.carrier,
        flightNumber: r.flightNumber,
        origin: r.origin,
        destination: r.destination,
        departureLocal: r.departureLocal,
        departureAt: r.departureAt.toISOString(),
        status: r.status,
        capacity: r.capacity,
        sold: r.sold,
        loadFactor: loadFactor(r.sold, r.capacity),
        revenue: revenueList(r.money, [r.currency]),
        currency: r.currency,
      }));
      const units = {
        ...SEATS,
        departureLocal: "local time at the origin",
        departureAt: "UTC",
        currency: "the flight's fare currency",
      };
      const { from, to, sort, page, limit } = q;
      return c.json({ from, to, sort, page, limit, total, units, data });
    })
    .get("/reports/routes", validate("query", DateRangeQuery), async (c) => {
      const { from, to } = c.req.valid("query");
      const rows = await routeReport(sql, { from, to });
      const data = rows.map((r) => ({
        origin: r.origin,
        destination: r.destination,
        ...totals(r),
      }));
      return c.json({ from, to, units: TOTALS, data });
    })
    .get("/reports/daily", validate("query", DateRangeQuery), async (c) => {
      const { from, to } = c.req.valid("query");
      const rows = await dailyReport(sql, { from, to }, daysInRange(from, to));
      // Every point lists every currency of the range, so each series has a value per day.
      const currencies = [
        ...new Set(rows.flatMap((r) => [...r.currencies, ...Object.keys(r.money ?? {})])),
      ].sort();
      const data = rows.map((r) => ({ date: r.date, ...totals(r, currencies) }));
      const units = { date: "local departure date", ...TOTALS };
      return c.json({ from, to, currencies, units, data });
    })
    .get("/reports/bookings-per-hour", validate("query", HourRangeQuery), async (c) => {
      const q = c.req.valid("query");
      const w = hourWindow(new Date(q.from), new Date(q.to));
      const rows = await bookingsPerHour(sql, w);
      const data = rows.map(({ hour, ...counts }) => ({
        hour: new Date(w.start.getTime() + hour * 3_600_000).toISOString(),
        ...counts,
      }));
      const units = {
        hour: "start of the UTC hour",
        created: "bookings created (seats held)",
        confirmed: "bookings confirmed (paid)",
        cancelled: "bookings cancelled or refunded",
        expired: "holds that expired unpaid",
      };
      return c.json({ from: w.start.toISOString(), to: w.end.toISOString(), units, data });
    })
    .get("/reports/crew-hours", validate("query", CrewHoursQuery), async (c) => {
      const q = c.req.valid("query");
      const data = await crewHours(sql, q);
      const units = {
        flights: "flights not cancelled departing in the range",
        blockMinutes: "minutes, departure to arrival (estimated or actual when published)",
        dutyMinutes: "minutes, report 60 min before departure to 30 min after arrival; " +
          "legs whose duty spans overlap share one duty",
        duties: "duty periods",
      };
      return c.json({ from: q.from, to: q.to, units, data });
    });
}
