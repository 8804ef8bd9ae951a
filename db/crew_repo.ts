/**
 * The crew roster: members and the periods they cannot work. Assignments and what legality
 * reads live in crew_assignments_repo.ts.
 */
import type { CrewRole } from "../domain/crew/model.ts";
import type { Sql, Tx } from "./postgres.ts";
import type { CrewMemberView } from "../domain/views/crew.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { CrewMemberView };

/** A period a member cannot work. */
export interface UnavailabilityView {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

/** Fields of a new member. */
export interface NewCrewMember {
  employeeNumber: string;
  name: string;
  role: CrewRole;
  homeBase: string;
  typeRatings: string[];
  userId?: string | null;
}

/** Fields to change on a member; absent ones stay. */
export type CrewMemberPatch = Partial<NewCrewMember & { active: boolean }>;

/** Filters of listCrew. */
export interface CrewFilter {
  role?: CrewRole;
  base?: string;
  /** Part of the name or employee number, any case. */
  q?: string;
  limit: number;
  offset: number;
}

// deno-lint-ignore no-explicit-any
function toView(r: any): CrewMemberView {
  return {
    id: r.id,
    employeeNumber: r.employee_number,
    name: r.name,
    role: r.role,
    homeBase: r.home_base,
    typeRatings: r.type_ratings,
    userId: r.user_id,
    active: r.active,
    createdAt: r.created_at.toISOString(),
  };
}

const COLUMNS = [
  "id",
  "employee_number",
  "name",
  "role",
  "home_base",
  "type_ratings",
  "user_id",
  "active",
  "created_at",
];

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of the roster, by name, with the total that matches. */
export async function listCrew(
  sql: Sql,
  f: CrewFilter,
): Promise<{ data: CrewMemberView[]; total: number }> {
  const like = f.q ? `%${escapeLike(f.q.toLowerCase())}%` : undefined;
  const where = sql`
    WHERE true
      ${f.role ? sql`AND role = ${f.role}` : sql``}
      ${f.base ? sql`AND home_base = ${f.base}` : sql``}
      ${like ? sql`AND (lower(name) LIKE ${like} OR lower(employee_number) LIKE ${like})` : sql``}`;
  const [rows, [{ total }]] = await Promise.all([
    sql`SELECT ${sql(COLUMNS)} FROM crew_members ${where}
        ORDER BY name, employee_number LIMIT ${f.limit} OFFSET ${f.offset}`,
    sql`SELECT count(*)::int AS total FROM crew_members ${where}`,
  ]);
  return { data: rows.map(toView), total };
}

/** One member, or undefined. */
export async function getCrewMember(sql: Sql | Tx, id: string) {
  const [row] = await sql`SELECT ${sql(COLUMNS)} FROM crew_members WHERE id = ${id}`;
  return row ? toView(row) : undefined;
}

/** Why a member's references are wrong: an unknown airport, aircraft type or user. */
export interface ReferenceProblem {
  code: "unknown_airport" | "unknown_aircraft_type" | "unknown_user";
  detail: string;
}

/** Checks that the home base, type ratings and linked user exist. */
export async function checkCrewReferences(
  sql: Sql,
  m: { homeBase?: string; typeRatings?: string[]; userId?: string | null },
): Promise<ReferenceProblem | undefined> {
  if (m.homeBase) {
    const [a] = await sql`SELECT 1 FROM airports WHERE iata = ${m.homeBase}`;
    if (!a) return { code: "unknown_airport", detail: `No airport ${m.homeBase}.` };
  }
  if (m.typeRatings?.length) {
    const known = await sql`SELECT code FROM aircraft_types WHERE code IN ${sql(m.typeRatings)}`;
    const missing = m.typeRatings.filter((t) => !known.some((k) => k.code === t));
    if (missing.length) {
      return {
        code: "unknown_aircraft_type",
        detail: `No aircraft type ${missing.join(", ")}.`,
      };
    }
  }
  if (m.userId) {
    const [u] = await sql`SELECT 1 FROM users WHERE id = ${m.userId} AND anonymized_at IS NULL`;
    if (!u) return { code: "unknown_user", detail: "No such user to link." };
  }
  return undefined;
}

function uniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === "23505";
}

/** Adds a member; undefined when the employee number is taken. */
export async function insertCrewMember(
  sql: Sql | Tx,
  m: NewCrewMember,
): Promise<CrewMemberView | undefined> {
  const [row] = await sql`
    INSERT INTO crew_members (employee_number, name, role, home_base, type_ratings, user_id)
    VALUES (${m.employeeNumber}, ${m.name}, ${m.role}, ${m.homeBase}, ${m.typeRatings},
            ${m.userId ?? null})
    ON CONFLICT (employee_number) DO NOTHING
    RETURNING ${sql(COLUMNS)}`;
  return row ? toView(row) : undefined;
}

/** Changes a member; "not_found", "taken" (employee number) or the updated member. */
export async function updateCrewMember(
  sql: Sql,
  id: string,
  patch: CrewMemberPatch,
): Promise<CrewMemberView | "not_found" | "taken"> {
  const columns: Record<string, unknown> = {};
  if (patch.employeeNumber !== undefined) columns.employee_number = patch.employeeNumber;
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.role !== undefined) columns.role = patch.role;
  if (patch.homeBase !== undefined) columns.home_base = patch.homeBase;
  if (patch.typeRatings !== undefined) columns.type_ratings = patch.typeRatings;
  if (patch.userId !== undefined) columns.user_id = patch.userId;
  if (patch.active !== undefined) columns.active = patch.active;
  try {
    const [row] = Object.keys(columns).length
      ? await sql`UPDATE crew_members SET ${sql(columns)} WHERE id = ${id}
                  RETURNING ${sql(COLUMNS)}`
      : await sql`SELECT ${sql(COLUMNS)} FROM crew_members WHERE id = ${id}`;
    return row ? toView(row) : "not_found";
  } catch (err) {
    if (uniqueViolation(err)) return "taken";
    throw err;
  }
}

// deno-lint-ignore no-explicit-any
function toPeriod(r: any): UnavailabilityView {
  return {
    id: r.id,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    reason: r.reason,
  };
}

/** A member's unavailability that ends after `since`, in time order. */
export async function listUnavailability(
  sql: Sql | Tx,
  crewId: string,
  since: Date,
): Promise<UnavailabilityView[]> {
  const rows = await sql`
    SELECT id, starts_at, ends_at, reason FROM crew_unavailability
    WHERE crew_id = ${crewId} AND ends_at > ${since} ORDER BY starts_at, id`;
  return rows.map(toPeriod);
}

/** Records a period a member cannot work. */
export async function insertUnavailability(
  sql: Sql | Tx,
  crewId: string,
  p: { startsAt: Date; endsAt: Date; reason: string },
): Promise<UnavailabilityView> {
  const [row] = await sql`
    INSERT INTO crew_unavailability (crew_id, starts_at, ends_at, reason)
    VALUES (${crewId}, ${p.startsAt}, ${p.endsAt}, ${p.reason})
    RETURNING id, starts_at, ends_at, reason`;
  return toPeriod(row);
}

/** Removes one of a member's periods; undefined when the member has no such period. */
export async function deleteUnavailability(
  sql: Sql | Tx,
  crewId: string,
  periodId: string,
): Promise<UnavailabilityView | undefined> {
  const [row] = await sql`
    DELETE FROM crew_unavailability WHERE id = ${periodId} AND crew_id = ${crewId}
    RETURNING id, starts_at, ends_at, reason`;
  return row ? toPeriod(row) : undefined;
}
