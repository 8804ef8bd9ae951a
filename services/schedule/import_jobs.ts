/** The CSV imports as the operators' pages show them: the recent ones, and one with its rejects. */
import { isUuid } from "../../domain/ids.ts";
import type { JobSummary, ReasonCount, Rejection } from "../../domain/views/job.ts";
import { getJobReport, listJobRejections, listJobs } from "../../db/job_reports_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** The newest imports, newest first. */
export async function recentImports(sql: Sql, limit = 10): Promise<JobSummary[]> {
  return (await listJobs(sql, { limit, offset: 0 })).data;
}

/** An import and one page of its rejected rows, or undefined when there is no such job. */
export async function importReport(
  sql: Sql,
  id: string,
  page: { limit: number; offset: number },
): Promise<
  { job: JobSummary; reasons: ReasonCount[]; rejections: Rejection[] } | undefined
> {
  const report = isUuid(id) ? await getJobReport(sql, id) : undefined;
  if (!report) return undefined;
  const { rejections: _first, reasons, ...job } = report;
  const { data } = await listJobRejections(sql, id, { ...page, kind: job.kind });
  return { job, reasons, rejections: data };
}
