/** Lists of flights the pages show: the next departures, and the operators' flights table. */
import type { FlightSummary } from "../../domain/views/flight.ts";
import { type AdminFlightQuery, listAdminFlights } from "../../db/admin_flights_repo.ts";
import { listUpcomingFlights, type UpcomingFilter } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** The next departures, soonest first, maybe only from or to an airport. */
export function upcomingDepartures(sql: Sql, filter: UpcomingFilter): Promise<FlightSummary[]> {
  return listUpcomingFlights(sql, filter);
}

/** One page of the operators' flights table, filtered and sorted, and how many match. */
export function adminFlightList(sql: Sql, query: AdminFlightQuery) {
  return listAdminFlights(sql, query);
}
