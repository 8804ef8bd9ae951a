import { Hono } from "hono";
import { z } from "zod";
import { listUpcomingFlights } from "../../db/flights_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";

const iata = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "expected a 3-letter IATA code");

/** Query of `GET /api/flights`. */
export const UpcomingQuery = z.object({
  from: iata.optional(),
  to: iata.optional(),
  date: z.iso.date({ message: "expected a date like 2026-12-24" }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

/** `GET /api/flights`: upcoming departures, filterable by route and local date. */
export function flightRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/", validate("query", UpcomingQuery), async (c) => {
    const q = c.req.valid("query");
    const flights = await listUpcomingFlights(deps.db.sql, {
      now: deps.clock.now(),
      from: q.from,
      to: q.to,
      date: q.date,
      limit: q.limit,
      offset: (q.page - 1) * q.limit,
    });
    return c.json({ data: flights, page: q.page, limit: q.limit });
  });
}
