import { Hono } from "hono";
import { AppError, notFound } from "../../domain/app_error.ts";
import {
  assignCrew,
  type CrewDeps,
  type RefusalCode,
  unassignCrew,
} from "../../services/crew/crew_assignment.ts";
import { flightCrewView } from "../../services/crew/crew_board.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { FlightIdParam } from "../schemas.ts";
import { AssignCrewBody, FlightCrewParam } from "./admin_crew_schemas.ts";

const STATUS: Record<RefusalCode | "not_assigned", number> = {
  crew_not_found: 404,
  flight_not_found: 404,
  not_assigned: 404,
  flight_closed: 409,
  already_assigned: 409,
  crew_assignment_illegal: 422,
};

/** Which deps crew assignment needs, from the app's. */
export function crewDeps(deps: AppDeps): CrewDeps {
  return { sql: deps.db.sql, clock: deps.clock, log: deps.log, notifier: deps.notifier };
}

/** `/api/admin/flights/:id/crew`: who flies a flight, and assigning or removing crew. */
export function adminFlightCrewRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/flights/:id/crew", validate("param", FlightIdParam), async (c) => {
      c.header("Cache-Control", "no-store");
      const view = await flightCrewView(deps.db.sql, c.req.valid("param").id);
      if (!view) throw notFound("Flight");
      return c.json(view);
    })
    .post(
      "/flights/:id/crew",
      validate("param", FlightIdParam),
      validate("json", AssignCrewBody),
      async (c) => {
        const flightId = c.req.valid("param").id;
        const body = c.req.valid("json");
        const outcome = await assignCrew(crewDeps(deps), {
          flightId,
          crewId: body.crewId,
          role: body.role,
          overrideReason: body.override?.reason,
        }, { userId: c.get("principal").userId, requestId: c.get("requestId") });
        if (outcome.status === "refused") {
          throw new AppError(STATUS[outcome.code], outcome.code, {
            detail: outcome.detail,
            extensions: outcome.violations.length ? { violations: outcome.violations } : undefined,
          });
        }
        return c.json({
          flightId,
          crewId: body.crewId,
          role: body.role,
          assignedAt: outcome.assignedAt,
          overrideReason: outcome.violations.length ? body.override?.reason : null,
          overridden: outcome.violations,
        }, 201);
      },
    )
    .delete("/flights/:id/crew/:crewId", validate("param", FlightCrewParam), async (c) => {
      const { id, crewId } = c.req.valid("param");
      const outcome = await unassignCrew(crewDeps(deps), id, crewId, {
        userId: c.get("principal").userId,
        requestId: c.get("requestId"),
      });
      if (outcome.status === "refused") {
        throw new AppError(STATUS[outcome.code], outcome.code, { detail: outcome.detail });
      }
      return c.json({ flightId: id, crewId, role: outcome.role, removed: true });
    });
}
