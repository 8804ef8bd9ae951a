import { Hono } from "hono";
import { notFound } from "../../domain/app_error.ts";
import { getFlight } from "../../db/flights_repo.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { reaccommodate, type ReaccommodationDeps } from "../../services/status/reaccommodation.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { FlightIdParam } from "../schemas.ts";
import { auditOf } from "./admin_support.ts";

/** What reaccommodation needs, from the app's dependencies. */
export function reaccommodationDeps(deps: AppDeps): ReaccommodationDeps {
  return {
    sql: deps.db.sql,
    kv: deps.kv,
    registry: deps.registry,
    projector: deps.projector,
    clock: deps.clock,
    log: deps.log,
    notifier: deps.notifier,
  };
}

/**
 * `/api/admin/flights/:id/reaccommodat…`: run involuntary reaccommodation again for a
 * cancelled flight (it runs by itself when the flight is cancelled; again is safe) and read
 * every passenger's outcome.
 */
export function adminDisruptionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post("/flights/:id/reaccommodate", validate("param", FlightIdParam), async (c) => {
      const { id } = c.req.valid("param");
      const report = await reaccommodate(reaccommodationDeps(deps), id);
      await recordAudit(
        deps.db.sql,
        auditOf(c, "flight.reaccommodated", "flight", id, {
          rebooked: report.rebooked.length,
          refundOffered: report.refundOffered.length,
        }),
      );
      return c.json(report);
    })
    .get("/flights/:id/reaccommodation", validate("param", FlightIdParam), async (c) => {
      const { id } = c.req.valid("param");
      if (!await getFlight(deps.db.sql, id)) throw notFound("Flight");
      return c.json({ flightId: id, data: await listReaccommodations(deps.db.sql, id) });
    });
}
