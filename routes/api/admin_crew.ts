import { Hono } from "hono";
import { AppError, notFound } from "../../domain/app_error.ts";
import { releaseAt, reportAt } from "../../domain/crew/duty.ts";
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
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import {
  CreateCrewBody,
  CrewIdParam,
  CrewListQuery,
  PeriodParam,
  UnavailabilityBody,
  UpdateCrewBody,
} from "./admin_crew_schemas.ts";
import { auditOf } from "./admin_support.ts";

async function checkReferences(deps: AppDeps, body: Parameters<typeof checkCrewReferences>[1]) {
  const problem = await checkCrewReferences(deps.db.sql, body);
  if (problem) throw new AppError(422, problem.code, { detail: problem.detail });
}

const taken = (n?: string) =>
  new AppError(409, "employee_number_taken", { detail: `Employee number ${n} is taken.` });

/** `/api/admin/crew`: the roster and its unavailability (operators, admins). */
export function adminCrewRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .get("/crew", validate("query", CrewListQuery), async (c) => {
      const { limit, page, ...filter } = c.req.valid("query");
      const { data, total } = await listCrew(sql, { ...filter, limit, offset: (page - 1) * limit });
      return c.json({ data, page, limit, total });
    })
    .post("/crew", validate("json", CreateCrewBody), async (c) => {
      const body = c.req.valid("json");
      await checkReferences(deps, body);
      const member = await insertCrewMember(sql, body);
      if (!member) throw taken(body.employeeNumber);
      await recordAudit(sql, auditOf(c, "crew.created", "crew_member", member.id, { ...body }));
      return c.json(member, 201);
    })
    .get("/crew/:id", validate("param", CrewIdParam), async (c) => {
      const id = c.req.valid("param").id;
      const member = await getCrewMember(sql, id);
      if (!member) throw notFound("Crew member");
      const now = deps.clock.now();
      const [unavailability, upcoming] = await Promise.all([
        listUnavailability(sql, id, now),
        listUpcomingAssignments(sql, id, now),
      ]);
      return c.json({ ...member, unavailability, upcoming });
    })
    .put(
      "/crew/:id",
      validate("param", CrewIdParam),
      validate("json", UpdateCrewBody),
      async (c) => {
        const body = c.req.valid("json");
        await checkReferences(deps, body);
        const member = await updateCrewMember(sql, c.req.valid("param").id, body);
        if (member === "not_found") throw notFound("Crew member");
        if (member === "taken") throw taken(body.employeeNumber);
        await recordAudit(sql, auditOf(c, "crew.updated", "crew_member", member.id, { ...body }));
        return c.json(member);
      },
    )
    .post(
      "/crew/:id/unavailability",
      validate("param", CrewIdParam),
      validate("json", UnavailabilityBody),
      async (c) => {
        const id = c.req.valid("param").id;
        const body = c.req.valid("json");
        if (!await getCrewMember(sql, id)) throw notFound("Crew member");
        const period = await insertUnavailability(sql, id, body);
        await recordAudit(
          sql,
          auditOf(c, "crew.unavailability_added", "crew_member", id, { ...period }),
        );
        const flights = (await loadAssignedFlights(sql, [id], body.startsAt)).get(id) ?? [];
        // Assignments the period makes illegal, so the operator knows whom to replace.
        const conflicts = flights
          .filter((f) =>
            reportAt(f) < body.endsAt.getTime() && body.startsAt.getTime() < releaseAt(f)
          )
          .map(flightView);
        return c.json({ ...period, conflicts }, 201);
      },
    )
    .delete("/crew/:id/unavailability/:periodId", validate("param", PeriodParam), async (c) => {
      const { id, periodId } = c.req.valid("param");
      const removed = await deleteUnavailability(sql, id, periodId);
      if (!removed) throw notFound("Unavailability period");
      await recordAudit(
        sql,
        auditOf(c, "crew.unavailability_removed", "crew_member", id, { ...removed }),
      );
      return c.json({ deleted: removed });
    });
}
