/**
 * Undoing a CSV import in the background: a request queues one undo job per import, and the
 * job runner walks the import's flights in bounded batches, deleting each one nobody holds or
 * owns a seat on through its actor (which has the last word: a flight booked since the undo
 * was asked for is kept), audited like a single delete.
 */
import { AppError } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { IMPORT_UNDO_JOB } from "../../domain/views/job.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import type { ClaimedJob } from "../../db/jobs_repo.ts";
import {
  createUndoJob,
  finishUndoJob,
  type KeptFlight,
  recordUndoBatch,
  takeUndoBatch,
  type UndoFlight,
} from "../../db/import_undo_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { JobStep } from "../../workers/job_runner.ts";
import { type Actor, auditEntry } from "../actor.ts";
import type { FlightAdminDeps } from "../flights/flight_admin.ts";
import { removeFlight } from "../flights/manage_flights.ts";

/** Flights of one batch deleted at once (each through its own actor). */
const PARALLEL = 8;

/** What queueing an undo needs. */
export interface UndoRequestDeps {
  sql: Sql;
  clock: Clock;
  jobs?: { kick(): void };
}

/** An undo job as queued. */
export interface UndoQueued {
  id: string;
  status: "queued";
  total: number;
  location: string;
}

/**
 * Queues the undo of an import whose checks the caller made (a finished, real import);
 * 409 `undo_exists` naming the first undo's job when one was already asked for, unless that
 * one failed: it is queued again and resumes where it stopped.
 */
export async function queueImportUndo(
  deps: UndoRequestDeps,
  actor: Actor,
  importJob: { id: string; filename: string | null },
): Promise<UndoQueued> {
  const job = await createUndoJob(deps.sql, {
    kind: IMPORT_UNDO_JOB,
    importJobId: importJob.id,
    input: {
      importJobId: importJob.id,
      filename: importJob.filename,
      actor: { userId: actor.userId, role: actor.role, requestId: actor.requestId },
    },
    createdBy: actor.userId,
    now: deps.clock.now(),
  });
  const location = `/api/admin/jobs/${job.id}`;
  if (!job.created) {
    throw new AppError(409, "undo_exists", {
      detail: "This import's undo was already asked for: follow that job.",
      headers: { Location: location },
      extensions: { job: { id: job.id, location } },
    });
  }
  deps.jobs?.kick();
  return { id: job.id, status: "queued", total: job.total, location };
}

type Outcome = { removed: true } | { kept: string };

async function undoFlight(deps: FlightAdminDeps, actor: Actor, f: UndoFlight): Promise<Outcome> {
  try {
    await removeFlight(deps, actor, f.id);
    return { removed: true };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // Gone already: deleted by a try of this batch a killed runner made, or by hand meanwhile.
    if (err.status === 404) return { removed: true };
    if (err.status === 409) return { kept: err.detail ?? err.code };
    throw err;
  }
}

/**
 * Runs `fn` over `items`, at most `limit` at once, keeping the order of results. After a
 * failure nothing new starts, and the ones running are waited for before it is thrown.
 */
async function mapBounded<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        out[i] = await fn(items[i]);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw failed.error;
  return out;
}

/**
 * One batch of an undo job: takes the batch in hand (or the next), deletes or keeps each of
 * its flights, and records the batch; with no flight left, finishes the job and writes the
 * `flights.import_undone` audit entry in the same transaction.
 */
export async function runUndoBatch(
  deps: FlightAdminDeps & { clock: Clock },
  job: ClaimedJob,
  batch: { batchSize: number; leaseUntil: Date },
): Promise<"more" | "done" | "lost"> {
  const actor = job.input.actor as Actor;
  const flights = await takeUndoBatch(deps.sql, job.id, {
    limit: batch.batchSize,
    leaseUntil: batch.leaseUntil,
  });
  if (!flights) return "lost";
  if (!flights.length) {
    return await deps.sql.begin(async (tx) => {
      const done = await finishUndoJob(tx, job.id, deps.clock.now());
      if (!done) return "lost" as const;
      const importId = job.input.importJobId as string;
      await recordAudit(
        tx,
        auditEntry(actor, "flights.import_undone", { type: "job", id: importId }, {
          ...done,
          undoJobId: job.id,
        }),
      );
      return "done" as const;
    });
  }
  const outcomes = await mapBounded(flights, PARALLEL, (f) => undoFlight(deps, actor, f));
  const kept: KeptFlight[] = [];
  outcomes.forEach((o, index) => {
    if ("kept" in o) kept.push({ ...flights[index], index, reason: o.kept });
  });
  const recorded = await recordUndoBatch(deps.sql, job.id, {
    last: flights[flights.length - 1].id,
    size: flights.length,
    removed: flights.length - kept.length,
    kept,
  });
  return recorded ? "more" : "lost";
}

/** The job runner's step for undo jobs, bound to what deleting a flight needs. */
export function importUndoSteps(deps: FlightAdminDeps & { clock: Clock }): Record<string, JobStep> {
  return { [IMPORT_UNDO_JOB]: (job, batch) => runUndoBatch(deps, job, batch) };
}
