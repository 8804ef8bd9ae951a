import type { Database } from "../../db/postgres.ts";
import { testApp } from "./app.ts";
import { staffHeaders } from "./staff.ts";
import { json } from "./http.ts";
import { seedTestSchedule } from "./seed.ts";

/** Four days before the seeded schedule starts. */
export const CREW_NOW = "2030-02-25T00:00:00Z";

/** A seeded app (three days of schedule, the demo roster) with staff and passenger tokens. */
export async function crewFixture(db: Database) {
  await seedTestSchedule(db.sql, 3);
  const t = await testApp(db, CREW_NOW);
  const token = async (role: "passenger" | "operator" | "admin") => {
    const { userId, headers } = await staffHeaders(t, db, role, `${role}@crew.test`);
    return { id: userId, headers };
  };
  const operator = await token("operator");
  const passenger = await token("passenger");
  /** A JSON request as the operator (or with `headers`); returns status and parsed body. */
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = operator.headers,
  ) => {
    const res = await t.app.request(path, json(method, body, headers));
    const type = res.headers.get("content-type") ?? "";
    // deno-lint-ignore no-explicit-any
    const data: any = type.includes("json") ? await res.json() : await res.text();
    return { status: res.status, type, body: data };
  };
  /** The first demo crew member of a role rated on a type, by employee number. */
  const crewMember = async (role: string, type: string, skip = 0) => {
    const [m] = await db.sql`
      SELECT id, name FROM crew_members WHERE role = ${role} AND ${type} = ANY (type_ratings)
      ORDER BY employee_number OFFSET ${skip} LIMIT 1`;
    return m as { id: string; name: string };
  };
  /** The first member of a role rated on a flight's type and based where it departs. */
  const crewAt = async (role: string, flightId: string, skip = 0) => {
    const [m] = await db.sql`
      SELECT m.id, m.name FROM crew_members m JOIN flights f ON f.id = ${flightId}
      WHERE m.role = ${role} AND f.aircraft_type = ANY (m.type_ratings)
        AND m.home_base = f.origin
      ORDER BY m.employee_number OFFSET ${skip} LIMIT 1`;
    return m as { id: string; name: string };
  };
  return { ...t, operator, passenger, call, crewMember, crewAt };
}

/**
 * A long flight of `longType` (at least `minHours` block) and a flight of `shortType` from
 * another airport that departs while the long one is in the air.
 */
export async function overlappingFlights(
  db: Database,
  longType: string,
  shortType: string,
  long: { minHours?: number; reportFromHour?: number } = {},
) {
  const { minHours = 0, reportFromHour = 0 } = long;
  const [row] = await db.sql`
    SELECT l.id AS long_id, s.id AS short_id
    FROM flights l JOIN flights s
      ON s.departure_at > l.departure_at + interval '1 hour'
     AND s.departure_at < l.arrival_at - interval '1 hour'
     AND s.origin <> l.destination AND s.origin <> l.origin
    WHERE l.aircraft_type = ${longType} AND s.aircraft_type = ${shortType}
      AND l.arrival_at - l.departure_at >= ${`${minHours} hours`}::interval
      AND extract(hour from l.departure_local - interval '1 hour') >= ${reportFromHour}
      AND l.departure_date = '2030-03-01'
    ORDER BY l.departure_at, l.id, s.departure_at, s.id LIMIT 1`;
  return { longId: row.long_id as string, shortId: row.short_id as string };
}

/** Two narrow-body flights from one airport, the second leaving while the first is in the air. */
export async function sameOriginOverlap(db: Database) {
  const [row] = await db.sql`
    SELECT a.id AS first_id, b.id AS second_id
    FROM flights a JOIN flights b
      ON b.origin = a.origin AND b.departure_at > a.departure_at
     AND b.departure_at < a.arrival_at
    WHERE a.aircraft_type IN ('A20N', 'E195') AND b.aircraft_type IN ('A20N', 'E195')
      AND a.departure_date = '2030-03-01'
    ORDER BY a.departure_at, a.id, b.departure_at, b.id LIMIT 1`;
  return { firstId: row.first_id as string, secondId: row.second_id as string };
}
