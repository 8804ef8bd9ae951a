/** Bulk flight uploads as background jobs: accepting one, and reading their progress. */
import { AppError, notFound } from "../../domain/app_error.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { getJobReport, jobKind, listJobRejections, listJobs } from "../../db/job_reports_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { type Actor, auditEntry } from "../actor.ts";
import { type StagedUpload, stageFlightCsv, type UploadDeps } from "./flight_csv_upload.ts";

/** The largest bulk upload accepted (a 100,000-flight file is about 12 MB). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/** One upload as it arrives: the streamed body and what its headers say. */
/** What staging an upload needs: storage, and the job runner to kick when one is queued. */
export type FlightUploadDeps = UploadDeps & { jobs?: { kick(): void } };

/** A streamed CSV upload, as the request carried it. */
export interface UploadRequest {
  body: ReadableStream<Uint8Array> | null;
  contentType: string | undefined;
  /** The declared Content-Length, when there is one. */
  contentLength?: number;
  maxBytes?: number;
  /** Validate every row and report what would be created, writing no flight. */
  dryRun?: boolean;
}

/**
 * Stages an uploaded multipart CSV as a queued job, audited, and tells the runner; 413 when
 * the declared length is over the limit (the body is then never read).
 */
export async function acceptFlightUpload(
  deps: FlightUploadDeps,
  actor: Actor,
  upload: UploadRequest,
): Promise<StagedUpload> {
  const maxBytes = upload.maxBytes ?? MAX_UPLOAD_BYTES;
  if ((upload.contentLength ?? 0) > maxBytes) {
    throw new AppError(413, "payload_too_large", {
      detail: `Bulk uploads are limited to ${maxBytes} bytes.`,
    });
  }
  const staged = await stageFlightCsv(deps, {
    body: upload.body,
    contentType: upload.contentType,
    createdBy: actor.userId,
    maxBytes,
    dryRun: upload.dryRun,
  });
  await recordAudit(
    deps.sql,
    auditEntry(actor, "flights.bulk_uploaded", { type: "job", id: staged.jobId }, {
      filename: staged.filename ?? null,
      rows: staged.total,
      dryRun: upload.dryRun === true,
    }),
  );
  deps.jobs?.kick();
  return staged;
}

/** A page of recent jobs, newest first. */
export async function recentJobs(sql: Sql, page: { limit: number; page: number }) {
  const { data, total } = await listJobs(sql, {
    limit: page.limit,
    offset: (page.page - 1) * page.limit,
  });
  return { data, page: page.page, limit: page.limit, total };
}

/** A job's progress with its first rejected rows; 404 for no such job. */
export async function jobReport(sql: Sql, id: string) {
  const job = await getJobReport(sql, id);
  if (!job) throw notFound("Job");
  return job;
}

/** A page of a job's rejected rows (line and reason); 404 for no such job. */
export async function jobRejections(
  sql: Sql,
  id: string,
  page: { limit: number; page: number },
) {
  const kind = await jobKind(sql, id);
  if (!kind) throw notFound("Job");
  const { data, total } = await listJobRejections(sql, id, {
    kind,
    limit: page.limit,
    offset: (page.page - 1) * page.limit,
  });
  return { data, page: page.page, limit: page.limit, total };
}
