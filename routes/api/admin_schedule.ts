import { RecurrenceSchema } from "../../domain/schedule.ts";
import { createSeries, previewSeries } from "../../services/schedule/recurring_schedule.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { SeriesCreated, SeriesPreview } from "../admin_responses.ts";

const series = { tags: ["Schedule"], roles: STAFF, request: { body: jsonBody(RecurrenceSchema) } };

const preview = declare({
  ...series,
  method: "post",
  path: "/api/admin/flights/recurring/preview",
  summary: "Preview a recurring schedule: every dated flight and what would be skipped",
  responses: { 200: jsonResponse("Every dated flight; nothing written", SeriesPreview) },
});

const create = declare({
  ...series,
  method: "post",
  path: "/api/admin/flights/recurring",
  summary: "Create a recurring schedule (weekdays over a date range)",
  responses: { 201: jsonResponse("The flights created and the dates skipped", SeriesCreated) },
});

/**
 * `/api/admin/flights/recurring[/preview]`: the same flight on chosen weekdays over a date
 * range (services/schedule/recurring_schedule.ts).
 */
export function adminScheduleRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(preview, async (c) => c.json(await previewSeries(sql, c.req.valid("json"))))
    .openapi(create, async (c) => {
      const created = await createSeries(
        { sql, store: deps.store },
        actorOf(c),
        c.req.valid("json"),
      );
      return c.json(created, 201);
    });
}
