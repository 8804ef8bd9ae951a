/**
 * What an operator does with a finished CSV import: download its rejected rows to fix and send
 * again, and undo it (a background job deletes the flights it created that nobody has booked).
 */
import { AppError, notFound } from "../../domain/app_error.ts";
import { csvLine } from "../../domain/csv_write.ts";
import { FLIGHT_CSV_JOB } from "../../domain/flight_csv.ts";
import { getJobReport, jobColumns, rejectedRowsByReason } from "../../db/job_reports_repo.ts";
import type { Actor } from "../actor.ts";
import { queueImportUndo, type UndoRequestDeps } from "./import_undo.ts";
import type { Sql } from "../../db/postgres.ts";

/** Rows read per query while streaming the rejected rows. */
const PAGE = 1000;

async function importJob(sql: Sql, id: string) {
  const job = await getJobReport(sql, id);
  if (!job || job.kind !== FLIGHT_CSV_JOB) throw notFound("Import");
  return job;
}

/**
 * The rejected rows as CSV, streamed a page at a time (flat memory for any number): `reason`,
 * `rows_with_reason`, `line`, then the file's own columns with the row's fields as read,
 * grouped by reason (in reason order) and by line within one. A row the CSV reader could not
 * read has empty fields.
 */
export async function rejectedRowsCsv(sql: Sql, id: string) {
  const job = await importJob(sql, id);
  const columns = await jobColumns(sql, id);
  let after: { reason: string; line: number } | undefined;
  let header = true;
  const body = new ReadableStream<string>({
    async pull(controller) {
      if (header) {
        header = false;
        return controller.enqueue(csvLine(["reason", "rows_with_reason", "line", ...columns]));
      }
      const rows = await rejectedRowsByReason(sql, id, { after, limit: PAGE });
      if (!rows.length) return controller.close();
      const last = rows[rows.length - 1];
      after = { reason: last.reason, line: last.line };
      controller.enqueue(
        rows.map((r) => csvLine([r.reason, r.count, r.line, ...(r.fields ?? [])])).join(""),
      );
    },
  });
  const stem = (job.filename ?? "import").replace(/\.csv$/i, "").replace(/[^A-Za-z0-9._-]/g, "_");
  return { filename: `${stem}-rejected.csv`, body: body.pipeThrough(new TextEncoderStream()) };
}

/**
 * Asks for a finished import to be undone: queues the background job that deletes each flight
 * it created that nobody held, bought or paid for (through the flight's actor, audited like a
 * single delete) and keeps the others. 409 while the import is still running, for a
 * validation run, and when its undo was already asked for (naming that job).
 */
export async function undoImport(deps: UndoRequestDeps, actor: Actor, id: string) {
  const job = await importJob(deps.sql, id);
  if (job.status === "queued" || job.status === "running") {
    throw new AppError(409, "job_running", { detail: "The import is still running." });
  }
  if (job.dryRun) {
    throw new AppError(409, "nothing_to_undo", { detail: "A validation run created no flights." });
  }
  return await queueImportUndo(deps, actor, job);
}
