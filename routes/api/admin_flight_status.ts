import { changeFlightStatus } from "../../services/status/status_change.ts";
import { StatusBody, statusCommand } from "../../services/status/status_input.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { StatusChange } from "../admin_responses.ts";
import { statusChangeDeps } from "../deps.ts";
import { FlightIdParam } from "../schemas.ts";

const publish = declare({
  method: "post",
  path: "/api/admin/flights/{id}/status",
  tags: ["Operations"],
  summary: "Publish a flight status change",
  roles: STAFF,
  request: { params: FlightIdParam, body: jsonBody(StatusBody) },
  responses: { 200: jsonResponse("The change as published", StatusChange) },
});

/** `POST /api/admin/flights/:id/status`: publish a status change (operators, admins). */
export function adminFlightStatusRoutes(deps: AppDeps) {
  return router().openapi(publish, async (c) => {
    const result = await changeFlightStatus(
      statusChangeDeps(deps),
      c.req.valid("param").id,
      statusCommand(c.req.valid("json")),
      actorOf(c).userId,
    );
    return c.json(result);
  });
}
