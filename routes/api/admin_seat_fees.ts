import { z } from "@hono/zod-openapi";
import { SeatFeesSchema } from "../../domain/seat_fees.ts";
import { TypeCodeParam } from "../../services/fleet/aircraft_type_input.ts";
import {
  aircraftTypeFees,
  flightFees,
  setAircraftTypeFees,
  setFlightFees,
} from "../../services/fleet/seat_fees.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { FlightIdParam } from "../schemas.ts";

const fees = { tags: ["Fleet"], roles: STAFF };
const Fees = SeatFeesSchema.meta({ id: "SeatFees" });
const FlightFees = z.object({
  fees: Fees,
  own: z.boolean().describe("true: the flight's own fees; false: its aircraft type's"),
});

const readType = declare({
  ...fees,
  method: "get",
  path: "/api/admin/aircraft-types/{code}/seat-fees",
  summary: "An aircraft type's seat fees per cabin (minor units)",
  request: { params: TypeCodeParam },
  responses: { 200: jsonResponse("The type's seat fees", Fees) },
});

const setType = declare({
  ...fees,
  method: "put",
  path: "/api/admin/aircraft-types/{code}/seat-fees",
  summary: "Set an aircraft type's seat fees: exit row, extra legroom, front rows, per cabin",
  request: { params: TypeCodeParam, body: jsonBody(SeatFeesSchema) },
  responses: { 200: jsonResponse("The type's seat fees", Fees) },
});

const readFlight = declare({
  ...fees,
  method: "get",
  path: "/api/admin/flights/{id}/seat-fees",
  summary: "The seat fees a flight charges",
  request: { params: FlightIdParam },
  responses: { 200: jsonResponse("The flight's seat fees", FlightFees) },
});

const setFlight = declare({
  ...fees,
  method: "put",
  path: "/api/admin/flights/{id}/seat-fees",
  summary: "Override a flight's seat fees, or with null go back to its aircraft type's",
  request: {
    params: FlightIdParam,
    body: jsonBody(z.object({ fees: SeatFeesSchema.nullable() }).strict()),
  },
  responses: { 200: jsonResponse("The flight's seat fees", FlightFees) },
});

/** Seat fees per aircraft type and per flight (staff). */
export function adminSeatFeeRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(readType, async (c) => c.json(await aircraftTypeFees(sql, c.req.valid("param").code)))
    .openapi(setType, async (c) => {
      const code = c.req.valid("param").code;
      return c.json(await setAircraftTypeFees(sql, actorOf(c), code, c.req.valid("json")));
    })
    .openapi(readFlight, async (c) => c.json(await flightFees(sql, c.req.valid("param").id)))
    .openapi(setFlight, async (c) => {
      const id = c.req.valid("param").id;
      return c.json(await setFlightFees(sql, actorOf(c), id, c.req.valid("json").fees));
    });
}
