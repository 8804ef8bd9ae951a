import { z } from "zod";
import {
  flightWithOffers,
  seatMap,
  upcomingFlights,
} from "../../services/flights/flight_lookup.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, jsonResponse, router } from "../declare.ts";
import { iataCode as iata } from "../schemas.ts";
import { FlightPage, FlightWithOffers, SeatMap } from "../responses.ts";

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

const upcoming = declare({
  method: "get",
  path: "/api/flights",
  tags: ["Search"],
  summary: "Upcoming departures",
  roles: ANYONE,
  request: { query: UpcomingQuery },
  responses: { 200: jsonResponse("A page of departures", FlightPage) },
});

const one = declare({
  method: "get",
  path: "/api/flights/{id}",
  tags: ["Search"],
  summary: "A flight with live cabin offers",
  roles: ANYONE,
  request: { params: FlightParam },
  responses: {
    200: jsonResponse("The flight and its cabins' prices and seats left", FlightWithOffers),
  },
});

const seats = declare({
  method: "get",
  path: "/api/flights/{id}/seats",
  tags: ["Search"],
  summary: "The live seat map",
  roles: ANYONE,
  request: { params: FlightParam },
  responses: { 200: jsonResponse("Every seat with its state and price", SeatMap) },
});

/** `/api/flights`: upcoming departures, one flight's details, its live seat map. */
export function flightRoutes(deps: AppDeps) {
  const flights = { ...deps, sql: deps.db.sql };
  return router()
    // Public lists, live: a client keeps them and revalidates by ETag (a 304 when unchanged).
    .openapi(upcoming, async (c) => {
      c.header("Cache-Control", "public, no-cache");
      return c.json(await upcomingFlights(flights, c.req.valid("query")));
    })
    .openapi(one, async (c) => {
      c.header("Cache-Control", "public, no-cache");
      return c.json(await flightWithOffers(flights, c.req.valid("param").id));
    })
    .openapi(seats, async (c) => {
      const map = await seatMap(flights, c.req.valid("param").id);
      c.header("Cache-Control", "no-store");
      return c.json(map);
    });
}
