import { Hono } from "hono";
import { z } from "zod";
import { flightOr404 } from "./flights.ts";
import { reconcileFlight } from "../../actors/projector.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { FlightIdParam } from "../schemas.ts";

const ReconcileQuery = z.object({ project: z.enum(["true", "false"]).default("false") });

/** `GET /api/admin/flights/:id/reconcile`: KV against Postgres for one flight (staff). */
export function adminInventoryRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    "/flights/:id/reconcile",
    validate("param", FlightIdParam),
    validate("query", ReconcileQuery),
    async (c) => {
      const { id } = c.req.valid("param");
      await flightOr404(deps, id);
      // ?project=true first brings Postgres up to the event head, then compares.
      const projected = c.req.valid("query").project === "true"
        ? await deps.projector.project(id)
        : undefined;
      const report = await reconcileFlight(deps.kv, deps.db.sql, id);
      return c.json({ ...report, inSync: report.drift.length === 0, projected });
    },
  );
}
