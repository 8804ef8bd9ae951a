/** The operations board: a day's flights with live status and load, paged. */
import type { OpsRow } from "../../domain/views/ops.ts";
import { listAdminFlights } from "../../db/admin_flights_repo.ts";
import { listFlightsByIds } from "../../db/flights_repo.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** Which flights the board shows: a day, maybe an origin and a status, one page. */
export interface OpsBoardQuery {
  /** Local departure date, "YYYY-MM-DD". */
  date: string;
  origin?: string;
  status?: string;
  limit: number;
  offset: number;
}

/** What became of a cancelled flight's passengers, counted. */
async function outcomeCounts(sql: Sql, flightId: string) {
  const list = await listReaccommodations(sql, flightId);
  return {
    rebooked: list.filter((r) => r.status === "rebooked").length,
    refundOffered: list.filter((r) => r.status !== "rebooked").length,
  };
}

/** The board's rows of one page, by departure, and how many flights match in all. */
export async function opsBoard(
  sql: Sql,
  q: OpsBoardQuery,
): Promise<{ rows: OpsRow[]; total: number }> {
  const { data: flights, total } = await listAdminFlights(sql, {
    from: q.date,
    to: q.date,
    origin: q.origin,
    status: q.status,
    sort: "departure",
    order: "asc",
    limit: q.limit,
    offset: q.offset,
  });
  const zones = new Map(
    (await listFlightsByIds(sql, flights.map((f) => f.id))).map((f) => [f.id, f.origin.tz]),
  );
  const rows = await Promise.all(flights.map(async (f) => ({
    id: f.id,
    name: `${f.carrier} ${f.flightNumber} ${f.origin} → ${f.destination}`,
    origin: f.origin,
    originTz: zones.get(f.id) ?? "UTC",
    departureLocal: f.departureLocal,
    departureAt: f.departureAt,
    estimatedDepartureAt: f.estimatedDepartureAt,
    status: f.status,
    gate: f.gate,
    version: f.version,
    capacity: f.capacity,
    sold: f.sold,
    outcome: f.status === "cancelled" ? await outcomeCounts(sql, f.id) : undefined,
  })));
  return { rows, total };
}
