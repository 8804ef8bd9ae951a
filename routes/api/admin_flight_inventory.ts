import { z } from "zod";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { BaseFaresSchema } from "../../domain/schedule.ts";
import {
  blockSeats,
  changeAircraft,
  changePricing,
  flightPricing,
} from "../../services/flights/flight_controls.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { AircraftChange, FlightPricing, SeatsBlocked, SeatsUnblocked } from "../admin_responses.ts";
import { adminDeps } from "../deps.ts";
import { FlightIdParam } from "../schemas.ts";

const seatId = z.string().trim().toUpperCase().regex(
  /^[1-9][0-9]{0,2}[A-HJ-K]$/,
  "a seat like 12A",
);

/** Body of `POST /api/admin/flights/:id/aircraft`. */
export const AircraftBody = z.object({
  aircraftType: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,10}$/).optional(),
  aircraftRegistration: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{3,10}$/).optional(),
  /** A cabin configuration of the type; without it, the airframe's or else the type's default. */
  aircraftConfiguration: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{1,10}$/).optional(),
  /** Fares for cabins the flight does not have yet. */
  baseFares: BaseFaresSchema.optional(),
}).strict().refine((b) => b.aircraftType || b.aircraftRegistration, {
  message: "give aircraftType or aircraftRegistration",
  path: ["aircraftType"],
});

/** Body of `PUT /api/admin/flights/:id/pricing`: what is left out stays. */
export const PricingBody = z.object({
  baseFares: BaseFaresSchema.optional(),
  /** Seats each cabin may sell: above its seats to overbook, below to restrict sale. */
  authorized: z.partialRecord(z.enum(CABIN_CODES), z.number().int().min(0).max(2000)).optional(),
  holdTtlSeconds: z.number().int().min(60).max(3600).optional(),
}).strict().refine((b) => Object.keys(b).length > 0, "change at least one control");

/** Body of the seat block and unblock endpoints. */
export const SeatBlockBody = z.object({
  seats: z.array(seatId).min(1).max(100),
  reason: z.string().trim().min(1).max(200).optional(),
}).strict();

const staff = { roles: STAFF, tags: ["Pricing"] };

const aircraft = declare({
  ...staff,
  tags: ["Schedule"],
  method: "post",
  path: "/api/admin/flights/{id}/aircraft",
  summary: "Change the aircraft; sold seats are remapped (409 with conflicts if too small)",
  request: { params: FlightIdParam, body: jsonBody(AircraftBody) },
  responses: { 200: jsonResponse("Seats moved and blocks lifted by the change", AircraftChange) },
});

const pricing = declare({
  ...staff,
  method: "get",
  path: "/api/admin/flights/{id}/pricing",
  summary: "Fares, authorization levels, buckets and hold time per cabin",
  request: { params: FlightIdParam },
  responses: { 200: jsonResponse("The controls and live counters per cabin", FlightPricing) },
});

const reprice = declare({
  ...staff,
  method: "put",
  path: "/api/admin/flights/{id}/pricing",
  summary: "Change fares, authorization levels or hold time (through the flight's actor)",
  request: { params: FlightIdParam, body: jsonBody(PricingBody) },
  responses: {
    200: jsonResponse("The controls and live counters per cabin, after", FlightPricing),
  },
});

const block = declare({
  ...staff,
  method: "post",
  path: "/api/admin/flights/{id}/seats/block",
  summary: "Block seats from sale",
  request: { params: FlightIdParam, body: jsonBody(SeatBlockBody) },
  responses: { 200: jsonResponse("The seats blocked", SeatsBlocked) },
});

const unblock = declare({
  ...staff,
  method: "post",
  path: "/api/admin/flights/{id}/seats/unblock",
  summary: "Put blocked seats back on sale",
  request: { params: FlightIdParam, body: jsonBody(SeatBlockBody) },
  responses: { 200: jsonResponse("The seats put back on sale", SeatsUnblocked) },
});

/** `/api/admin/flights/:id/...`: aircraft change, pricing controls, seat blocks (staff). */
export function adminFlightInventoryRoutes(deps: AppDeps) {
  const controls = { ...adminDeps(deps), clock: deps.clock };
  return router()
    .openapi(aircraft, async (c) => {
      const request = c.req.valid("json");
      const flightId = c.req.valid("param").id;
      return c.json(await changeAircraft(controls, actorOf(c), { flightId, request }));
    })
    .openapi(pricing, async (c) => c.json(await flightPricing(controls, c.req.valid("param").id)))
    .openapi(reprice, async (c) => {
      const change = c.req.valid("json");
      const flightId = c.req.valid("param").id;
      return c.json(await changePricing(controls, actorOf(c), { flightId, change }));
    })
    .openapi(block, async (c) => {
      const { seats, reason } = c.req.valid("json");
      const flightId = c.req.valid("param").id;
      const seq = await blockSeats(controls, actorOf(c), { flightId, seats, reason, block: true });
      return c.json({ blocked: seats, seq });
    })
    .openapi(unblock, async (c) => {
      const { seats } = c.req.valid("json");
      const flightId = c.req.valid("param").id;
      const seq = await blockSeats(controls, actorOf(c), { flightId, seats, block: false });
      return c.json({ unblocked: seats, seq });
    });
}
