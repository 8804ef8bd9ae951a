import { z } from "@hono/zod-openapi";
import {
  ConfigParam,
  CreateConfigBody,
  TypeCodeParam,
  UpdateConfigBody,
} from "../../services/fleet/aircraft_type_input.ts";
import {
  createConfiguration,
  editConfiguration,
} from "../../services/fleet/configuration_admin.ts";
import { aircraftType } from "../../services/fleet/fleet_views.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { AircraftConfiguration, AircraftConfigurationDetail, changed } from "../admin_responses.ts";
import { fleetDeps } from "../deps.ts";
import { notFound } from "../../domain/app_error.ts";

const fleet = { tags: ["Fleet"], roles: STAFF };
const base = "/api/admin/aircraft-types/{code}/configurations";

const list = declare({
  ...fleet,
  method: "get",
  path: base,
  summary: "The cabin configurations of an aircraft type, the default first",
  request: { params: TypeCodeParam },
  responses: {
    200: jsonResponse(
      "Each configuration with its summary",
      z.object({ data: z.array(AircraftConfigurationDetail) }),
    ),
  },
});

const read = declare({
  ...fleet,
  method: "get",
  path: `${base}/{config}`,
  summary: "One cabin configuration with its layout and whether it may change",
  request: { params: ConfigParam },
  responses: { 200: jsonResponse("The configuration", AircraftConfigurationDetail) },
});

const create = declare({
  ...fleet,
  method: "post",
  path: base,
  summary: "Add a cabin configuration (a seat layout) to an aircraft type",
  request: { params: TypeCodeParam, body: jsonBody(CreateConfigBody) },
  responses: { 201: jsonResponse("The configuration", AircraftConfiguration) },
});

const edit = declare({
  ...fleet,
  method: "put",
  path: `${base}/{config}`,
  summary: "Edit a configuration (its layout only while no upcoming flight uses it)",
  request: { params: ConfigParam, body: jsonBody(UpdateConfigBody) },
  responses: {
    200: jsonResponse(
      "The configuration after the edit",
      z.object({ configuration: AircraftConfiguration, changed }),
    ),
  },
});

/** `/api/admin/aircraft-types/:code/configurations`: a type's seat layouts (staff). */
export function adminAircraftConfigurationRoutes(deps: AppDeps) {
  const views = { sql: deps.db.sql, clock: deps.clock };
  return router()
    .openapi(list, async (c) => {
      const type = await aircraftType(views, c.req.valid("param").code);
      return c.json({ data: type.configurations });
    })
    .openapi(read, async (c) => {
      const { code, config } = c.req.valid("param");
      const found = (await aircraftType(views, code)).configurations.find((x) => x.code === config);
      if (!found) throw notFound("Aircraft configuration");
      return c.json(found);
    })
    .openapi(create, async (c) => {
      const created = await createConfiguration(
        fleetDeps(deps),
        actorOf(c),
        c.req.valid("param").code,
        c.req.valid("json"),
      );
      return c.json(created, 201);
    })
    .openapi(edit, async (c) => {
      const { code, config } = c.req.valid("param");
      const { value, changed } = await editConfiguration(
        fleetDeps(deps),
        actorOf(c),
        { typeCode: code, code: config },
        c.req.valid("json"),
      );
      return c.json({ configuration: value, changed });
    });
}
