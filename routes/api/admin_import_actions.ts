import { rejectedRowsCsv, undoImport } from "../../services/schedule/import_actions.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonResponse, router, STAFF, textResponse } from "../declare.ts";
import { ImportUndone } from "../admin_responses.ts";
import { adminDeps } from "../deps.ts";
import { JobIdParam } from "./admin_jobs.ts";

const ops = { tags: ["Operations"], roles: STAFF };

const rejected = declare({
  ...ops,
  method: "get",
  path: "/api/admin/jobs/{id}/rejected-rows.csv",
  summary: "An import's rejected rows as CSV: reason, rows with that reason, line, the row " +
    "as sent; grouped by reason",
  request: { params: JobIdParam },
  responses: { 200: textResponse("A CSV attachment", "text/csv") },
});

const undo = declare({
  ...ops,
  method: "post",
  path: "/api/admin/jobs/{id}/undo",
  summary: "Undo an import: delete its flights nobody booked, keep and list the others",
  request: { params: JobIdParam },
  responses: { 200: jsonResponse("How many flights went and which stayed", ImportUndone) },
});

/** `/api/admin/jobs/:id/rejected-rows.csv` and `/undo`: acting on a finished CSV import. */
export function adminImportActionRoutes(deps: AppDeps) {
  return router()
    .openapi(rejected, async (c) => {
      const { filename, body } = await rejectedRowsCsv(deps.db.sql, c.req.valid("param").id);
      return c.body(body, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      });
    })
    .openapi(undo, async (c) => {
      const id = c.req.valid("param").id;
      return c.json(await undoImport(adminDeps(deps), actorOf(c), id), 200);
    });
}
