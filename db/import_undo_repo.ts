/**
 * Undo jobs: one per import, walking the import's flights by id in bounded batches. The batch
 * in hand is written to the job (`progress.pending`) before any flight of it is touched, so a
 * runner killed mid-batch leaves the next one the same flights to finish and count, never a
 * flight deleted but not counted.
 */
import type { Sql, Tx } from "./postgres.ts";
import { listImportedFlights } from "./schedule_repo.ts";

/** An imported flight as an undo names it. */
export interface UndoFlight {
  id: string;
  label: string;
}

/** A flight the undo kept, with its place in the batch (0-based) and why. */
export interface KeptFlight extends UndoFlight {
  index: number;
  reason: string;
}

interface UndoProgress {
  after?: string;
  pending?: UndoFlight[];
}

/**
 * Queues the undo of an import, counting its flights; a second call finds the first one's
 * job (`created: false`): the unique index on `undoes` makes concurrent requests one job. A
 * failed undo is queued again instead (`created: true`) and resumes where it stopped.
 */
export async function createUndoJob(sql: Sql, job: {
  kind: string;
  importJobId: string;
  input: Record<string, unknown>;
  createdBy?: string;
  now: Date;
}): Promise<{ id: string; total: number; created: boolean }> {
  const [made] = await sql<{ id: string; total: number }[]>`
    INSERT INTO jobs (kind, status, input, created_by, created_at, total, undoes, progress)
    SELECT ${job.kind}, 'queued', ${sql.json(job.input as never)}, ${job.createdBy ?? null},
      ${job.now}, (SELECT count(*)::int FROM flights WHERE import_job_id = ${job.importJobId}),
      ${job.importJobId}, '{}'
    ON CONFLICT (undoes) WHERE undoes IS NOT NULL DO NOTHING
    RETURNING id, total`;
  if (made) return { ...made, created: true };
  // An undo that failed is asked for again: queued anew, it resumes from its cursor.
  const [retried] = await sql<{ id: string; total: number }[]>`
    UPDATE jobs SET status = 'queued', failure = NULL, finished_at = NULL, locked_until = NULL
    WHERE undoes = ${job.importJobId} AND status = 'failed'
    RETURNING id, total`;
  if (retried) return { ...retried, created: true };
  const [found] = await sql<{ id: string; total: number }[]>`
    SELECT id, total FROM jobs WHERE undoes = ${job.importJobId}`;
  return { ...found, created: false };
}

/**
 * The batch an undo job works on next, under a renewed lease: the one a killed runner left in
 * hand, else the next `limit` flights of the import after the last one done (written down as
 * in hand first). Undefined when the job is no longer running.
 */
export async function takeUndoBatch(
  sql: Sql,
  jobId: string,
  opts: { limit: number; leaseUntil: Date },
): Promise<UndoFlight[] | undefined> {
  return await sql.begin(async (tx) => {
    const [job] = await tx<{ undoes: string; progress: UndoProgress | null }[]>`
      UPDATE jobs SET locked_until = ${opts.leaseUntil}
      WHERE id = ${jobId} AND status = 'running' RETURNING undoes, progress`;
    if (!job) return undefined;
    const progress = job.progress ?? {};
    if (progress.pending) return progress.pending;
    const batch = await listImportedFlights(tx, job.undoes, {
      after: progress.after,
      limit: opts.limit,
    });
    if (batch.length) {
      const next = { after: batch[batch.length - 1].id, pending: batch };
      await tx`UPDATE jobs SET progress = ${tx.json(next as never)} WHERE id = ${jobId}`;
    }
    return batch;
  });
}

/**
 * Records the batch in hand as done, in one transaction: its counts, its kept flights (as the
 * job's rejections, numbered in walk order) and the cursor moved past it. False when the job
 * is no longer running or the batch is no longer the one in hand (another runner recorded it).
 */
export async function recordUndoBatch(sql: Sql, jobId: string, batch: {
  last: string;
  size: number;
  removed: number;
  kept: KeptFlight[];
}): Promise<boolean> {
  return await sql.begin(async (tx) => {
    const [job] = await tx<{ processed: number }[]>`
      SELECT processed FROM jobs
      WHERE id = ${jobId} AND status = 'running' AND progress->'pending' IS NOT NULL
        AND progress->>'after' = ${batch.last}
      FOR UPDATE`;
    if (!job) return false;
    if (batch.kept.length) {
      const kept = batch.kept.map((k) => ({
        line: job.processed + k.index + 1,
        reason: k.reason,
        fields: [k.id, k.label],
      }));
      await tx`
        INSERT INTO job_rejections (job_id, line, reason, fields)
        SELECT ${jobId}, r.line, r.reason, ARRAY[r.fields->>0, r.fields->>1]
        FROM jsonb_to_recordset(${tx.json(kept as never)}) AS r(line int, reason text, fields jsonb)
        ON CONFLICT DO NOTHING`;
    }
    await tx`
      UPDATE jobs SET processed = processed + ${batch.size},
        accepted = accepted + ${batch.removed}, rejected = rejected + ${batch.kept.length},
        progress = ${tx.json({ after: batch.last } as never)}
      WHERE id = ${jobId}`;
    return true;
  });
}

/**
 * Marks a running undo done (its total becomes the flights it went through: some may have
 * been deleted by hand meanwhile) and returns its counts; undefined when it was not running.
 */
export async function finishUndoJob(
  tx: Tx,
  jobId: string,
  now: Date,
): Promise<{ removed: number; kept: number } | undefined> {
  const [done] = await tx<{ removed: number; kept: number }[]>`
    UPDATE jobs SET status = 'succeeded', finished_at = ${now}, locked_until = NULL,
      total = processed
    WHERE id = ${jobId} AND status = 'running'
    RETURNING accepted AS removed, rejected AS kept`;
  return done;
}
