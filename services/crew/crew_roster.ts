/** The crew roster: members, their details and the periods they cannot work. */
import { AppError, notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { releaseAt, reportAt } from "../../domain/crew/duty.ts";
import { dutyTimeline } from "../../domain/crew/timeline.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import {
  checkCrewReferences,
  deleteUnavailability,
  getCrewMember,
  insertCrewMember,
  insertUnavailability,
  listCrew,
  listUnavailability,
  updateCrewMember,
} from "../../db/crew_repo.ts";
import {
  flightView,
  listUpcomingAssignments,
  loadAssignedFlights,
} from "../../db/crew_assignments_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { type Actor, auditEntry } from "../actor.ts";

type NewMember = Parameters<typeof insertCrewMember>[1];
type MemberChange = Parameters<typeof updateCrewMember>[2];

async function checkReferences(sql: Sql, body: Parameters<typeof checkCrewReferences>[1]) {
  const problem = await checkCrewReferences(sql, body);
  if (problem) throw new AppError(422, problem.code, { detail: problem.detail });
}

const taken = (n?: string) =>
  new AppError(409, "employee_number_taken", { detail: `Employee number ${n} is taken.` });

const member = (id: string) => ({ type: "crew_member", id });

/** One page of crew members matching `filter` (by offset), and how many match in all. */
export function crewRoster(sql: Sql, filter: Parameters<typeof listCrew>[1]) {
  return listCrew(sql, filter);
}

/** A page of the roster, filtered by role, base or name. */
export async function rosterPage(
  sql: Sql,
  q: Omit<Parameters<typeof listCrew>[1], "offset"> & { page: number },
) {
  const { page, ...filter } = q;
  const { data, total } = await listCrew(sql, { ...filter, offset: (page - 1) * q.limit });
  return { data, page, limit: q.limit, total };
}

/** Adds a crew member, audited: 422 for an unknown base, rating or user, 409 for a taken number. */
export async function addCrewMember(sql: Sql, actor: Actor, body: NewMember) {
  await checkReferences(sql, body);
  const created = await insertCrewMember(sql, body);
  if (!created) throw taken(body.employeeNumber);
  await recordAudit(sql, auditEntry(actor, "crew.created", member(created.id), { ...body }));
  return created;
}

/** A crew member with their unavailability and upcoming assignments; 404 if unknown. */
export async function crewMemberDetail(deps: { sql: Sql; clock: Clock }, id: string) {
  const found = await getCrewMember(deps.sql, id);
  if (!found) throw notFound("Crew member");
  const now = deps.clock.now();
  const [unavailability, upcoming] = await Promise.all([
    listUnavailability(deps.sql, id, now),
    listUpcomingAssignments(deps.sql, id, now),
  ]);
  return { ...found, unavailability, upcoming };
}

/** Changes a crew member, audited (404, 409 and 422 as when adding). */
export async function changeCrewMember(
  sql: Sql,
  actor: Actor,
  input: { id: string; change: MemberChange },
) {
  await checkReferences(sql, input.change);
  const updated = await updateCrewMember(sql, input.id, input.change);
  if (updated === "not_found") throw notFound("Crew member");
  if (updated === "taken") throw taken(input.change.employeeNumber);
  await recordAudit(
    sql,
    auditEntry(actor, "crew.updated", member(updated.id), { ...input.change }),
  );
  return updated;
}

/**
 * Records a period a crew member cannot work, audited, with the assignments it makes
 * illegal (so the operator knows whom to replace); 404 for an unknown member.
 */
export async function addUnavailability(
  sql: Sql,
  actor: Actor,
  input: { id: string; startsAt: Date; endsAt: Date; reason: string },
) {
  const { id, ...period } = input;
  if (!await getCrewMember(sql, id)) throw notFound("Crew member");
  const saved = await insertUnavailability(sql, id, period);
  await recordAudit(
    sql,
    auditEntry(actor, "crew.unavailability_added", member(id), { ...saved }),
  );
  const flights = (await loadAssignedFlights(sql, [id], period.startsAt)).get(id) ?? [];
  const conflicts = flights
    .filter((f) =>
      reportAt(f) < period.endsAt.getTime() && period.startsAt.getTime() < releaseAt(f)
    )
    .map(flightView);
  return { ...saved, conflicts };
}

/** Removes one of a crew member's unavailability periods, audited; 404 if unknown. */
export async function removeUnavailability(
  sql: Sql,
  actor: Actor,
  input: { id: string; periodId: string },
) {
  const removed = await deleteUnavailability(sql, input.id, input.periodId);
  if (!removed) throw notFound("Unavailability period");
  await recordAudit(
    sql,
    auditEntry(actor, "crew.unavailability_removed", member(input.id), { ...removed }),
  );
  return removed;
}

/** Days shown on a member's duty timeline. */
export const TIMELINE_DAYS = 7;

/**
 * A member's duty timeline for a week from `from` (UTC date): per day the duties, the rest
 * after each and where they are; 404 if unknown. Flights of the month before set where the
 * member starts.
 */
export async function crewTimeline(sql: Sql, input: { id: string; from: string }) {
  const found = await getCrewMember(sql, input.id);
  if (!found) throw notFound("Crew member");
  const since = new Date(Date.parse(`${input.from}T00:00:00Z`) - 30 * 86_400_000);
  const flights = (await loadAssignedFlights(sql, [input.id], since)).get(input.id) ?? [];
  const days = dutyTimeline(found.homeBase, flights, { from: input.from, days: TIMELINE_DAYS });
  return { member: found, from: input.from, days };
}
