import { Hono } from "hono";
import { z } from "zod";
import { isValidTimeZone } from "../../domain/time.ts";
import { searchAirports } from "../../db/admin_airports_repo.ts";
import { createAirport, editAirport } from "../../services/fleet/airport_admin.ts";
import type { FleetAdminDeps } from "../../services/fleet/fleet_admin.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { iataCode } from "../schemas.ts";
import { actorOf } from "./admin_support.ts";

/**
 * An IANA zone name ("Europe/Paris"), in its canonical case. Intl alone also takes UTC
 * offsets ("+05:00"), which are not zones: they ignore daylight saving.
 */
const timeZone = z.string().trim().max(64)
  .refine(
    (tz) => /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz) && isValidTimeZone(tz),
    "expected an IANA time zone such as Europe/Paris",
  )
  .transform((tz) => {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone;
    // Only the case is corrected; ICU's own aliasing (EST → America/Panama) is not applied.
    return resolved.toLowerCase() === tz.toLowerCase() ? resolved : tz;
  });
const text = z.string().trim().min(1).max(100);

const fields = {
  icao: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4}$/, "expected a 4-character ICAO code")
    .nullable(),
  name: text,
  city: text,
  country: text,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  tz: timeZone,
};

/** Query of `GET /api/admin/airports`. */
export const AirportListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
/** `:iata` of an airport. */
export const AirportCodeParam = z.object({ iata: iataCode });
/** Body of `POST /api/admin/airports`. */
export const CreateAirportBody = z.object({
  iata: iataCode,
  ...fields,
  icao: fields.icao.optional().transform((v) => v ?? null),
}).strict();
/** Body of `PUT /api/admin/airports/:iata`: any fields but the code (`icao: null` clears it). */
export const UpdateAirportBody = z.object(fields).partial().strict();

/** `/api/admin/airports`: the airports the schedule may use (staff). */
export function adminAirportRoutes(deps: AppDeps) {
  const fleet: FleetAdminDeps = {
    sql: deps.db.sql,
    store: deps.store,
    clock: deps.clock,
    log: deps.log,
  };
  return new Hono<AppEnv>()
    .get("/airports", validate("query", AirportListQuery), async (c) => {
      const { q, page, limit } = c.req.valid("query");
      const { data, total } = await searchAirports(deps.db.sql, {
        q: q || undefined,
        limit,
        offset: (page - 1) * limit,
      });
      return c.json({ data, page, limit, total });
    })
    .post("/airports", validate("json", CreateAirportBody), async (c) => {
      const actor = actorOf(c);
      return c.json(await createAirport(fleet, actor, c.req.valid("json")), 201);
    })
    .put(
      "/airports/:iata",
      validate("param", AirportCodeParam),
      validate("json", UpdateAirportBody),
      async (c) => {
        const actor = actorOf(c);
        const { value, changed } = await editAirport(
          fleet,
          actor,
          c.req.valid("param").iata,
          c.req.valid("json"),
        );
        return c.json({ airport: value, changed });
      },
    );
}
