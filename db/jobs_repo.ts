import type { Sql, Tx } from "./postgres.ts";
import type { Rejection } from "../domain/views/job.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { Rejection };

/**
 * Background jobs whose input is staged in `job_rows` first. A job being uploaded is `queued`
 * with no `total` yet and an upload lease in `locked_until`: the runner only claims jobs with
 * a total, so half a file is never imported; an upload whose lease ran out is failed.
 */

/** One staged record: its fields, or why the reader could not parse it and its text. */
export interface StagedRow {
  line: number;
  fields: string[] | null;
  parseError: string | null;
  /** An unreadable record's line as sent (bounded), flagged when cut. */
  raw?: string | null;
  rawTruncated?: boolean;
}

/** Opens a job for an upload; invisible to the runner until completeUpload. */
export async function createUploadJob(sql: Sql, job: {
  kind: string;
  input: Record<string, unknown>;
  createdBy?: string;
  now: Date;
  leaseUntil: Date;
}): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO jobs (kind, status, input, created_by, created_at, locked_until)
    VALUES (${job.kind}, 'queued', ${sql.json(job.input as never)}, ${job.createdBy ?? null},
      ${job.now}, ${job.leaseUntil})
    RETURNING id`;
  return row.id;
}

/**
 * Stores a batch of records under an open upload and extends its lease. False when the
 * upload is no longer open (its lease ran out and the runner failed it meanwhile).
 */
export async function stageJobRows(
  sql: Sql,
  jobId: string,
  rows: StagedRow[],
  leaseUntil: Date,
): Promise<boolean> {
  const open = await sql`
    UPDATE jobs SET locked_until = ${leaseUntil}
    WHERE id = ${jobId} AND status = 'queued' AND total IS NULL RETURNING id`;
  if (!open.length) return false;
  if (!rows.length) return true;
  const json = rows.map((r) => ({
    line: r.line,
    fields: r.fields,
    parse_error: r.parseError,
    raw: r.raw ?? null,
    raw_truncated: r.rawTruncated === true,
  }));
  await sql`
    INSERT INTO job_rows (job_id, line, fields, parse_error, raw, raw_truncated)
    SELECT ${jobId}, r.line,
      CASE WHEN r.fields IS NULL THEN NULL ELSE ARRAY(
        SELECT e FROM jsonb_array_elements_text(r.fields) WITH ORDINALITY AS t(e, n) ORDER BY n)
      END,
      r.parse_error, r.raw, r.raw_truncated
    FROM jsonb_to_recordset(${sql.json(json as never)}) AS r(line int, fields jsonb,
      parse_error text, raw text, raw_truncated boolean)`;
  return true;
}

/** Hands a fully staged upload to the runner; false when it is no longer open. */
export async function completeUpload(sql: Sql, jobId: string, total: number): Promise<boolean> {
  const rows = await sql`
    UPDATE jobs SET total = ${total}, locked_until = NULL
    WHERE id = ${jobId} AND status = 'queued' AND total IS NULL RETURNING id`;
  return rows.length > 0;
}

/** Fails a job that is not finished and drops what is left of its staged rows. */
export async function failJob(sql: Sql, jobId: string, failure: string, now: Date) {
  await sql.begin(async (tx) => {
    await tx`
      UPDATE jobs SET status = 'failed', failure = ${failure}, finished_at = ${now},
        locked_until = NULL
      WHERE id = ${jobId} AND status IN ('queued', 'running')`;
    await tx`DELETE FROM job_rows WHERE job_id = ${jobId}`;
  });
}

/** Fails uploads whose uploader stopped renewing the lease (a dead process or client). */
export async function failStaleUploads(sql: Sql, now: Date): Promise<string[]> {
  return await sql.begin(async (tx) => {
    const stale = await tx<{ id: string }[]>`
      UPDATE jobs SET status = 'failed', failure = 'the upload did not complete',
        finished_at = ${now}, locked_until = NULL
      WHERE status = 'queued' AND total IS NULL AND locked_until < ${now}
      RETURNING id`;
    const ids = stale.map((j) => j.id);
    if (ids.length) await tx`DELETE FROM job_rows WHERE job_id IN ${tx(ids)}`;
    return ids;
  });
}

/** A job the runner holds the lease on. */
export interface ClaimedJob {
  id: string;
  kind: string;
  input: Record<string, unknown>;
}

/**
 * Claims the oldest due job of the given kinds under a lease: queued ones, and running ones
 * whose runner let the lease lapse (it died). Concurrent runners skip each other's rows.
 */
export async function claimJob(
  sql: Sql,
  kinds: string[],
  now: Date,
  leaseUntil: Date,
): Promise<ClaimedJob | undefined> {
  if (!kinds.length) return undefined;
  const [job] = await sql<ClaimedJob[]>`
    UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, ${now}),
      locked_until = ${leaseUntil}
    WHERE id = (
      SELECT id FROM jobs
      WHERE status IN ('queued', 'running') AND total IS NOT NULL AND kind IN ${sql(kinds)}
        AND (locked_until IS NULL OR locked_until < ${now})
      ORDER BY created_at LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, input`;
  return job;
}

/** Locks a running job for one batch and renews its lease; false when it is not running. */
export async function lockRunningJob(tx: Tx, jobId: string, leaseUntil: Date): Promise<boolean> {
  const rows = await tx`
    UPDATE jobs SET locked_until = ${leaseUntil}
    WHERE id = ${jobId} AND status = 'running' RETURNING id`;
  return rows.length > 0;
}

/** The next staged rows of a job, in line order. */
export async function nextJobRows(tx: Tx, jobId: string, limit: number): Promise<StagedRow[]> {
  const rows = await tx<{
    line: number;
    fields: string[] | null;
    parse_error: string | null;
    raw: string | null;
    raw_truncated: boolean;
  }[]>`
    SELECT line, fields, parse_error, raw, raw_truncated FROM job_rows
    WHERE job_id = ${jobId} ORDER BY line LIMIT ${limit}`;
  return rows.map((r) => ({
    line: r.line,
    fields: r.fields,
    parseError: r.parse_error,
    raw: r.raw,
    rawTruncated: r.raw_truncated,
  }));
}

/** Records a processed batch: its rejections, its counts, and drops its staged rows. */
export async function recordJobBatch(tx: Tx, jobId: string, batch: {
  lines: number[];
  accepted: number;
  rejections: Rejection[];
}): Promise<void> {
  if (batch.rejections.length) {
    await tx`
      INSERT INTO job_rejections (job_id, line, reason, fields, raw, raw_truncated)
      SELECT ${jobId}, r.line, r.reason,
        CASE WHEN r.fields IS NULL THEN NULL ELSE ARRAY(
          SELECT e FROM jsonb_array_elements_text(r.fields) WITH ORDINALITY AS t(e, n) ORDER BY n)
        END,
        r.raw, COALESCE(r."rawTruncated", false)
      FROM jsonb_to_recordset(${tx.json(batch.rejections as never)})
        AS r(line int, reason text, fields jsonb, raw text, "rawTruncated" boolean)`;
  }
  // A batch is the job's lowest remaining lines, so "every line up to its last" is exactly the
  // batch. A range on the primary key keeps its plan cheap: a list of 500 lines got a generic
  // plan that scanned the table, 0.25 s a batch on a 100,000-row file.
  const last = batch.lines.reduce((a, b) => Math.max(a, b), 0);
  await tx`DELETE FROM job_rows WHERE job_id = ${jobId} AND line <= ${last}`;
  await tx`
    UPDATE jobs SET processed = processed + ${batch.lines.length},
      accepted = accepted + ${batch.accepted}, rejected = rejected + ${batch.rejections.length}
    WHERE id = ${jobId}`;
}

/** Marks a running job done. */
export async function completeJob(sql: Sql | Tx, jobId: string, now: Date): Promise<void> {
  await sql`
    UPDATE jobs SET status = 'succeeded', finished_at = ${now}, locked_until = NULL
    WHERE id = ${jobId} AND status = 'running'`;
}

/** Gives up a running job's lease (the runner is stopping) so the next runner resumes it now. */
export async function releaseJob(sql: Sql, jobId: string): Promise<void> {
  await sql`UPDATE jobs SET locked_until = NULL WHERE id = ${jobId} AND status = 'running'`;
}
