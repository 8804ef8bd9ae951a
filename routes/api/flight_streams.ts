import { flightOr404 } from "../../services/flights/flight_lookup.ts";
import { seatFeed, statusFeed } from "../../services/live/flight_feeds.ts";
import { countRequest } from "../middleware/limits.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, router } from "../declare.ts";
import { openStream, STREAM_RESPONSE, streamRequest } from "../sse.ts";
import { FlightParam } from "./flights.ts";

const seatStream = declare({
  method: "get",
  path: "/api/flights/{id}/seats/stream",
  tags: ["Realtime"],
  summary: "Live seat map (SSE)",
  roles: ANYONE,
  request: { params: FlightParam, ...streamRequest },
  responses: { 200: STREAM_RESPONSE },
});

const statusStream = declare({
  method: "get",
  path: "/api/flights/{id}/status/stream",
  tags: ["Realtime"],
  summary: "Live flight status (SSE)",
  roles: ANYONE,
  request: { params: FlightParam, ...streamRequest },
  responses: { 200: STREAM_RESPONSE },
});

/** `GET /api/flights/:id/seats/stream` and `/status/stream`: live seat map and status. */
export function flightStreamRoutes(deps: AppDeps) {
  return router()
    .openapi(seatStream, async (c) => {
      await countRequest(c, deps, "stream");
      const flight = await flightOr404(deps.db.sql, c.req.valid("param").id);
      return openStream(c, deps, seatFeed(deps, flight.id));
    })
    .openapi(statusStream, async (c) => {
      await countRequest(c, deps, "stream");
      const flight = await flightOr404(deps.db.sql, c.req.valid("param").id);
      return openStream(c, deps, statusFeed(deps, flight.id));
    });
}
