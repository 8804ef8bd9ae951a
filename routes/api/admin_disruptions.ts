import { reaccommodateAgain, reaccommodationOutcomes } from "../../services/status/disruptions.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonResponse, router, STAFF } from "../declare.ts";
import { ReaccommodationOutcomes, ReaccommodationReport } from "../admin_responses.ts";
import { reaccommodationDeps } from "../deps.ts";
import { FlightIdParam } from "../schemas.ts";

const ops = { tags: ["Operations"], roles: STAFF, request: { params: FlightIdParam } };

const rerun = declare({
  ...ops,
  method: "post",
  path: "/api/admin/flights/{id}/reaccommodate",
  summary: "Rebook a cancelled flight's passengers again (safe to repeat)",
  responses: {
    200: jsonResponse("Who was rebooked, who was offered a refund", ReaccommodationReport),
  },
});

const outcomes = declare({
  ...ops,
  method: "get",
  path: "/api/admin/flights/{id}/reaccommodation",
  summary: "Each passenger's rebooking or refund offer after a cancellation",
  responses: { 200: jsonResponse("Each booking's outcome", ReaccommodationOutcomes) },
});

/**
 * `/api/admin/flights/:id/reaccommodat…`: run involuntary reaccommodation again for a
 * cancelled flight and read every passenger's outcome.
 */
export function adminDisruptionRoutes(deps: AppDeps) {
  return router()
    .openapi(rerun, async (c) => {
      const id = c.req.valid("param").id;
      return c.json(await reaccommodateAgain(reaccommodationDeps(deps), actorOf(c), id));
    })
    .openapi(outcomes, async (c) => {
      return c.json(await reaccommodationOutcomes(deps.db.sql, c.req.valid("param").id));
    });
}
