import {
  CreateCrewBody,
  CrewIdParam,
  CrewListQuery,
  PeriodParam,
  UnavailabilityBody,
  UpdateCrewBody,
} from "../../services/crew/crew_input.ts";
import {
  addCrewMember,
  addUnavailability,
  changeCrewMember,
  crewMemberDetail,
  removeUnavailability,
  rosterPage,
} from "../../services/crew/crew_roster.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import {
  CrewMember,
  CrewMemberDetail,
  CrewUnavailability,
  CrewUnavailabilityAdded,
  pageOf,
} from "../admin_responses.ts";
import { z } from "@hono/zod-openapi";

const crew = { tags: ["Crew"], roles: STAFF };

const list = declare({
  ...crew,
  method: "get",
  path: "/api/admin/crew",
  summary: "The crew roster, by role, base or name",
  request: { query: CrewListQuery },
  responses: { 200: jsonResponse("A page of crew members", pageOf(CrewMember)) },
});

const create = declare({
  ...crew,
  method: "post",
  path: "/api/admin/crew",
  summary: "Add a crew member",
  request: { body: jsonBody(CreateCrewBody) },
  responses: { 201: jsonResponse("The crew member", CrewMember) },
});

const read = declare({
  ...crew,
  method: "get",
  path: "/api/admin/crew/{id}",
  summary: "A crew member with unavailability and upcoming assignments",
  request: { params: CrewIdParam },
  responses: { 200: jsonResponse("The crew member", CrewMemberDetail) },
});

const edit = declare({
  ...crew,
  method: "put",
  path: "/api/admin/crew/{id}",
  summary: "Change a crew member (ratings, base, active, ...)",
  request: { params: CrewIdParam, body: jsonBody(UpdateCrewBody) },
  responses: { 200: jsonResponse("The crew member", CrewMember) },
});

const unavailable = declare({
  ...crew,
  method: "post",
  path: "/api/admin/crew/{id}/unavailability",
  summary: "Record a period a crew member cannot work",
  request: { params: CrewIdParam, body: jsonBody(UnavailabilityBody) },
  responses: {
    201: jsonResponse("The period and the assignments it conflicts with", CrewUnavailabilityAdded),
  },
});

const available = declare({
  ...crew,
  method: "delete",
  path: "/api/admin/crew/{id}/unavailability/{periodId}",
  summary: "Remove an unavailability period",
  request: { params: PeriodParam },
  responses: {
    200: jsonResponse("The period removed", z.object({ deleted: CrewUnavailability })),
  },
});

/** `/api/admin/crew`: the roster and its unavailability (operators, admins). */
export function adminCrewRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(list, async (c) => c.json(await rosterPage(sql, c.req.valid("query"))))
    .openapi(create, async (c) => {
      return c.json(await addCrewMember(sql, actorOf(c), c.req.valid("json")), 201);
    })
    .openapi(read, async (c) => {
      return c.json(await crewMemberDetail({ sql, clock: deps.clock }, c.req.valid("param").id));
    })
    .openapi(edit, async (c) => {
      const input = { id: c.req.valid("param").id, change: c.req.valid("json") };
      return c.json(await changeCrewMember(sql, actorOf(c), input));
    })
    .openapi(unavailable, async (c) => {
      const input = { id: c.req.valid("param").id, ...c.req.valid("json") };
      return c.json(await addUnavailability(sql, actorOf(c), input), 201);
    })
    .openapi(available, async (c) => {
      const deleted = await removeUnavailability(sql, actorOf(c), c.req.valid("param"));
      return c.json({ deleted });
    });
}
