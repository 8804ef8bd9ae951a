import { z } from "zod";
import { reconcile } from "../../services/flights/reconcile.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonResponse, router, STAFF } from "../declare.ts";
import { Reconciliation } from "../admin_responses.ts";
import { FlightIdParam } from "../schemas.ts";

const ReconcileQuery = z.object({ project: z.enum(["true", "false"]).default("false") });

const check = declare({
  method: "get",
  path: "/api/admin/flights/{id}/reconcile",
  tags: ["Operations"],
  summary: "KV against Postgres for a flight",
  roles: STAFF,
  request: { params: FlightIdParam, query: ReconcileQuery },
  responses: {
    200: jsonResponse("The drift, if any; `?project=true` projects first", Reconciliation),
  },
});

/** `GET /api/admin/flights/:id/reconcile`: KV against Postgres for one flight (staff). */
export function adminInventoryRoutes(deps: AppDeps) {
  return router().openapi(check, async (c) => {
    const project = c.req.valid("query").project === "true";
    const report = await reconcile({ ...deps, sql: deps.db.sql }, c.req.valid("param").id, project);
    return c.json(report);
  });
}
