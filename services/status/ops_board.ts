/** The operations board: a day's flights with live status, load, crew and connections. */
import type { OpsRow } from "../../domain/views/ops.ts";
import type { CrewRole } from "../../domain/crew/model.ts";
import { listAdminFlights } from "../../db/admin_flights_repo.ts";
import { listFlightsByIds } from "../../db/flights_repo.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import { countConnectionsOf } from "../../db/flight_audience_repo.ts";
import { opsExtras } from "../../db/ops_board_repo.ts";
import { requiredComplement, shortfall } from "../../domain/crew/complement.ts";
import { flightDeckCrew } from "../../domain/crew/augmented.ts";

/**
 * Positions a flight requires (its seats, and its block time for an augmented flight deck) and
 * how many its assigned crew fill.
 */
function crewFill(
  f: { departureAt: string; arrivalAt: string; capacity: number },
  originTz: string,
  roles: CrewRole[],
) {
  const pilots = flightDeckCrew({
    departureAt: Date.parse(f.departureAt),
    arrivalAt: Date.parse(f.arrivalAt),
    originTz,
  });
  const need = requiredComplement(f.capacity, pilots);
  const required = need.pilots + need.cabin;
  return {
    crewRequired: required,
    crewAssigned: required - shortfall(f.capacity, roles, pilots).positions.length,
  };
}
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
  const ids = flights.map((f) => f.id);
  const [summaries, extras, connections] = await Promise.all([
    listFlightsByIds(sql, ids),
    opsExtras(sql, ids),
    countConnectionsOf(sql, ids),
  ]);
  const zones = new Map(summaries.map((f) => [f.id, [f.origin.tz, f.destination.tz]]));
  const rows = await Promise.all(flights.map(async (f) => ({
    id: f.id,
    name: `${f.carrier} ${f.flightNumber} ${f.origin} → ${f.destination}`,
    origin: f.origin,
    originTz: zones.get(f.id)?.[0] ?? "UTC",
    destinationTz: zones.get(f.id)?.[1] ?? "UTC",
    departureLocal: f.departureLocal,
    departureAt: f.departureAt,
    estimatedDepartureAt: f.estimatedDepartureAt,
    boardingAt: f.boardingAt,
    status: f.status,
    gate: f.gate,
    version: f.version,
    capacity: f.capacity,
    sold: f.sold,
    registration: f.aircraftRegistration,
    arrivalAt: f.arrivalAt,
    estimatedArrivalAt: extras.get(f.id)?.estimatedArrivalAt ?? null,
    ...crewFill(f, zones.get(f.id)?.[0] ?? "UTC", extras.get(f.id)?.crewRoles ?? []),
    connecting: connections.get(f.id)?.connecting ?? 0,
    atRisk: connections.get(f.id)?.atRisk ?? 0,
    outcome: f.status === "cancelled" ? await outcomeCounts(sql, f.id) : undefined,
  })));
  return { rows, total };
}
