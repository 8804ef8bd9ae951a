import { Hono } from "hono";
import { shortfall } from "../../domain/crew/complement.ts";
import { planCrew } from "../../domain/crew/planner.ts";
import {
  flightView,
  listFlightsWithCrew,
  loadAssignedFlights,
  loadMembers,
} from "../../db/crew_assignments_repo.ts";
import { acceptPlan, LEGALITY_LOOKBACK_MS } from "../../services/crew_assignment.ts";
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
      const flights = (await listFlightsWithCrew(sql, { from, to, openAfter: deps.clock.now() }))
        .filter((f) => shortfall(f.seats, f.crew.map((m) => m.role)).short);
      const since = new Date(Date.parse(`${from}T00:00:00Z`) - LEGALITY_LOOKBACK_MS - 86_400_000);
      const members = await loadMembers(sql, since);
      const assignments = await loadAssignedFlights(sql, members.map((m) => m.id), since);
      const plans = planCrew({
        flights: flights.map((f) => ({ flight: f, seats: f.seats, crew: f.crew })),
        members,
        assignments,
      });
      const names = new Map(members.map((m) => [m.id, m.name]));
      const byId = new Map(flights.map((f) => [f.id, f]));
      const data = plans.map((p) => ({
        ...flightView(byId.get(p.flightId)!),
        proposals: p.proposals.map((x) => ({ ...x, name: names.get(x.crewId)! })),
        unfilled: p.unfilled,
      }));
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
