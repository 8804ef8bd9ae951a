/** What the fleet pages show: every aircraft type with its cabins, and one type to edit. */
import { cabinCapacities } from "../../domain/seat_layout.ts";
import type { AircraftTypeRow } from "../../domain/views/fleet.ts";
import {
  type AircraftType,
  getAircraftType,
  listAircraftTypes,
  upcomingFlightsOfType,
} from "../../db/fleet_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** Every aircraft type with its seats per cabin and its flights after `now`. */
export async function aircraftTypeRows(sql: Sql, now: Date): Promise<AircraftTypeRow[]> {
  return await Promise.all(
    (await listAircraftTypes(sql)).map(async (t) => {
      const [full, upcoming] = await Promise.all([
        getAircraftType(sql, t.code),
        upcomingFlightsOfType(sql, t.code, now, 1),
      ]);
      return {
        ...t,
        cabins: full ? cabinCapacities(full.layout) : {},
        upcomingFlights: upcoming.total,
      };
    }),
  );
}

/** An aircraft type to edit and how many flights after `now` use it, or undefined. */
export async function aircraftTypeToEdit(
  sql: Sql,
  code: string,
  now: Date,
): Promise<{ type: AircraftType; upcomingFlights: number } | undefined> {
  const type = await getAircraftType(sql, code);
  if (!type) return undefined;
  const upcoming = await upcomingFlightsOfType(sql, type.code, now, 1);
  return { type, upcomingFlights: upcoming.total };
}
