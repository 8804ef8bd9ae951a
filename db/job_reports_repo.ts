import type { Sql } from "./postgres.ts";
import type { Rejection } from "./jobs_repo.ts";
import type { JobReport, JobSummary } from "../domain/views/job.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { JobReport, JobSummary };

/** How many rejected rows a job report lists; the rest are paged. */
export const REPORT_REJECTIONS = 100;

type JobRow = {
  id: string;
  kind: string;
  status: JobSummary["status"];
  total: number | null;
  processed: number;
  accepted: number;
  rejected: number;
  input: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  failure: string | null;
};

function summary(r: JobRow): JobSummary {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    total: r.total,
    processed: r.processed,
    accepted: r.accepted,
    rejected: r.rejected,
    filename: typeof r.input?.filename === "string" ? r.input.filename : null,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    failure: r.failure,
  };
}

/** One job with its first rejections, or undefined. */
export async function getJobReport(sql: Sql, id: string): Promise<JobReport | undefined> {
  const [job] = await sql<JobRow[]>`SELECT * FROM jobs WHERE id = ${id}`;
  if (!job) return undefined;
  const { data } = await listJobRejections(sql, id, { limit: REPORT_REJECTIONS, offset: 0 });
  return { ...summary(job), rejections: data };
}

/** A job's rejected rows in line order, a page at a time. */
export async function listJobRejections(
  sql: Sql,
  id: string,
  page: { limit: number; offset: number },
): Promise<{ data: Rejection[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    sql<Rejection[]>`
      SELECT line, reason FROM job_rejections WHERE job_id = ${id}
      ORDER BY line LIMIT ${page.limit} OFFSET ${page.offset}`,
    sql<
      { total: number }[]
    >`SELECT count(*)::int AS total FROM job_rejections WHERE job_id = ${id}`,
  ]);
  return { data: rows.map((r) => ({ line: r.line, reason: r.reason })), total };
}

/** Recent jobs, newest first. */
export async function listJobs(
  sql: Sql,
  page: { limit: number; offset: number },
): Promise<{ data: JobSummary[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    sql<JobRow[]>`
      SELECT * FROM jobs ORDER BY created_at DESC, id LIMIT ${page.limit} OFFSET ${page.offset}`,
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM jobs`,
  ]);
  return { data: rows.map(summary), total };
}

/** Whether a job exists. */
export async function jobExists(sql: Sql, id: string): Promise<boolean> {
  const rows = await sql`SELECT 1 FROM jobs WHERE id = ${id}`;
  return rows.length > 0;
}
