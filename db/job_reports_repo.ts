import type { Sql } from "./postgres.ts";
import type { Rejection } from "./jobs_repo.ts";
import {
  IMPORT_UNDO_JOB,
  type JobReport,
  type JobSummary,
  type ReasonCount,
} from "../domain/views/job.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { JobReport, JobSummary };

/** How many rejected rows a job report lists; the rest are paged. */
export const REPORT_REJECTIONS = 100;
/** How many of the commonest rejection reasons a job report counts. */
const REPORT_REASONS = 20;

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
  undoes: string | null;
  undone_by: string | null;
};

/** A job row's columns with the id of the job undoing it. */
const jobRowColumns = (sql: Sql) =>
  sql`jobs.*, (SELECT u.id FROM jobs u WHERE u.undoes = jobs.id) AS undone_by`;

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
    dryRun: r.input?.dryRun === true,
    undoes: r.undoes,
    undoneBy: r.undone_by,
  };
}

/** One job with its first rejections, or undefined. */
export async function getJobReport(sql: Sql, id: string): Promise<JobReport | undefined> {
  const [job] = await sql<JobRow[]>`SELECT ${jobRowColumns(sql)} FROM jobs WHERE id = ${id}`;
  if (!job) return undefined;
  const [{ data }, reasons] = await Promise.all([
    listJobRejections(sql, id, { limit: REPORT_REJECTIONS, offset: 0, kind: job.kind }),
    sql<ReasonCount[]>`
      SELECT reason, count(*)::int AS count FROM job_rejections WHERE job_id = ${id}
      GROUP BY reason ORDER BY count(*) DESC, reason LIMIT ${REPORT_REASONS}`,
  ]);
  return {
    ...summary(job),
    rejections: data,
    reasons: reasons.map((r) => ({ reason: r.reason, count: r.count })),
  };
}

/** A rejected row as stored: its fields as read, or (unreadable) its text as sent. */
export interface RejectedRow {
  line: number;
  reason: string;
  fields: string[] | null;
  raw: string | null;
  raw_truncated: boolean;
}

/** One page of a job's rejected rows ordered by reason, then line, after a (reason, line). */
export async function rejectedRowsByReason(
  sql: Sql,
  id: string,
  page: { after?: { reason: string; line: number }; limit: number },
): Promise<(RejectedRow & { count: number })[]> {
  const rows = await sql<RejectedRow[]>`
    SELECT line, reason, fields, raw, raw_truncated FROM job_rejections
    WHERE job_id = ${id}
      ${page.after ? sql`AND (reason, line) > (${page.after.reason}, ${page.after.line})` : sql``}
    ORDER BY reason, line LIMIT ${page.limit}`;
  if (!rows.length) return [];
  // One count per reason on the page, not per row: a reason shared by 100,000 rows is
  // counted once a page.
  const reasons = [...new Set(rows.map((r) => r.reason))];
  const counts = await sql<{ reason: string; n: number }[]>`
    SELECT reason, count(*)::int AS n FROM job_rejections
    WHERE job_id = ${id} AND reason IN ${sql(reasons)} GROUP BY reason`;
  const byReason = new Map(counts.map((c) => [c.reason, c.n]));
  return rows.map((r) => ({ ...r, count: byReason.get(r.reason) ?? 0 }));
}

/**
 * A job's rejected rows in line order, a page at a time; an undo job's (its kept flights)
 * name their flight.
 */
export async function listJobRejections(
  sql: Sql,
  id: string,
  page: { limit: number; offset: number; kind?: string },
): Promise<{ data: Rejection[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    sql<Rejection[]>`
      SELECT line, reason, fields FROM job_rejections WHERE job_id = ${id}
      ORDER BY line LIMIT ${page.limit} OFFSET ${page.offset}`,
    sql<
      { total: number }[]
    >`SELECT count(*)::int AS total FROM job_rejections WHERE job_id = ${id}`,
  ]);
  const undo = page.kind === IMPORT_UNDO_JOB;
  const data = rows.map((r): Rejection => {
    const flight = undo && r.fields ? { id: r.fields[0], label: r.fields[1] } : undefined;
    return flight ? { line: r.line, reason: r.reason, flight } : { line: r.line, reason: r.reason };
  });
  return { data, total };
}

/** Recent jobs, newest first. */
export async function listJobs(
  sql: Sql,
  page: { limit: number; offset: number },
): Promise<{ data: JobSummary[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    sql<JobRow[]>`
      SELECT ${jobRowColumns(sql)} FROM jobs
      ORDER BY created_at DESC, id LIMIT ${page.limit} OFFSET ${page.offset}`,
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM jobs`,
  ]);
  return { data: rows.map(summary), total };
}

/** A job's kind, or undefined when there is no such job. */
export async function jobKind(sql: Sql, id: string): Promise<string | undefined> {
  const [row] = await sql<{ kind: string }[]>`SELECT kind FROM jobs WHERE id = ${id}`;
  return row?.kind;
}

/** The header columns an import job's file had, in file order (none for other jobs). */
export async function jobColumns(sql: Sql, id: string): Promise<string[]> {
  const [row] = await sql`SELECT input->'columns' AS c FROM jobs WHERE id = ${id}`;
  return (row?.c as string[] | null) ?? [];
}
