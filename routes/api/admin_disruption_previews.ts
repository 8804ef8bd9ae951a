import { z } from "zod";
import { previewAircraft } from "../../services/flights/flight_controls.ts";
import { planReaccommodation } from "../../services/status/reaccommodation_plan.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { AircraftPreview, ReaccommodationPlan } from "../admin_responses.ts";
import { adminDeps } from "../deps.ts";
import { FlightIdParam } from "../schemas.ts";
import { AircraftBody } from "./admin_flight_inventory.ts";

/** Body of `POST /api/admin/flights/:id/status/preview`: the cancellation to dry-run. */
export const CancelPreviewBody = z.object({
  type: z.literal("cancelled"),
  reason: z.string().trim().max(200).optional(),
}).strict();

const aircraft = declare({
  method: "post",
  path: "/api/admin/flights/{id}/aircraft/preview",
  tags: ["Schedule"],
  summary: "Dry-run an aircraft change: seat moves, short cabins, crew without a rating",
  roles: STAFF,
  request: { params: FlightIdParam, body: jsonBody(AircraftBody) },
  responses: { 200: jsonResponse("What the change would do; nothing changed", AircraftPreview) },
});

const cancel = declare({
  method: "post",
  path: "/api/admin/flights/{id}/status/preview",
  tags: ["Operations"],
  summary: "Dry-run a cancellation: the reaccommodation plan, as an estimate",
  roles: STAFF,
  request: { params: FlightIdParam, body: jsonBody(CancelPreviewBody) },
  responses: {
    200: jsonResponse("Who would go where; nothing held or changed", ReaccommodationPlan),
  },
});

/** Dry runs of disruptive changes (staff): they read the flights' state and change nothing. */
export function adminDisruptionPreviewRoutes(deps: AppDeps) {
  return router()
    .openapi(aircraft, async (c) => {
      const flightId = c.req.valid("param").id;
      const request = c.req.valid("json");
      return c.json(await previewAircraft(adminDeps(deps), { flightId, request }));
    })
    .openapi(cancel, async (c) => {
      const plan = await planReaccommodation(
        { sql: deps.db.sql, clock: deps.clock, registry: deps.registry },
        c.req.valid("param").id,
      );
      return c.json(plan);
    });
}
