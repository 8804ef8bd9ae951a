import { z } from "zod";
import { configCode, typeCode } from "../../services/fleet/aircraft_type_input.ts";
import { createAircraft, editAircraft } from "../../services/fleet/fleet_admin.ts";
import { refitAircraft } from "../../services/fleet/aircraft_refit.ts";
import { airframes } from "../../services/fleet/fleet_views.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { Aircraft, changed } from "../admin_responses.ts";
import { adminDeps, fleetDeps } from "../deps.ts";

const registration = z.string().trim().toUpperCase().regex(
  /^[A-Z0-9-]{3,10}$/,
  "expected a registration of 3-10 letters, digits or -",
);
const name = z.string().trim().min(1).max(60);

/** Query of `GET /api/admin/aircraft`. */
export const AircraftListQuery = z.object({
  type: typeCode.optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
/** `:registration` of an airframe. */
export const RegistrationParam = z.object({ registration });
/** Body of `POST /api/admin/aircraft`. */
export const CreateAircraftBody = z.object({
  registration,
  typeCode,
  configCode: configCode.optional(),
  name: name.optional(),
}).strict();
/** Body of `PUT /api/admin/aircraft/:registration` (`name: null` clears the name). */
export const UpdateAircraftBody = z.object({
  typeCode: typeCode.optional(),
  configCode: configCode.optional(),
  name: name.nullable().optional(),
  active: z.boolean().optional(),
}).strict();

/** Body of `POST /api/admin/aircraft/:registration/configuration`. */
export const RefitBody = z.object({ configCode }).strict();

const RefitFlight = z.object({
  id: z.uuid(),
  carrier: z.string(),
  flightNumber: z.string(),
  departureAt: z.string(),
});
const RefitOutcome = z.object({
  aircraft: Aircraft,
  changed,
  flights: z.array(RefitFlight.extend({
    bookingsMoved: z.int().meta({ description: "Bookings whose seats the change moved" }),
  })).meta({ description: "Flights not yet departed moved onto the new configuration" }),
  refused: z.array(RefitFlight.extend({ code: z.string(), detail: z.string() })).meta({
    description: "Flights whose change was refused after the check (seats sold in between); " +
      "they keep the old configuration until their aircraft is changed",
  }),
});

const fleet = { tags: ["Fleet"], roles: STAFF };

const list = declare({
  ...fleet,
  method: "get",
  path: "/api/admin/aircraft",
  summary: "Airframes, by type and activity",
  request: { query: AircraftListQuery },
  responses: {
    200: jsonResponse("The airframes, by registration", z.object({ data: z.array(Aircraft) })),
  },
});

const create = declare({
  ...fleet,
  method: "post",
  path: "/api/admin/aircraft",
  summary: "Add an airframe",
  request: { body: jsonBody(CreateAircraftBody) },
  responses: { 201: jsonResponse("The airframe", Aircraft) },
});

const edit = declare({
  ...fleet,
  method: "put",
  path: "/api/admin/aircraft/{registration}",
  summary: "Edit an airframe (type and configuration only while unassigned to upcoming flights)",
  request: { params: RegistrationParam, body: jsonBody(UpdateAircraftBody) },
  responses: {
    200: jsonResponse("The airframe after the edit", z.object({ aircraft: Aircraft, changed })),
  },
});

const refit = declare({
  ...fleet,
  method: "post",
  path: "/api/admin/aircraft/{registration}/configuration",
  summary: "Refit an airframe with another configuration of its type; its flights follow",
  request: { params: RegistrationParam, body: jsonBody(RefitBody) },
  responses: {
    200: jsonResponse("The airframe, and its flights not yet departed moved with it", RefitOutcome),
  },
});

/** `/api/admin/aircraft`: the airframes of the fleet (staff). */
export function adminAircraftRoutes(deps: AppDeps) {
  return router()
    .openapi(list, async (c) => {
      const { type, active } = c.req.valid("query");
      return c.json(await airframes(deps.db.sql, { typeCode: type, active }));
    })
    .openapi(create, async (c) => {
      const body = c.req.valid("json");
      const created = await createAircraft(fleetDeps(deps), actorOf(c), {
        ...body,
        name: body.name ?? null,
      });
      return c.json(created, 201);
    })
    .openapi(edit, async (c) => {
      const { value, changed } = await editAircraft(
        fleetDeps(deps),
        actorOf(c),
        c.req.valid("param").registration,
        c.req.valid("json"),
      );
      return c.json({ aircraft: value, changed });
    })
    .openapi(refit, async (c) => {
      const outcome = await refitAircraft(
        { ...adminDeps(deps), clock: deps.clock },
        actorOf(c),
        { registration: c.req.valid("param").registration, ...c.req.valid("json") },
      );
      return c.json(outcome);
    });
}
