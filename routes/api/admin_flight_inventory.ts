import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../domain/app_error.ts";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { BaseFaresSchema } from "../../domain/schedule.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import { cabinCounters, type Inventory } from "../../domain/inventory/state.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { getAdminFlight } from "../../db/admin_flights_repo.ts";
import {
  afterInventoryChange,
  changeFlightAircraft,
  editableFlight,
} from "../../services/flights/flight_admin.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { FlightIdParam } from "../schemas.ts";
import { adminDeps, auditOf } from "./admin_support.ts";

const seatId = z.string().trim().toUpperCase().regex(
  /^[1-9][0-9]{0,2}[A-HJ-K]$/,
  "a seat like 12A",
);

/** Body of `POST /api/admin/flights/:id/aircraft`. */
export const AircraftBody = z.object({
  aircraftType: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,10}$/).optional(),
  aircraftRegistration: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{3,10}$/).optional(),
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

/** A flight's commercial controls and live counters, per cabin. */
function pricingView(inv: Inventory, now: number) {
  const counters = cabinCounters(inv);
  const offers = cabinOffers(inv, now);
  return {
    flightId: inv.state.flightId,
    currency: inv.state.currency,
    holdTtlSeconds: Math.round(inv.state.holdTtlMs / 1000),
    salesClosed: inv.state.closed ?? false,
    cabins: inv.state.cabins.map((c, i) => ({
      code: c.code,
      baseFare: c.baseFare,
      capacity: c.capacity,
      authorized: c.authorized,
      overbooking: c.authorized - c.capacity,
      buckets: c.buckets,
      blocked: counters[i].blocked,
      held: counters[i].held,
      sold: counters[i].sold,
      available: counters[i].available,
      price: offers[i].price ?? null,
      bucket: offers[i].bucket ?? null,
    })),
  };
}

/** `/api/admin/flights/:id/...`: aircraft change, pricing controls, seat blocks (staff). */
export function adminFlightInventoryRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  const seatBody = validate("json", SeatBlockBody);
  return new Hono<AppEnv>()
    .post(
      "/flights/:id/aircraft",
      validate("param", FlightIdParam),
      validate("json", AircraftBody),
      async (c) => {
        const { id } = c.req.valid("param");
        const outcome = await changeFlightAircraft(adminDeps(deps), id, c.req.valid("json"));
        await recordAudit(
          sql,
          auditOf(c, "flight.aircraft_changed", "flight", id, {
            request: c.req.valid("json"),
            moved: outcome.moved.length,
            unblocked: outcome.unblocked,
          }),
        );
        return c.json(outcome);
      },
    )
    .get("/flights/:id/pricing", validate("param", FlightIdParam), async (c) => {
      const { id } = c.req.valid("param");
      if (!await getAdminFlight(sql, id)) throw notFound("Flight");
      return c.json(pricingView(await deps.registry.inventory(id), deps.clock.now().getTime()));
    })
    .put(
      "/flights/:id/pricing",
      validate("param", FlightIdParam),
      validate("json", PricingBody),
      async (c) => {
        const { id } = c.req.valid("param");
        const body = c.req.valid("json");
        await editableFlight(sql, id);
        const result = await deps.registry.send(id, {
          type: "ConfigureFlight",
          baseFares: body.baseFares,
          authorized: body.authorized,
          holdTtlMs: body.holdTtlSeconds === undefined ? undefined : body.holdTtlSeconds * 1000,
        });
        if (!result.ok) throw rejectionError(result);
        await afterInventoryChange(adminDeps(deps), id, result.seq);
        await recordAudit(sql, auditOf(c, "flight.pricing_changed", "flight", id, body));
        return c.json(pricingView(await deps.registry.inventory(id), deps.clock.now().getTime()));
      },
    )
    .post("/flights/:id/seats/block", validate("param", FlightIdParam), seatBody, async (c) => {
      const { id } = c.req.valid("param");
      const { seats, reason } = c.req.valid("json");
      await editableFlight(sql, id);
      const result = await deps.registry.send(id, {
        type: "BlockSeats",
        seats,
        reason: reason ?? "blocked by operations",
      });
      if (!result.ok) throw rejectionError(result);
      await afterInventoryChange(adminDeps(deps), id, result.seq);
      await recordAudit(sql, auditOf(c, "flight.seats_blocked", "flight", id, { seats, reason }));
      return c.json({ blocked: seats, seq: result.seq });
    })
    .post("/flights/:id/seats/unblock", validate("param", FlightIdParam), seatBody, async (c) => {
      const { id } = c.req.valid("param");
      const { seats } = c.req.valid("json");
      await editableFlight(sql, id);
      const result = await deps.registry.send(id, { type: "UnblockSeats", seats });
      if (!result.ok) throw rejectionError(result);
      await afterInventoryChange(adminDeps(deps), id, result.seq);
      await recordAudit(sql, auditOf(c, "flight.seats_unblocked", "flight", id, { seats }));
      return c.json({ unblocked: seats, seq: result.seq });
    });
}
