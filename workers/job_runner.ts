import type { Clock } from "../domain/clock.ts";
import type { Sql, Tx } from "../db/postgres.ts";
import type { Logger } from "../platform/log.ts";
import {
  type ClaimedJob,
  claimJob,
  completeJob,
  failJob,
  failStaleUploads,
  lockRunningJob,
  nextJobRows,
  recordJobBatch,
  releaseJob,
  type StagedRow,
} from "../db/jobs_repo.ts";
import { FLIGHT_CSV_JOB } from "../domain/flight_csv.ts";
import { type BatchOutcome, importFlightRows } from "./flight_csv_import.ts";

/** What the job runner needs. */
export interface JobRunnerDeps {
  sql: Sql;
  log: Logger;
  clock: Clock;
  /** Kinds of jobs that walk their own cursor instead of staged rows (an import's undo). */
  steps?: Record<string, JobStep>;
}

/**
 * Runs one bounded batch of a job that has no staged rows, under the lease given, and says
 * whether more is left; it must leave the job resumable wherever it is killed.
 */
export type JobStep = (
  job: ClaimedJob,
  batch: { batchSize: number; leaseUntil: Date },
) => Promise<"more" | "done" | "lost">;

/** Handles one batch of a job's staged rows inside the batch's transaction. */
export type JobHandler = (tx: Tx, job: ClaimedJob, rows: StagedRow[]) => Promise<BatchOutcome>;

/** The job kinds this runner knows; others are left for whoever does. */
const HANDLERS: Record<string, JobHandler> = {
  [FLIGHT_CSV_JOB]: importFlightRows,
};

/** Tuning of a run. */
export interface RunOptions {
  /** Staged rows per transaction (default 500). */
  batchSize?: number;
  /** How long a claimed job stays ours without a batch committing (default 60 s). */
  leaseMs?: number;
  /** Stops between batches; the job's lease is released so the next run resumes it. */
  signal?: AbortSignal;
}

function leaseUntil(deps: JobRunnerDeps, opts: RunOptions): Date {
  return new Date(deps.clock.now().getTime() + (opts.leaseMs ?? 60_000));
}

/** Claims the oldest due job under a lease, or undefined when there is none. */
export function claimNextJob(
  deps: JobRunnerDeps,
  opts: RunOptions = {},
): Promise<ClaimedJob | undefined> {
  const kinds = [...Object.keys(HANDLERS), ...Object.keys(deps.steps ?? {})];
  return claimJob(deps.sql, kinds, deps.clock.now(), leaseUntil(deps, opts));
}

/**
 * Runs the next batch of a claimed job in ONE transaction: its rows are imported or rejected,
 * the rejections and counters written and the rows deleted together. A runner killed at any
 * point leaves either all of a batch or none of it, so a rerun resumes exactly where it
 * stopped. A job of a `steps` kind runs its own step instead. "lost" means the job is no
 * longer running (failed, or finished elsewhere).
 */
export async function runJobBatch(
  deps: JobRunnerDeps,
  job: ClaimedJob,
  opts: RunOptions = {},
): Promise<"more" | "done" | "lost"> {
  const batchSize = opts.batchSize ?? 500;
  const step = deps.steps?.[job.kind];
  if (step) return await step(job, { batchSize, leaseUntil: leaseUntil(deps, opts) });
  const handler = HANDLERS[job.kind];
  if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
  return await deps.sql.begin(async (tx) => {
    // The row lock serializes batches: a second runner that claimed the job after a lapsed
    // lease waits here and then sees the first one's rows already gone.
    if (!await lockRunningJob(tx, job.id, leaseUntil(deps, opts))) return "lost" as const;
    const rows = await nextJobRows(tx, job.id, batchSize);
    if (rows.length) {
      const outcome = await handler(tx, job, rows);
      await recordJobBatch(tx, job.id, { lines: rows.map((r) => r.line), ...outcome });
    }
    if (rows.length === batchSize) return "more" as const;
    await completeJob(tx, job.id, deps.clock.now());
    return "done" as const;
  });
}

/** Runs a claimed job to its end; an unexpected error fails it (accepted rows stay). */
export async function runJob(
  deps: JobRunnerDeps,
  job: ClaimedJob,
  opts: RunOptions = {},
): Promise<"succeeded" | "failed" | "lost" | "paused"> {
  const log = deps.log.child({ jobId: job.id, kind: job.kind });
  try {
    for (;;) {
      if (opts.signal?.aborted) {
        await releaseJob(deps.sql, job.id);
        return "paused";
      }
      const step = await runJobBatch(deps, job, opts);
      if (step === "done") {
        log.info("job finished");
        return "succeeded";
      }
      if (step === "lost") return "lost";
    }
  } catch (err) {
    log.error("job failed", { error: err });
    const kept = job.kind === FLIGHT_CSV_JOB
      ? "rows accepted before it stay imported"
      : "what was done before it stays done";
    await failJob(deps.sql, job.id, `stopped on an unexpected error; ${kept}`, deps.clock.now());
    return "failed";
  }
}

/** What one pass over the due jobs did. */
export interface JobRunReport {
  /** Each job worked on, with how it ended. */
  jobs: { id: string; outcome: Awaited<ReturnType<typeof runJob>> }[];
  /** Uploads failed because their uploader stopped renewing the lease. */
  staleUploads: string[];
}

/** Fails abandoned uploads, then claims and runs due jobs one after another until none is left. */
export async function runDueJobs(
  deps: JobRunnerDeps,
  opts: RunOptions = {},
): Promise<JobRunReport> {
  const staleUploads = await failStaleUploads(deps.sql, deps.clock.now());
  for (const id of staleUploads) deps.log.warn("upload abandoned; job failed", { jobId: id });
  const jobs: JobRunReport["jobs"] = [];
  while (!opts.signal?.aborted) {
    const job = await claimNextJob(deps, opts);
    if (!job) break;
    jobs.push({ id: job.id, outcome: await runJob(deps, job, opts) });
  }
  return { jobs, staleUploads };
}

/** A running job runner. */
export interface JobRunner {
  /** Runs a pass soon (a job was just queued) instead of waiting for the timer. */
  kick(): void;
  /** Stops the timer, pauses the job in progress after its batch, and waits for that. */
  stop(): Promise<void>;
}

/** Runs due jobs every `intervalMs` (default 5 s) and whenever kicked, until stopped. */
export function startJobRunner(
  deps: JobRunnerDeps & { intervalMs?: number } & Pick<RunOptions, "batchSize" | "leaseMs">,
): JobRunner {
  const abort = new AbortController();
  let running: Promise<unknown> | undefined;
  let again = false;
  const pass = () => {
    if (abort.signal.aborted) return;
    // A kick during a pass may be for a job that pass already looked past: run once more.
    if (running) return void (again = true);
    running = runDueJobs(deps, {
      batchSize: deps.batchSize,
      leaseMs: deps.leaseMs,
      signal: abort.signal,
    })
      .catch((err) => deps.log.error("job runner pass failed", { error: err }))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          pass();
        }
      });
  };
  const timer = setInterval(pass, deps.intervalMs ?? 5000);
  pass();
  return {
    kick: pass,
    stop: async () => {
      clearInterval(timer);
      abort.abort();
      while (running) await running;
    },
  };
}
