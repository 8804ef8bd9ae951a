import { z } from "@hono/zod-openapi";
import { SeatFeesSchema } from "../../domain/seat_fees.ts";
import { ConfigParam } from "../../services/fleet/aircraft_type_input.ts";
import {
  configurationFees,
  flightFees,
  setConfigurationFees,
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
  own: z.boolean().describe("true: the flight's own fees; false: its configuration's"),
});
const configPath = "/api/admin/aircraft-types/{code}/configurations/{config}/seat-fees";

const readConfig = declare({
  ...fees,
  method: "get",
  path: configPath,
  summary: "A cabin configuration's seat fees per cabin (minor units)",
  request: { params: ConfigParam },
  responses: { 200: jsonResponse("The configuration's seat fees", Fees) },
});

const setConfig = declare({
  ...fees,
  method: "put",
  path: configPath,
  summary: "Set a configuration's seat fees: exit row, extra legroom, front rows, per cabin",
  request: { params: ConfigParam, body: jsonBody(SeatFeesSchema) },
  responses: { 200: jsonResponse("The configuration's seat fees", Fees) },
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
  summary: "Override a flight's seat fees, or with null go back to its configuration's",
  request: {
    params: FlightIdParam,
    body: jsonBody(z.object({ fees: SeatFeesSchema.nullable() }).strict()),
  },
  responses: { 200: jsonResponse("The flight's seat fees", FlightFees) },
});

/** Seat fees per cabin configuration and per flight (staff). */
export function adminSeatFeeRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  const idOf = (p: { code: string; config: string }) => ({ typeCode: p.code, code: p.config });
  return router()
    .openapi(
      readConfig,
      async (c) => c.json(await configurationFees(sql, idOf(c.req.valid("param")))),
    )
    .openapi(setConfig, async (c) => {
      const id = idOf(c.req.valid("param"));
      return c.json(await setConfigurationFees(sql, actorOf(c), id, c.req.valid("json")));
    })
    .openapi(readFlight, async (c) => c.json(await flightFees(sql, c.req.valid("param").id)))
    .openapi(setFlight, async (c) => {
      const id = c.req.valid("param").id;
      return c.json(await setFlightFees(sql, actorOf(c), id, c.req.valid("json").fees));
    });
}
