/**
 * Crew assignments and the facts legality is decided on: flights reduced to crew terms
 * (block times follow a delay: the estimated times when set), members with their
 * unavailability, and each member's assigned flights. Cancelled flights never count.
 */
import type { CrewFlight, CrewMemberFacts, CrewRole } from "../domain/crew/model.ts";
import type { Sql, Tx } from "./postgres.ts";

type Db = Sql | Tx;

/** A flight with what crew scheduling and the admin API need to show it. */
export interface StaffedFlight extends CrewFlight {
  carrier: string;
  flightNumber: string;
  departureLocal: string;
  status: string;
  seats: number;
}

/** A member's facts plus what the API shows and notifications need. */
export interface MemberRecord extends CrewMemberFacts {
  name: string;
  employeeNumber: string;
  userId: string | null;
}

/** One assignment on a flight, as the admin API shows it. */
export interface FlightCrewEntry {
  crewId: string;
  name: string;
  employeeNumber: string;
  memberRole: CrewRole;
  role: CrewRole;
  overrideReason: string | null;
  assignedAt: string;
}

function flightColumns(sql: Db) {
  return sql`
    f.id, f.carrier, f.flight_number, f.origin, f.destination, o.tz AS origin_tz,
    f.aircraft_type, f.status, t.seat_count,
    to_char(f.departure_local, 'YYYY-MM-DD"T"HH24:MI') AS departure_local,
    coalesce(f.estimated_departure_at, f.departure_at) AS dep_at,
    coalesce(f.estimated_arrival_at,
      f.arrival_at + (coalesce(f.estimated_departure_at, f.departure_at) - f.departure_at))
      AS arr_at`;
}

// deno-lint-ignore no-explicit-any
function toFlight(r: any): StaffedFlight {
  return {
    id: r.id,
    carrier: r.carrier,
    flightNumber: r.flight_number,
    origin: r.origin,
    destination: r.destination,
    originTz: r.origin_tz,
    departureAt: r.dep_at.getTime(),
    arrivalAt: r.arr_at.getTime(),
    departureLocal: r.departure_local,
    aircraftType: r.aircraft_type,
    status: r.status,
    seats: r.seat_count,
  };
}

/** One flight in crew terms, or undefined. */
export async function getStaffedFlight(sql: Db, flightId: string) {
  const [row] = await sql`
    SELECT ${flightColumns(sql)}
    FROM flights f JOIN airports o ON o.iata = f.origin
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    WHERE f.id = ${flightId}`;
  return row ? toFlight(row) : undefined;
}

/** Members with their unavailability ending after `since`; all members when `ids` is absent. */
export async function loadMembers(sql: Db, since: Date, ids?: string[]): Promise<MemberRecord[]> {
  if (ids && ids.length === 0) return [];
  const rows = await sql`
    SELECT m.id, m.name, m.employee_number, m.role, m.home_base, m.type_ratings, m.user_id,
           m.active,
           coalesce((SELECT json_agg(json_build_object('id', u.id, 'startsAt', u.starts_at,
                       'endsAt', u.ends_at, 'reason', u.reason) ORDER BY u.starts_at)
                     FROM crew_unavailability u
                     WHERE u.crew_id = m.id AND u.ends_at > ${since}), '[]') AS unavailability
    FROM crew_members m
    ${ids ? sql`WHERE m.id IN ${sql(ids)}` : sql``}
    ORDER BY m.id`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    employeeNumber: r.employee_number,
    role: r.role,
    homeBase: r.home_base,
    typeRatings: r.type_ratings,
    userId: r.user_id,
    active: r.active,
    unavailability:
      (r.unavailability as { id: string; startsAt: string; endsAt: string; reason: string }[])
        .map((u) => ({
          id: u.id,
          startsAt: Date.parse(u.startsAt),
          endsAt: Date.parse(u.endsAt),
          reason: u.reason,
        })),
  }));
}

/** Locks a member's row for the rest of the transaction; false when there is no such member. */
export async function lockMember(tx: Tx, crewId: string): Promise<boolean> {
  const rows = await tx`SELECT id FROM crew_members WHERE id = ${crewId} FOR UPDATE`;
  return rows.length > 0;
}

/** Locks several members' rows in id order, so two transactions never wait on each other. */
export async function lockMembers(tx: Tx, crewIds: string[]): Promise<void> {
  if (crewIds.length === 0) return;
  await tx`SELECT id FROM crew_members WHERE id IN ${tx(crewIds)} ORDER BY id FOR UPDATE`;
}

/**
 * Each member's flights (not cancelled) arriving after `since`, with the position held, and
 * the flights they ride to position (`positioning: true`, no position): both move a member.
 */
export async function loadAssignedFlights(
  sql: Db,
  crewIds: string[],
  since: Date,
): Promise<Map<string, (StaffedFlight & { position: CrewRole | null })[]>> {
  const out = new Map<string, (StaffedFlight & { position: CrewRole | null })[]>();
  if (crewIds.length === 0) return out;
  const rows = await sql`
    SELECT a.crew_id, a.position, ${flightColumns(sql)}
    FROM (SELECT crew_id, flight_id, role AS position FROM crew_assignments
          WHERE crew_id IN ${sql(crewIds)}
          UNION ALL
          SELECT crew_id, flight_id, NULL FROM crew_positioning
          WHERE crew_id IN ${sql(crewIds)}) a
    JOIN flights f ON f.id = a.flight_id
    JOIN airports o ON o.iata = f.origin
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    WHERE f.status <> 'cancelled' AND coalesce(f.estimated_arrival_at, f.arrival_at) > ${since}
    ORDER BY dep_at, f.id`;
  for (const r of rows) {
    const list = out.get(r.crew_id) ?? [];
    const flight = toFlight(r);
    list.push(
      r.position
        ? { ...flight, position: r.position }
        : { ...flight, position: null, positioning: true },
    );
    out.set(r.crew_id, list);
  }
  return out;
}

/** The crew on a flight, captain first. */
export async function listFlightCrew(sql: Db, flightId: string): Promise<FlightCrewEntry[]> {
  const rows = await sql`
    SELECT a.crew_id, m.name, m.employee_number, m.role AS member_role, a.role,
           a.override_reason, a.assigned_at
    FROM crew_assignments a JOIN crew_members m ON m.id = a.crew_id
    WHERE a.flight_id = ${flightId}
    ORDER BY array_position(ARRAY['captain', 'first_officer', 'purser', 'flight_attendant'],
                            a.role), m.name, a.crew_id`;
  return rows.map((r) => ({
    crewId: r.crew_id,
    name: r.name,
    employeeNumber: r.employee_number,
    memberRole: r.member_role,
    role: r.role,
    overrideReason: r.override_reason,
    assignedAt: r.assigned_at.toISOString(),
  }));
}

/** Whether the member is on the flight already, working it or riding it to position. */
export async function isOnFlight(sql: Db, flightId: string, crewId: string): Promise<boolean> {
  const rows = await sql`
    SELECT 1 FROM crew_assignments WHERE flight_id = ${flightId} AND crew_id = ${crewId}
    UNION ALL
    SELECT 1 FROM crew_positioning WHERE flight_id = ${flightId} AND crew_id = ${crewId}`;
  return rows.length > 0;
}

/** Writes an assignment; returns when it was made. */
export async function insertAssignment(
  tx: Tx,
  a: {
    flightId: string;
    crewId: string;
    role: CrewRole;
    overrideReason?: string;
    assignedBy?: string;
    at: Date;
  },
): Promise<string> {
  const [row] = await tx`
    INSERT INTO crew_assignments (flight_id, crew_id, role, override_reason, assigned_by,
                                  assigned_at)
    VALUES (${a.flightId}, ${a.crewId}, ${a.role}, ${a.overrideReason ?? null},
            ${a.assignedBy ?? null}, ${a.at})
    RETURNING assigned_at`;
  return row.assigned_at.toISOString();
}

/** Removes an assignment; what was removed, or undefined when there was none. */
export async function deleteAssignment(tx: Tx, flightId: string, crewId: string) {
  const [row] = await tx`
    DELETE FROM crew_assignments WHERE flight_id = ${flightId} AND crew_id = ${crewId}
    RETURNING role, override_reason`;
  return row ? { role: row.role as CrewRole, overrideReason: row.override_reason } : undefined;
}

/** A flight to staff, with the crew it has. */
export interface FlightWithCrew extends StaffedFlight {
  crew: { crewId: string; role: CrewRole }[];
}

/**
 * Flights whose local departure date is in [from, to], not cancelled, in departure order.
 * With `openAfter`, only flights still to depart after it that have not departed.
 */
export async function listFlightsWithCrew(
  sql: Db,
  range: { from: string; to: string; openAfter?: Date },
): Promise<FlightWithCrew[]> {
  const rows = await sql`
    SELECT ${flightColumns(sql)},
           coalesce(json_agg(json_build_object('crewId', a.crew_id, 'role', a.role)
                    ORDER BY a.crew_id) FILTER (WHERE a.crew_id IS NOT NULL), '[]') AS crew
    FROM flights f JOIN airports o ON o.iata = f.origin
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    LEFT JOIN crew_assignments a ON a.flight_id = f.id
    WHERE f.departure_date BETWEEN ${range.from} AND ${range.to} AND f.status <> 'cancelled'
      ${
    range.openAfter
      ? sql`AND f.status NOT IN ('departed', 'arrived') AND f.departure_at > ${range.openAfter}`
      : sql``
  }
    GROUP BY f.id, o.tz, t.seat_count
    ORDER BY dep_at, f.carrier, f.flight_number`;
  return rows.map((r) => ({ ...toFlight(r), crew: r.crew }));
}

/** A member's flights arriving after `now`, soonest first. */
export async function listUpcomingAssignments(sql: Db, crewId: string, now: Date, limit = 50) {
  const rows = await sql`
    SELECT a.role AS position, a.override_reason, ${flightColumns(sql)}
    FROM crew_assignments a JOIN flights f ON f.id = a.flight_id
    JOIN airports o ON o.iata = f.origin
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    WHERE a.crew_id = ${crewId} AND coalesce(f.estimated_arrival_at, f.arrival_at) > ${now}
    ORDER BY dep_at, f.id LIMIT ${limit}`;
  return rows.map((r) => ({
    ...flightView(toFlight(r)),
    role: r.position as CrewRole,
    overrideReason: r.override_reason as string | null,
  }));
}

/** A flight as crew responses show it (ISO instants). */
export function flightView(f: StaffedFlight) {
  return {
    flightId: f.id,
    carrier: f.carrier,
    flightNumber: f.flightNumber,
    origin: f.origin,
    destination: f.destination,
    departureLocal: f.departureLocal,
    departureAt: new Date(f.departureAt).toISOString(),
    arrivalAt: new Date(f.arrivalAt).toISOString(),
    aircraftType: f.aircraftType,
    seats: f.seats,
    status: f.status,
  };
}

/** The crew assigned to a flight without a type rating for `typeCode`, by name. */
export async function listCrewWithoutRating(
  sql: Db,
  flightId: string,
  typeCode: string,
): Promise<{ crewId: string; name: string }[]> {
  const rows = await sql`
    SELECT m.id, m.name FROM crew_assignments a JOIN crew_members m ON m.id = a.crew_id
    WHERE a.flight_id = ${flightId} AND NOT (${typeCode} = ANY (m.type_ratings))
    ORDER BY m.name`;
  return rows.map((r) => ({ crewId: r.id, name: r.name }));
}
