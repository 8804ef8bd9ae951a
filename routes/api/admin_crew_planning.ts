import { Hono } from "hono";
import { shortfall } from "../../domain/crew/complement.ts";
import { flightView, listFlightsWithCrew } from "../../db/crew_assignments_repo.ts";
import { acceptPlan } from "../../services/crew/crew_assignment.ts";
import { proposeCrew } from "../../services/crew/crew_board.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { AcceptPlanBody, AutoAssignBody, ShortfallQuery } from "./admin_crew_schemas.ts";
import { crewDeps } from "./admin_flight_crew.ts";

/**
 * `/api/admin/crew/shortfalls` and `/api/admin/crew/auto-assign`: which flights lack crew,
 * a proposal to staff them (nothing written), and accepting a proposal as edited.
 */
export function adminCrewPlanningRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .get("/crew/shortfalls", validate("query", ShortfallQuery), async (c) => {
      const { from, to, limit, page } = c.req.valid("query");
      const short = (await listFlightsWithCrew(sql, { from, to }))
        .map((f) => ({ f, short: shortfall(f.seats, f.crew.map((m) => m.role)) }))
        .filter((x) => x.short.short);
      const data = short.slice((page - 1) * limit, page * limit).map(({ f, short }) => ({
        ...flightView(f),
        crew: f.crew,
        short,
      }));
      c.header("Cache-Control", "no-store");
      return c.json({ from, to, data, page, limit, total: short.length });
    })
    .post("/crew/auto-assign", validate("json", AutoAssignBody), async (c) => {
      const { from, to } = c.req.valid("json");
      const data = await proposeCrew(sql, { from, to, now: deps.clock.now() });
      return c.json({
        from,
        to,
        flights: data,
        proposed: data.reduce((n, f) => n + f.proposals.length, 0),
        unfilled: data.reduce((n, f) => n + f.unfilled.length, 0),
      });
    })
    .post("/crew/auto-assign/accept", validate("json", AcceptPlanBody), async (c) => {
      const items = c.req.valid("json").assignments;
      const done = await acceptPlan(crewDeps(deps), items, {
        userId: c.get("principal").userId,
        requestId: c.get("requestId"),
      });
      const results = done.map(({ flightId, crewId, role, outcome }) =>
        outcome.status === "assigned"
          ? { flightId, crewId, role, status: "assigned" as const, assignedAt: outcome.assignedAt }
          : {
            flightId,
            crewId,
            role,
            status: "refused" as const,
            code: outcome.code,
            detail: outcome.detail,
            violations: outcome.violations,
          }
      );
      return c.json({
        assigned: results.filter((r) => r.status === "assigned").length,
        refused: results.filter((r) => r.status === "refused").length,
        results,
      });
    });
}
