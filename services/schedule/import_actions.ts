/**
 * What an operator does with a finished CSV import: download its rejected rows to fix and send
 * again, and undo it (a background job deletes the flights it created that nobody has booked).
 */
import { AppError, notFound } from "../../domain/app_error.ts";
import { csvLine, csvRecordText, type CsvValue } from "../../domain/csv_write.ts";
import { rawText } from "../../domain/csv.ts";
import { FLIGHT_CSV_JOB } from "../../domain/flight_csv.ts";
import {
  getJobReport,
  jobColumns,
  type RejectedRow,
  rejectedRowsByReason,
} from "../../db/job_reports_repo.ts";
import type { Actor } from "../actor.ts";
import { queueImportUndo, type UndoRequestDeps } from "./import_undo.ts";
import type { Sql } from "../../db/postgres.ts";

/** Rows read per query while streaming the rejected rows. */
const PAGE = 1000;

/** The rejected-rows download's columns before the file's own. */
const LEAD_COLUMNS = ["reason", "rows_with_reason", "line", "raw", "raw_truncated"];

/**
 * A rejected row's cells: a row that was read gets its fields written back as its raw text
 * (the text as sent, give or take quoting), bounded like an unreadable one's.
 */
function rejectedRowCells(r: RejectedRow & { count: number }): CsvValue[] {
  const { raw, rawTruncated } = r.fields
    ? rawText(csvRecordText(r.fields))
    : { raw: r.raw ?? "", rawTruncated: r.raw_truncated };
  return [r.reason, r.count, r.line, raw, rawTruncated, ...(r.fields ?? [])];
}

async function importJob(sql: Sql, id: string) {
  const job = await getJobReport(sql, id);
  if (!job || job.kind !== FLIGHT_CSV_JOB) throw notFound("Import");
  return job;
}

/**
 * The rejected rows as CSV, streamed a page at a time (flat memory for any number): `reason`,
 * `rows_with_reason`, `line`, `raw` (the row's line as sent, its first 2 KiB) and
 * `raw_truncated`, then the file's own columns with the row's fields as read, grouped by
 * reason (in reason order) and by line within one. A row the CSV reader could not read has
 * only its raw text; every cell is formula-guarded like any export.
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
        return controller.enqueue(csvLine([...LEAD_COLUMNS, ...columns]));
      }
      const rows = await rejectedRowsByReason(sql, id, { after, limit: PAGE });
      if (!rows.length) return controller.close();
      const last = rows[rows.length - 1];
      after = { reason: last.reason, line: last.line };
      controller.enqueue(rows.map((r) => csvLine(rejectedRowCells(r))).join(""));
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
