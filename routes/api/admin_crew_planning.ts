import {
  AcceptPlanBody,
  AutoAssignBody,
  ShortfallQuery,
  StoredPlanQuery,
} from "../../services/crew/crew_input.ts";
import { crewPlanForApi } from "../../services/crew/stored_plans.ts";
import {
  acceptCrewPlan,
  crewShortfalls,
  proposeCrewPlan,
} from "../../services/crew/crew_planning.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import {
  CrewPlan,
  CrewPlanAccepted,
  CrewShortfallPage,
  StoredCrewPlan,
} from "../admin_responses.ts";
import { positioningDeps } from "../deps.ts";

const crew = { tags: ["Crew"], roles: STAFF };

const shortfalls = declare({
  ...crew,
  method: "get",
  path: "/api/admin/crew/shortfalls",
  summary: "Flights short of the minimum crew complement (at most 31 days)",
  request: { query: ShortfallQuery },
  responses: { 200: jsonResponse("A page of flights with what each lacks", CrewShortfallPage) },
});

const propose = declare({
  ...crew,
  method: "post",
  path: "/api/admin/crew/auto-assign",
  summary: "Propose legal crew for understaffed flights (at most 7 days; nothing written)",
  request: { body: jsonBody(AutoAssignBody) },
  responses: {
    200: jsonResponse("Per flight, the proposals and the roles left unfilled", CrewPlan),
  },
});

const stored = declare({
  ...crew,
  method: "get",
  path: "/api/admin/crew/plan",
  summary: "A day's auto-assign proposal as the background planner last computed it " +
    "(yesterday to 60 days ahead); asks for a new one when missing or stale",
  request: { query: StoredPlanQuery },
  responses: { 200: jsonResponse("The stored plan, its state and age", StoredCrewPlan) },
});

const accept = declare({
  ...crew,
  method: "post",
  path: "/api/admin/crew/auto-assign/accept",
  summary: "Assign a proposal: each item re-checked, illegal ones refused",
  request: { body: jsonBody(AcceptPlanBody) },
  responses: { 200: jsonResponse("Each item assigned or refused, and why", CrewPlanAccepted) },
});

/**
 * `/api/admin/crew/shortfalls` and `/api/admin/crew/auto-assign`: which flights lack crew,
 * a proposal to staff them (nothing written), and accepting a proposal as edited.
 */
export function adminCrewPlanningRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(shortfalls, async (c) => {
      const page = await crewShortfalls(sql, c.req.valid("query"));
      c.header("Cache-Control", "no-store");
      return c.json(page);
    })
    .openapi(stored, async (c) => {
      const q = c.req.valid("query");
      const plan = await crewPlanForApi(
        { sql, clock: deps.clock, asked: () => deps.crewPlans?.kick() },
        q,
      );
      c.header("Cache-Control", "no-store");
      if (plan.state === "computing") c.header("Retry-After", "2");
      return c.json(plan);
    })
    .openapi(propose, async (c) => {
      return c.json(await proposeCrewPlan({ sql, clock: deps.clock }, c.req.valid("json")));
    })
    .openapi(accept, async (c) => {
      const body = c.req.valid("json");
      return c.json(
        await acceptCrewPlan(positioningDeps(deps), actorOf(c), {
          items: body.assignments,
          positioning: body.positioning,
        }),
      );
    });
}
