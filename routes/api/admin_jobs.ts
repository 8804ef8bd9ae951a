import { type Context, Hono } from "hono";
import { z } from "zod";
import { AppError, notFound } from "../../domain/app_error.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { getJobReport, jobExists, listJobRejections, listJobs } from "../../db/job_reports_repo.ts";
import { type StagedUpload, stageFlightCsv } from "../../services/schedule/flight_csv_upload.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";

/** The bulk upload's path: the app-wide body limit skips it, it streams under its own. */
export const BULK_UPLOAD_PATH = "/api/admin/flights/bulk";
/** The largest bulk upload accepted (a 100,000-flight file is about 12 MB). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/** `:id` of a background job. */
export const JobIdParam = z.object({ id: z.uuid({ message: "expected a job id" }) });
/** Paging of the job list. */
export const JobsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
/** Paging of a job's rejected rows. */
export const RejectionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/**
 * Stages the request's multipart CSV as a queued job (as `POST /flights/bulk`), audited, and
 * tells the runner; 413 when the declared length is over `maxBytes`.
 */
export async function acceptFlightUpload(
  deps: AppDeps,
  c: Context<AppEnv>,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<StagedUpload> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > maxBytes) {
    throw new AppError(413, "payload_too_large", {
      detail: `Bulk uploads are limited to ${maxBytes} bytes.`,
    });
  }
  const principal = c.get("principal");
  const staged = await stageFlightCsv({ sql: deps.db.sql, clock: deps.clock, log: c.get("log") }, {
    body: c.req.raw.body,
    contentType: c.req.header("content-type"),
    createdBy: principal.userId,
    maxBytes,
  });
  await recordAudit(deps.db.sql, {
    actorId: principal.userId,
    action: "flights.bulk_uploaded",
    entityType: "job",
    entityId: staged.jobId,
    details: { filename: staged.filename ?? null, rows: staged.total },
    requestId: c.get("requestId"),
  });
  deps.jobs?.kick();
  return staged;
}

/**
 * `/api/admin/flights/bulk` and `/api/admin/jobs`: a CSV of flights is uploaded as
 * multipart/form-data (field `file`), staged whole, then imported in the background; the job
 * reports progress and every rejected row with its line and reason.
 */
export function adminJobRoutes(deps: AppDeps, options: { maxUploadBytes?: number } = {}) {
  const maxBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  return new Hono<AppEnv>()
    .post("/flights/bulk", async (c) => {
      const staged = await acceptFlightUpload(deps, c, maxBytes);
      const location = `/api/admin/jobs/${staged.jobId}`;
      c.header("Location", location);
      return c.json({ id: staged.jobId, status: "queued", total: staged.total, location }, 202);
    })
    .get("/jobs", validate("query", JobsQuery), async (c) => {
      const { limit, page } = c.req.valid("query");
      const { data, total } = await listJobs(deps.db.sql, { limit, offset: (page - 1) * limit });
      c.header("Cache-Control", "no-store");
      return c.json({ data, page, limit, total });
    })
    .get("/jobs/:id", validate("param", JobIdParam), async (c) => {
      const job = await getJobReport(deps.db.sql, c.req.valid("param").id);
      if (!job) throw notFound("Job");
      c.header("Cache-Control", "no-store");
      return c.json(job);
    })
    .get(
      "/jobs/:id/rejections",
      validate("param", JobIdParam),
      validate("query", RejectionsQuery),
      async (c) => {
        const { id } = c.req.valid("param");
        const { limit, page } = c.req.valid("query");
        if (!await jobExists(deps.db.sql, id)) throw notFound("Job");
        const { data, total } = await listJobRejections(deps.db.sql, id, {
          limit,
          offset: (page - 1) * limit,
        });
        c.header("Cache-Control", "no-store");
        return c.json({ data, page, limit, total });
      },
    );
}
