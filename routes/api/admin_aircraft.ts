import { Hono } from "hono";
import { z } from "zod";
import { listAircraft } from "../../db/fleet_repo.ts";
import {
  createAircraft,
  editAircraft,
  type FleetAdminDeps,
} from "../../services/fleet/fleet_admin.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { typeCode } from "./admin_aircraft_types.ts";
import { actorOf } from "./admin_support.ts";

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
export const CreateAircraftBody = z.object({ registration, typeCode, name: name.optional() })
  .strict();
/** Body of `PUT /api/admin/aircraft/:registration` (`name: null` clears the name). */
export const UpdateAircraftBody = z.object({
  typeCode: typeCode.optional(),
  name: name.nullable().optional(),
  active: z.boolean().optional(),
}).strict();

/** `/api/admin/aircraft`: the airframes of the fleet (staff). */
export function adminAircraftRoutes(deps: AppDeps) {
  const fleet: FleetAdminDeps = {
    sql: deps.db.sql,
    store: deps.store,
    clock: deps.clock,
    log: deps.log,
  };
  return new Hono<AppEnv>()
    .get("/aircraft", validate("query", AircraftListQuery), async (c) => {
      const { type, active } = c.req.valid("query");
      return c.json({ data: await listAircraft(deps.db.sql, { typeCode: type, active }) });
    })
    .post("/aircraft", validate("json", CreateAircraftBody), async (c) => {
      const body = c.req.valid("json");
      const actor = actorOf(c);
      const created = await createAircraft(fleet, actor, { ...body, name: body.name ?? null });
      return c.json(created, 201);
    })
    .put(
      "/aircraft/:registration",
      validate("param", RegistrationParam),
      validate("json", UpdateAircraftBody),
      async (c) => {
        const actor = actorOf(c);
        const { value, changed } = await editAircraft(
          fleet,
          actor,
          c.req.valid("param").registration,
          c.req.valid("json"),
        );
        return c.json({ aircraft: value, changed });
      },
    );
}
