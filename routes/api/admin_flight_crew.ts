import { AppError, notFound } from "../../domain/app_error.ts";
import { assignCrew, type RefusalCode, unassignCrew } from "../../services/crew/crew_assignment.ts";
import { flightCrewView } from "../../services/crew/crew_board.ts";
import { AssignCrewBody, FlightCrewParam } from "../../services/crew/crew_input.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { CrewAssignment, CrewRemoval, FlightCrew } from "../admin_responses.ts";
import { crewDeps } from "../deps.ts";
import { FlightIdParam } from "../schemas.ts";

const STATUS: Record<RefusalCode | "not_assigned", number> = {
  crew_not_found: 404,
  flight_not_found: 404,
  not_assigned: 404,
  flight_closed: 409,
  already_assigned: 409,
  crew_assignment_illegal: 422,
};

const crew = { tags: ["Crew"], roles: STAFF };

const list = declare({
  ...crew,
  method: "get",
  path: "/api/admin/flights/{id}/crew",
  summary: "A flight's crew, complement, shortfall and legality warnings",
  request: { params: FlightIdParam },
  responses: { 200: jsonResponse("The crew on the flight and what it still needs", FlightCrew) },
});

const assign = declare({
  ...crew,
  method: "post",
  path: "/api/admin/flights/{id}/crew",
  summary: "Assign a crew member (422 crew_assignment_illegal lists violations)",
  request: { params: FlightIdParam, body: jsonBody(AssignCrewBody) },
  responses: {
    201: jsonResponse("The assignment, with any violations overridden", CrewAssignment),
  },
});

const remove = declare({
  ...crew,
  method: "delete",
  path: "/api/admin/flights/{id}/crew/{crewId}",
  summary: "Remove a crew member from a flight",
  request: { params: FlightCrewParam },
  responses: { 200: jsonResponse("The assignment removed", CrewRemoval) },
});

/** `/api/admin/flights/:id/crew`: who flies a flight, and assigning or removing crew. */
export function adminFlightCrewRoutes(deps: AppDeps) {
  return router()
    .openapi(list, async (c) => {
      c.header("Cache-Control", "no-store");
      const view = await flightCrewView(deps.db.sql, c.req.valid("param").id);
      if (!view) throw notFound("Flight");
      return c.json(view);
    })
    .openapi(assign, async (c) => {
      const flightId = c.req.valid("param").id;
      const body = c.req.valid("json");
      const outcome = await assignCrew(crewDeps(deps), actorOf(c), {
        flightId,
        crewId: body.crewId,
        role: body.role,
        overrideReason: body.override?.reason,
      });
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
        overrideReason: outcome.violations.length ? body.override?.reason ?? null : null,
        overridden: outcome.violations,
      }, 201);
    })
    .openapi(remove, async (c) => {
      const { id, crewId } = c.req.valid("param");
      const outcome = await unassignCrew(crewDeps(deps), actorOf(c), { flightId: id, crewId });
      if (outcome.status === "refused") {
        throw new AppError(STATUS[outcome.code], outcome.code, { detail: outcome.detail });
      }
      return c.json({ flightId: id, crewId, role: outcome.role, removed: true });
    });
}
