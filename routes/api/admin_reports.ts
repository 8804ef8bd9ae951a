import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { dateRangeProblem, hourRangeProblem } from "../../domain/reports.ts";
import {
  crewHoursReport,
  dailyTotals,
  flightsReport,
  hourlyBookings,
  routesReport,
} from "../../services/reports/reports.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { declare, jsonResponse, router, STAFF } from "../declare.ts";
import {
  CrewHoursReport,
  DailyReport,
  FlightsReport,
  HourlyBookingsReport,
  RoutesReport,
} from "../admin_responses.ts";
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

/** Reports are read for charts as they change: never cached, problems included. */
const noStore: MiddlewareHandler<AppEnv> = async function noStore(c, next) {
  await next();
  c.header("Cache-Control", "no-store");
};

const report = { tags: ["Reports"], roles: STAFF, method: "get" as const, middleware: [noStore] };

const flights = declare({
  ...report,
  path: "/api/admin/reports/flights",
  summary: "Load factor and revenue per flight (by local departure date, max 92 days)",
  request: { query: FlightsReportQuery },
  responses: {
    200: jsonResponse("A page of flights with `units` saying what each is", FlightsReport),
  },
});

const routes = declare({
  ...report,
  path: "/api/admin/reports/routes",
  summary: "Seat-weighted load factor and revenue per route",
  request: { query: DateRangeQuery },
  responses: { 200: jsonResponse("One row per route, with `units`", RoutesReport) },
});

const daily = declare({
  ...report,
  path: "/api/admin/reports/daily",
  summary: "Load factor and revenue per local departure date, zero days included",
  request: { query: DateRangeQuery },
  responses: { 200: jsonResponse("One point per day, every currency in each", DailyReport) },
});

const hourly = declare({
  ...report,
  path: "/api/admin/reports/bookings-per-hour",
  summary: "Bookings created, confirmed, cancelled and expired per UTC hour (max 31 days)",
  request: { query: HourRangeQuery },
  responses: { 200: jsonResponse("One point per UTC hour, with `units`", HourlyBookingsReport) },
});

const crew = declare({
  ...report,
  path: "/api/admin/reports/crew-hours",
  summary: "Flights, block and duty minutes per crew member, most block time first",
  request: { query: CrewHoursQuery },
  responses: { 200: jsonResponse("One row per crew member, with `units`", CrewHoursReport) },
});

/** `/api/admin/reports/*`: load factor, revenue, bookings and crew hours for charts (staff). */
export function adminReportRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(flights, async (c) => c.json(await flightsReport(sql, c.req.valid("query"))))
    .openapi(routes, async (c) => c.json(await routesReport(sql, c.req.valid("query"))))
    .openapi(daily, async (c) => c.json(await dailyTotals(sql, c.req.valid("query"))))
    .openapi(hourly, async (c) => c.json(await hourlyBookings(sql, c.req.valid("query"))))
    .openapi(crew, async (c) => c.json(await crewHoursReport(sql, c.req.valid("query"))));
}
