import { FlightInputSchema } from "../../domain/schedule.ts";
import { AdminFlightsQuery } from "../../services/flights/flight_list_query.ts";
import {
  adminFlight,
  createFlight,
  flightDetail,
  listFlights,
  removeFlight,
  saveFlight,
} from "../../services/flights/manage_flights.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import {
  AdminFlight,
  AdminFlightDetail,
  AdminFlightEdited,
  AdminFlightPage,
} from "../admin_responses.ts";
import { adminDeps } from "../deps.ts";
import { FlightIdParam } from "../schemas.ts";

const schedule = { tags: ["Schedule"], roles: STAFF };

const list = declare({
  ...schedule,
  method: "get",
  path: "/api/admin/flights",
  summary: "Flights in a date range with load, filtered, sorted and paged",
  request: { query: AdminFlightsQuery },
  responses: { 200: jsonResponse("A page of flights in the date range", AdminFlightPage) },
});

const create = declare({
  ...schedule,
  method: "post",
  path: "/api/admin/flights",
  summary: "Create a flight (local times at each airport)",
  request: { body: jsonBody(FlightInputSchema) },
  responses: { 201: jsonResponse("The flight; Location names it", AdminFlight) },
});

const read = declare({
  ...schedule,
  method: "get",
  path: "/api/admin/flights/{id}",
  summary: "A flight with controls, load and status history",
  request: { params: FlightIdParam },
  responses: { 200: jsonResponse("The flight and its status history", AdminFlightDetail) },
});

const edit = declare({
  ...schedule,
  method: "put",
  path: "/api/admin/flights/{id}",
  summary: "Replace a flight's schedule, aircraft and fares",
  request: { params: FlightIdParam, body: jsonBody(FlightInputSchema) },
  responses: { 200: jsonResponse("The flight and what changed", AdminFlightEdited) },
});

const remove = declare({
  ...schedule,
  method: "delete",
  path: "/api/admin/flights/{id}",
  summary: "Delete a flight nobody booked (otherwise cancel it)",
  request: { params: FlightIdParam },
  responses: { 204: { description: "Deleted" } },
});

/** `/api/admin/flights`: list, create, read, edit and delete flights (operators, admins). */
export function adminFlightRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(
      list,
      async (c) => c.json(await listFlights({ sql, clock: deps.clock }, c.req.valid("query"))),
    )
    .openapi(create, async (c) => {
      const id = await createFlight(adminDeps(deps), actorOf(c), c.req.valid("json"));
      c.header("Location", `/api/admin/flights/${id}`);
      return c.json(await adminFlight(sql, id), 201);
    })
    .openapi(read, async (c) => c.json(await flightDetail(sql, c.req.valid("param").id)))
    .openapi(edit, async (c) => {
      const { flight, changes } = await saveFlight(adminDeps(deps), actorOf(c), {
        id: c.req.valid("param").id,
        flight: c.req.valid("json"),
      });
      return c.json({ ...flight, changes });
    })
    .openapi(remove, async (c) => {
      await removeFlight(adminDeps(deps), actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    });
}
