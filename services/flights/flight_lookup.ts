/** A passenger's view of flights: upcoming departures, one flight's offers, its seat map. */
import { notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { cabinOffers, seatMapView } from "../../domain/inventory/view.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import { getFlight, listUpcomingFlights, type UpcomingFilter } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** What reading live flights needs. */
export interface FlightLookupDeps {
  sql: Sql;
  registry: ActorRegistry;
  clock: Clock;
}

/** The flight, or a 404 problem. */
export async function flightOr404(sql: Sql, id: string) {
  const flight = await getFlight(sql, id);
  if (!flight) throw notFound("Flight");
  return flight;
}

/** Flights departing from now, soonest first, optionally by route and local date. */
export async function upcomingFlights(
  deps: Pick<FlightLookupDeps, "sql" | "clock">,
  q: Omit<UpcomingFilter, "now" | "offset"> & { page: number },
) {
  const { page, ...filter } = q;
  const data = await listUpcomingFlights(deps.sql, {
    ...filter,
    now: deps.clock.now(),
    offset: (page - 1) * q.limit,
  });
  return { data, page, limit: q.limit };
}

/** A flight with its cabins' live prices and seats left; 404 for no such flight. */
export async function flightWithOffers(deps: FlightLookupDeps, id: string) {
  const flight = await flightOr404(deps.sql, id);
  const inv = await deps.registry.inventory(flight.id);
  return { ...flight, cabins: cabinOffers(inv, deps.clock.now().getTime()) };
}

/** A flight's live seat map; 404 for no such flight. */
export async function seatMap(deps: FlightLookupDeps, id: string) {
  const flight = await flightOr404(deps.sql, id);
  const inv = await deps.registry.inventory(flight.id);
  return seatMapView(inv, deps.clock.now().getTime());
}
