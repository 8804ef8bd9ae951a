import { Hono } from "hono";
import { z } from "zod";
import { getFlight, listUpcomingFlights } from "../../db/flights_repo.ts";
import { notFound } from "../../domain/app_error.ts";
import { cabinOffers, seatMapView } from "../../domain/inventory/view.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { iataCode as iata } from "../schemas.ts";

/** Query of `GET /api/flights`. */
export const UpcomingQuery = z.object({
  from: iata.optional(),
  to: iata.optional(),
  date: z.iso.date({ message: "expected a date like 2026-12-24" }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

/** A flight id as given in a URL: anything that is not a flight is a 404, not a 400. */
export const FlightParam = z.object({ id: z.string().max(64) });

/** The flight, or a 404 problem. */
export async function flightOr404(deps: AppDeps, id: string) {
  const flight = await getFlight(deps.db.sql, id);
  if (!flight) throw notFound("Flight");
  return flight;
}

/** `/api/flights`: upcoming departures, one flight's details, its live seat map. */
export function flightRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/:id", validate("param", FlightParam), async (c) => {
      const flight = await flightOr404(deps, c.req.valid("param").id);
      const inv = await deps.registry.inventory(flight.id);
      return c.json({ ...flight, cabins: cabinOffers(inv, deps.clock.now().getTime()) });
    })
    .get("/:id/seats", validate("param", FlightParam), async (c) => {
      const flight = await flightOr404(deps, c.req.valid("param").id);
      const inv = await deps.registry.inventory(flight.id);
      c.header("Cache-Control", "no-store");
      return c.json(seatMapView(inv, deps.clock.now().getTime()));
    })
    .get("/", validate("query", UpcomingQuery), async (c) => {
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
