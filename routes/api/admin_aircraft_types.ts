import {
  CreateTypeBody,
  TypeCodeParam,
  UpdateTypeBody,
} from "../../services/fleet/aircraft_type_input.ts";
import { createAircraftType, editAircraftType } from "../../services/fleet/fleet_admin.ts";
import { aircraftType, aircraftTypes } from "../../services/fleet/fleet_views.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import {
  AircraftType,
  AircraftTypeDetail,
  AircraftTypeSummary,
  changed,
} from "../admin_responses.ts";
import { z } from "@hono/zod-openapi";
import { fleetDeps } from "../deps.ts";

const fleet = { tags: ["Fleet"], roles: STAFF };

const list = declare({
  ...fleet,
  method: "get",
  path: "/api/admin/aircraft-types",
  summary: "Aircraft types with seat counts",
  responses: {
    200: jsonResponse("The types, by code", z.object({ data: z.array(AircraftTypeSummary) })),
  },
});

const read = declare({
  ...fleet,
  method: "get",
  path: "/api/admin/aircraft-types/{code}",
  summary: "An aircraft type with its seat layout and a per-cabin summary",
  request: { params: TypeCodeParam },
  responses: {
    200: jsonResponse("The type, its layout summary, whether it may change", AircraftTypeDetail),
  },
});

const create = declare({
  ...fleet,
  method: "post",
  path: "/api/admin/aircraft-types",
  summary: "Add an aircraft type with its seat layout",
  request: { body: jsonBody(CreateTypeBody) },
  responses: { 201: jsonResponse("The aircraft type", AircraftType) },
});

const edit = declare({
  ...fleet,
  method: "put",
  path: "/api/admin/aircraft-types/{code}",
  summary: "Edit an aircraft type (its layout only while no upcoming flight uses it)",
  request: { params: TypeCodeParam, body: jsonBody(UpdateTypeBody) },
  responses: {
    200: jsonResponse("The type after the edit", z.object({ aircraftType: AircraftType, changed })),
  },
});

/** `/api/admin/aircraft-types`: aircraft types and their seat layouts (staff). */
export function adminAircraftTypeRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(list, async (c) => c.json(await aircraftTypes(sql)))
    .openapi(read, async (c) => {
      return c.json(await aircraftType({ sql, clock: deps.clock }, c.req.valid("param").code));
    })
    .openapi(create, async (c) => {
      const { code, ...input } = c.req.valid("json");
      return c.json(await createAircraftType(fleetDeps(deps), actorOf(c), code, input), 201);
    })
    .openapi(edit, async (c) => {
      const { value, changed } = await editAircraftType(
        fleetDeps(deps),
        actorOf(c),
        c.req.valid("param").code,
        c.req.valid("json"),
      );
      return c.json({ aircraftType: value, changed });
    });
}
