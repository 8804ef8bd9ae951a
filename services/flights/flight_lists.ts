/** Lists of flights the pages show: the next departures, and the operators' flights table. */
import type { FlightSummary } from "../../domain/views/flight.ts";
import { type AdminFlightQuery, listAdminFlights } from "../../db/admin_flights_repo.ts";
import { listUpcomingFlights, type UpcomingFilter } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { AppError } from "../../domain/app_error.ts";
import { decodeCursor, type ListCursor } from "../../domain/list_cursor.ts";

/** Keyset paging as links carry it: after or before a row's cursor, or the last page. */
export interface CursorParams {
  after?: string;
  before?: string;
  last?: "1";
}

// The cursors of `p`, decoded; 400 for one this list did not make.
export function cursorsOf(
  p: CursorParams,
): { after?: ListCursor; before?: ListCursor; last?: boolean } {
  const decode = (text: string | undefined) => {
    if (text === undefined) return undefined;
    const c = decodeCursor(text);
    if (!c) throw new AppError(400, "invalid_cursor", { detail: "The page cursor is not valid." });
    return c;
  };
  return { after: decode(p.after), before: decode(p.before), last: p.last === "1" || undefined };
}

/** The next departures, soonest first, maybe only from or to an airport. */
export function upcomingDepartures(sql: Sql, filter: UpcomingFilter): Promise<FlightSummary[]> {
  return listUpcomingFlights(sql, filter);
}

/** The flights table's query as links carry it (cursors still encoded). */
export type FlightTableQuery = Omit<AdminFlightQuery, "after" | "before" | "last"> & CursorParams;

/** One page of the operators' flights table, filtered and sorted, and how many match. */
export function adminFlightList(sql: Sql, query: FlightTableQuery) {
  const { after, before, last, ...rest } = query;
  return listAdminFlights(sql, { ...rest, ...cursorsOf({ after, before, last }) });
}
