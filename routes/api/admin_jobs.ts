import { z } from "zod";
import {
  acceptFlightUpload,
  jobRejections,
  jobReport,
  recentJobs,
} from "../../services/schedule/flight_jobs.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { streamedUpload, uploadDeps } from "../deps.ts";
import { declare, jsonResponse, router, STAFF } from "../declare.ts";
import { Job, JobQueued, JobRejection, JobReport, pageOf } from "../admin_responses.ts";

/** The bulk upload's path: the app-wide body limit skips it, it streams under its own. */
export const BULK_UPLOAD_PATH = "/api/admin/flights/bulk";

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

const ops = { tags: ["Operations"], roles: STAFF };

const upload = declare({
  ...ops,
  method: "post",
  path: BULK_UPLOAD_PATH,
  summary: "Bulk-upload flights: a CSV as multipart/form-data field `file` (up to 64 MiB), " +
    "imported by a background job; answers 202 with the job's Location",
  request: {
    query: z.object({
      dryRun: z.enum(["true", "false", "1", "0"]).optional().meta({
        description: "true: validate every row and report what would be created; write nothing",
      }),
    }),
    body: {
      required: true,
      // A plain JSON Schema, not zod: the body is streamed to the stager, never parsed whole.
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { file: { type: "string", contentMediaType: "text/csv" } },
            required: ["file"],
          },
        },
      },
    },
  },
  responses: { 202: jsonResponse("The job queued; Location names it", JobQueued) },
});

const jobs = declare({
  ...ops,
  method: "get",
  path: "/api/admin/jobs",
  summary: "Recent background jobs, newest first",
  request: { query: JobsQuery },
  responses: { 200: jsonResponse("A page of jobs", pageOf(Job)) },
});

const job = declare({
  ...ops,
  method: "get",
  path: "/api/admin/jobs/{id}",
  summary: "A job's progress with its first 100 rejected rows",
  request: { params: JobIdParam },
  responses: { 200: jsonResponse("The job's counts, state and first rejections", JobReport) },
});

const rejections = declare({
  ...ops,
  method: "get",
  path: "/api/admin/jobs/{id}/rejections",
  summary: "Every rejected row of a job (line and reason), a page at a time",
  request: { params: JobIdParam, query: RejectionsQuery },
  responses: { 200: jsonResponse("A page of rejected rows", pageOf(JobRejection)) },
});

/**
 * `/api/admin/flights/bulk` and `/api/admin/jobs`: a CSV of flights is uploaded as
 * multipart/form-data (field `file`), staged whole, then imported in the background; the job
 * reports progress and every rejected row with its line and reason.
 */
export function adminJobRoutes(deps: AppDeps, options: { maxUploadBytes?: number } = {}) {
  const sql = deps.db.sql;
  return router()
    .openapi(upload, async (c) => {
      const staged = await acceptFlightUpload(
        uploadDeps(deps, c),
        actorOf(c),
        streamedUpload(c, options.maxUploadBytes),
      );
      const location = `/api/admin/jobs/${staged.jobId}`;
      c.header("Location", location);
      return c.json({ id: staged.jobId, status: "queued", total: staged.total, location }, 202);
    })
    .openapi(jobs, async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await recentJobs(sql, c.req.valid("query")));
    })
    .openapi(job, async (c) => {
      const report = await jobReport(sql, c.req.valid("param").id);
      c.header("Cache-Control", "no-store");
      return c.json(report);
    })
    .openapi(rejections, async (c) => {
      const page = await jobRejections(sql, c.req.valid("param").id, c.req.valid("query"));
      c.header("Cache-Control", "no-store");
      return c.json(page);
    });
}
