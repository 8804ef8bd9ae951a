import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../domain/app_error.ts";
import {
  expandSeats,
  layoutSeatProblems,
  type SeatLayout,
  SeatLayoutSchema,
} from "../../domain/seat_layout.ts";
import { getAircraftType, listAircraftTypes, upcomingFlightsOfType } from "../../db/fleet_repo.ts";
import {
  createAircraftType,
  editAircraftType,
  type FleetAdminDeps,
} from "../../services/fleet/fleet_admin.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { actorOf } from "./admin_support.ts";

/** An aircraft type code as the database allows it, e.g. A20N, B77W. */
export const typeCode = z.string().trim().toUpperCase().regex(
  /^[A-Z0-9-]{2,10}$/,
  "expected 2-10 letters, digits or -",
);

/** A seat layout whose blocked and missing seats name seats that exist. */
const layout = SeatLayoutSchema.superRefine((l, ctx) => {
  for (const p of layoutSeatProblems(l)) {
    ctx.addIssue({
      code: "custom",
      message: p.message,
      path: p.path.split(".").map((s) => /^[0-9]+$/.test(s) ? Number(s) : s),
    });
  }
});
const text = z.string().trim().min(1).max(100);
const fields = {
  name: text,
  manufacturer: text,
  cruiseKmh: z.number().int().min(100).max(5000),
  rangeKm: z.number().int().min(100).max(50_000),
  layout,
};

/** `:code` of an aircraft type. */
export const TypeCodeParam = z.object({ code: typeCode });
/** Body of `POST /api/admin/aircraft-types`; the seat count follows from the layout. */
export const CreateTypeBody = z.object({ code: typeCode, ...fields }).strict();
/** Body of `PUT /api/admin/aircraft-types/:code`: any fields (the layout only while unused). */
export const UpdateTypeBody = z.object(fields).partial().strict();

/** What a seat map holds per cabin and overall, for an editor to check a layout at a glance. */
function layoutSummary(l: SeatLayout) {
  const seats = expandSeats(l);
  const rowsOf = (list: typeof seats) => [...new Set(list.map((s) => s.row))];
  return {
    seatCount: seats.length,
    cabins: l.cabins.map((cabin) => {
      const mine = seats.filter((s) => s.cabin === cabin.code);
      return {
        code: cabin.code,
        name: cabin.name,
        rows: rowsOf(mine).length,
        seats: mine.length,
        sellable: mine.filter((s) => !s.blocked).length,
        exitRows: rowsOf(mine.filter((s) => s.exitRow)),
        blockedSeats: mine.filter((s) => s.blocked).map((s) => s.id),
      };
    }),
    exitRows: rowsOf(seats.filter((s) => s.exitRow)),
    exitRowSeats: seats.filter((s) => s.exitRow).length,
    blockedSeats: seats.filter((s) => s.blocked).map((s) => s.id),
  };
}

/** `/api/admin/aircraft-types`: aircraft types and their seat layouts (staff). */
export function adminAircraftTypeRoutes(deps: AppDeps) {
  const fleet: FleetAdminDeps = {
    sql: deps.db.sql,
    store: deps.store,
    clock: deps.clock,
    log: deps.log,
  };
  return new Hono<AppEnv>()
    .get("/aircraft-types", async (c) => c.json({ data: await listAircraftTypes(deps.db.sql) }))
    .get("/aircraft-types/:code", validate("param", TypeCodeParam), async (c) => {
      const { code } = c.req.valid("param");
      const type = await getAircraftType(deps.db.sql, code);
      if (!type) throw notFound("Aircraft type");
      const upcoming = await upcomingFlightsOfType(deps.db.sql, code, deps.clock.now());
      return c.json({
        ...type,
        summary: layoutSummary(type.layout),
        upcomingFlights: upcoming.total,
        // While flights that have not departed use it, only names and figures may change.
        layoutEditable: upcoming.total === 0,
      });
    })
    .post("/aircraft-types", validate("json", CreateTypeBody), async (c) => {
      const { code, ...input } = c.req.valid("json");
      const actor = actorOf(c);
      return c.json(await createAircraftType(fleet, actor, code, input), 201);
    })
    .put(
      "/aircraft-types/:code",
      validate("param", TypeCodeParam),
      validate("json", UpdateTypeBody),
      async (c) => {
        const actor = actorOf(c);
        const { value, changed } = await editAircraftType(
          fleet,
          actor,
          c.req.valid("param").code,
          c.req.valid("json"),
        );
        return c.json({ aircraftType: value, changed });
      },
    );
}
