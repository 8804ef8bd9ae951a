/** What the fleet screens read: aircraft types with their layouts, airframes, airports. */
import { notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { cabinCapacities, expandSeats, type SeatLayout } from "../../domain/seat_layout.ts";
import { searchAirports } from "../../db/admin_airports_repo.ts";
import {
  type AircraftType,
  getAircraft,
  getAircraftType,
  listAircraft,
  listAircraftTypes,
  upcomingFlightsOfAircraft,
  upcomingFlightsOfType,
  upcomingFlightsPerAircraft,
} from "../../db/fleet_repo.ts";
import {
  type AircraftConfiguration,
  getConfiguration,
  listConfigurations,
  upcomingFlightsOfConfiguration,
} from "../../db/configurations_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { AircraftTypeRow, AirframeRow, AirframeView } from "../../domain/views/fleet.ts";

/** What a seat map holds per cabin and overall, for an editor to check a layout at a glance. */
function layoutSummary(l: SeatLayout) {
  const seats = expandSeats(l);
  const rowsOf = (list: typeof seats) => [...new Set(list.map((s) => s.row))];
  return {
    seatCount: seats.length,
    cabins: l.cabins.map((cabin) => {
      const mine = seats.filter((s) => s.cabin === cabin.code);
      return {
        code: cabin.code,
        name: cabin.name,
        rows: rowsOf(mine).length,
        seats: mine.length,
        sellable: mine.filter((s) => !s.blocked).length,
        exitRows: rowsOf(mine.filter((s) => s.exitRow)),
        blockedSeats: mine.filter((s) => s.blocked).map((s) => s.id),
      };
    }),
    exitRows: rowsOf(seats.filter((s) => s.exitRow)),
    exitRowSeats: seats.filter((s) => s.exitRow).length,
    blockedSeats: seats.filter((s) => s.blocked).map((s) => s.id),
  };
}

/** Every aircraft type with its seat count. */
export async function aircraftTypes(sql: Sql) {
  return { data: await listAircraftTypes(sql) };
}

/**
 * An aircraft type with its default configuration's layout, a per-cabin summary and whether
 * that layout may still change (only while no flight that has not departed uses it), and
 * every configuration of the type; 404 for no such type.
 */
export async function aircraftType(deps: { sql: Sql; clock: Clock }, code: string) {
  const type = await getAircraftType(deps.sql, code);
  if (!type) throw notFound("Aircraft type");
  const now = deps.clock.now();
  const [upcoming, configurations] = await Promise.all([
    upcomingFlightsOfConfiguration(deps.sql, code, type.defaultConfiguration, now),
    configurationViews(deps.sql, code, now),
  ]);
  return {
    ...type,
    summary: layoutSummary(type.layout),
    upcomingFlights: upcoming.total,
    layoutEditable: upcoming.total === 0,
    configurations,
  };
}

/** A type's configurations, each with its summary and whether its layout may change. */
export async function configurationViews(sql: Sql, typeCode: string, now: Date) {
  return await Promise.all(
    (await listConfigurations(sql, typeCode)).map(async (c) => {
      const upcoming = await upcomingFlightsOfConfiguration(sql, typeCode, c.code, now, 1);
      return {
        ...c,
        summary: layoutSummary(c.layout),
        upcomingFlights: upcoming.total,
        layoutEditable: upcoming.total === 0,
      };
    }),
  );
}

/** One configuration of a type, or undefined when the type has no such configuration. */
export async function configuration(
  sql: Sql,
  typeCode: string,
  code: string,
): Promise<AircraftConfiguration | undefined> {
  return await getConfiguration(sql, typeCode, code);
}

/** The airframes, by type and activity. */
export async function airframes(sql: Sql, filter: { typeCode?: string; active?: boolean }) {
  return { data: await listAircraft(sql, filter) };
}

/** Every airframe with how many flights not yet departed it is assigned to. */
export async function airframeRows(sql: Sql, now: Date): Promise<AirframeRow[]> {
  const [planes, counts] = await Promise.all([
    listAircraft(sql, {}),
    upcomingFlightsPerAircraft(sql, now),
  ]);
  return planes.map((a) => ({ ...a, upcomingFlights: counts.get(a.registration) ?? 0 }));
}

/**
 * One airframe with the configurations of its type it may be fitted with and the flights not
 * yet departed it is assigned to (the first 20); undefined when there is none.
 */
export async function airframe(
  sql: Sql,
  registration: string,
  now: Date,
): Promise<AirframeView | undefined> {
  const aircraft = await getAircraft(sql, registration);
  if (!aircraft) return undefined;
  const [configurations, upcoming] = await Promise.all([
    listConfigurations(sql, aircraft.typeCode),
    upcomingFlightsOfAircraft(sql, registration, now, 20),
  ]);
  return {
    aircraft,
    configurations: configurations.map((c) => ({
      code: c.code,
      name: c.name,
      seatCount: c.seatCount,
      isDefault: c.isDefault,
    })),
    upcoming,
  };
}

/** A page of airports matching a code, name, city or country. */
export async function airportList(sql: Sql, q: { q?: string; page: number; limit: number }) {
  const { data, total } = await searchAirports(sql, {
    q: q.q || undefined,
    limit: q.limit,
    offset: (q.page - 1) * q.limit,
  });
  return { data, page: q.page, limit: q.limit, total };
}

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

/** An aircraft type to edit and how many flights after `now` use its default layout. */
export async function aircraftTypeToEdit(
  sql: Sql,
  code: string,
  now: Date,
): Promise<
  | {
    type: AircraftType;
    upcomingFlights: number;
    configurations: Awaited<ReturnType<typeof configurationViews>>;
  }
  | undefined
> {
  const type = await getAircraftType(sql, code);
  if (!type) return undefined;
  const upcoming = await upcomingFlightsOfConfiguration(
    sql,
    type.code,
    type.defaultConfiguration,
    now,
    1,
  );
  const configurations = await configurationViews(sql, type.code, now);
  return { type, upcomingFlights: upcoming.total, configurations };
}
