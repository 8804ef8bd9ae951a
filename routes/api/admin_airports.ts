import { z } from "zod";
import { isValidTimeZone } from "../../domain/time.ts";
import { MIN_CONNECTION_RANGE } from "../../domain/journey.ts";
import { createAirport, editAirport } from "../../services/fleet/airport_admin.ts";
import { airportList } from "../../services/fleet/fleet_views.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { AdminAirport, changed, pageOf } from "../admin_responses.ts";
import { fleetDeps } from "../deps.ts";
import { iataCode } from "../schemas.ts";

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
  minConnectionMinutes: z.number().int().min(MIN_CONNECTION_RANGE[0])
    .max(MIN_CONNECTION_RANGE[1]).nullable().meta({
      description: "The airport's own minimum connection time in minutes; null for the " +
        "default of 60. Journeys connecting here are sold only with at least this much time.",
    }),
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
  minConnectionMinutes: fields.minConnectionMinutes.optional().transform((v) => v ?? null),
}).strict();
/** Body of `PUT /api/admin/airports/:iata`: any fields but the code (`icao: null` clears it). */
export const UpdateAirportBody = z.object(fields).partial().strict();

const fleet = { tags: ["Fleet"], roles: STAFF };

const list = declare({
  ...fleet,
  method: "get",
  path: "/api/admin/airports",
  summary: "Search airports by code, name, city or country",
  request: { query: AirportListQuery },
  responses: { 200: jsonResponse("A page of airports", pageOf(AdminAirport)) },
});

const create = declare({
  ...fleet,
  method: "post",
  path: "/api/admin/airports",
  summary: "Add an airport (IANA time zone)",
  request: { body: jsonBody(CreateAirportBody) },
  responses: { 201: jsonResponse("The airport", AdminAirport) },
});

const edit = declare({
  ...fleet,
  method: "put",
  path: "/api/admin/airports/{iata}",
  summary: "Edit an airport (its time zone only while no flight uses it)",
  request: { params: AirportCodeParam, body: jsonBody(UpdateAirportBody) },
  responses: {
    200: jsonResponse("The airport after the edit", z.object({ airport: AdminAirport, changed })),
  },
});

/** `/api/admin/airports`: the airports the schedule may use (staff). */
export function adminAirportRoutes(deps: AppDeps) {
  return router()
    .openapi(list, async (c) => c.json(await airportList(deps.db.sql, c.req.valid("query"))))
    .openapi(create, async (c) => {
      return c.json(await createAirport(fleetDeps(deps), actorOf(c), c.req.valid("json")), 201);
    })
    .openapi(edit, async (c) => {
      const { value, changed } = await editAirport(
        fleetDeps(deps),
        actorOf(c),
        c.req.valid("param").iata,
        c.req.valid("json"),
      );
      return c.json({ airport: value, changed });
    });
}
