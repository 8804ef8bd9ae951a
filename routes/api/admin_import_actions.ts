import { rejectedRowsCsv, undoImport } from "../../services/schedule/import_actions.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { undoDeps } from "../deps.ts";
import { declare, jsonResponse, router, STAFF, textResponse } from "../declare.ts";
import { JobQueued } from "../admin_responses.ts";
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
  summary: "Undo an import in the background: a job deletes its flights nobody booked and " +
    "keeps (and lists) the others; answers 202 with the job's Location, 409 when the import " +
    "is running, was a validation run, or its undo was already asked for (Location names it)",
  request: { params: JobIdParam },
  responses: { 202: jsonResponse("The undo job queued; Location names it", JobQueued) },
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
      const undo = await undoImport(undoDeps(deps), actorOf(c), id);
      c.header("Location", undo.location);
      return c.json(undo, 202);
    });
}
