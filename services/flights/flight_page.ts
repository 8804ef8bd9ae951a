/** What the operators' flight page shows: the flight, its status history and what it affects. */
import { countConnections } from "../../db/flight_audience_repo.ts";
import { notFound } from "../../domain/app_error.ts";
import type {
  AdminFlight,
  ReaccommodationLine,
  StatusHistoryEntry,
} from "../../domain/views/flight.ts";
import { flightCommitments, getAdminFlight } from "../../db/admin_flights_repo.ts";
import { listStatusHistory } from "../../db/flight_status_repo.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import {
  type AircraftTypeChoice,
  aircraftTypeChoices,
  airportZones,
  flightLabels,
} from "../../db/admin_pages_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** Everything the flight page shows, read fresh for each request. */
export interface AdminFlightPageData {
  flight: AdminFlight;
  history: StatusHistoryEntry[];
  /** What became of the bookings, once the flight was cancelled. */
  moves: ReaccommodationLine[];
  /** Live bookings, tickets and payments: any of them and the flight cannot be deleted. */
  commitments: { live: number; tickets: number; payments: number };
  /** The IANA zone of the origin and the destination, by IATA code. */
  zones: Record<string, string>;
  aircraftTypes: AircraftTypeChoice[];
  /** Short labels of the flights the passengers were moved to, by id. */
  labels: Record<string, string>;
  /** Bookings connecting onto another flight at the destination, and those at risk. */
  connections: { connecting: number; atRisk: number };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every published status change of a flight, oldest first. */
export async function statusHistory(sql: Sql, flightId: string): Promise<StatusHistoryEntry[]> {
  return (await listStatusHistory(sql, flightId)).map((h) => ({
    version: h.version as number,
    kind: h.kind as string,
    status: h.status as string,
    previousStatus: h.previous_status as string | null,
    reason: h.reason as string | null,
    gate: h.gate as string | null,
    estimatedDepartureAt: iso(h.estimated_departure_at as Date | null),
    boardingAt: iso(h.boarding_at as Date | null),
    createdAt: (h.created_at as Date).toISOString(),
  }));
}

/** One flight as the operators' pages show it; 404 for no such flight. */
export async function getFlightForPage(sql: Sql, id: string): Promise<AdminFlight> {
  const flight = await getAdminFlight(sql, id);
  if (!flight) throw notFound("Flight");
  return flight;
}

/** The flight page of flight `id` (404 when there is none). */
export async function adminFlightPage(sql: Sql, id: string): Promise<AdminFlightPageData> {
  const flight = await getFlightForPage(sql, id);
  const [history, moves, commitments, zones, aircraftTypes, connections] = await Promise.all([
    statusHistory(sql, id),
    listReaccommodations(sql, id),
    flightCommitments(sql, id),
    airportZones(sql, [flight.origin, flight.destination]),
    aircraftTypeChoices(sql),
    countConnections(sql, id),
  ]);
  const labels = await flightLabels(sql, [...new Set(moves.flatMap((m) => m.flightIds))]);
  return { flight, history, moves, commitments, zones, aircraftTypes, labels, connections };
}

/** The zones a flight's times are typed in: its origin's and its destination's (404 if none). */
export async function flightZones(
  sql: Sql,
  id: string,
): Promise<{ origin: string; destination: string }> {
  const flight = await getAdminFlight(sql, id);
  if (!flight) throw notFound("Flight");
  const zones = await airportZones(sql, [flight.origin, flight.destination]);
  return { origin: zones[flight.origin] ?? "UTC", destination: zones[flight.destination] ?? "UTC" };
}

export type { AircraftTypeChoice };

/** The aircraft types a flight form offers, with the cabins each has (for its fares). */
export function aircraftTypeOptions(sql: Sql): Promise<AircraftTypeChoice[]> {
  return aircraftTypeChoices(sql);
}
