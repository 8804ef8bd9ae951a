/**
 * What an operator does with a finished CSV import: download its rejected rows to fix and send
 * again, and undo it (delete the flights it created that nobody has booked).
 */
import { AppError, notFound } from "../../domain/app_error.ts";
import { csvLine } from "../../domain/csv_write.ts";
import { FLIGHT_CSV_JOB } from "../../domain/flight_csv.ts";
import { getJobReport, jobColumns, rejectedRowsByReason } from "../../db/job_reports_repo.ts";
import { listImportedFlights } from "../../db/schedule_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { type Actor, auditEntry } from "../actor.ts";
import type { FlightAdminDeps } from "../flights/flight_admin.ts";
import { removeFlight } from "../flights/manage_flights.ts";
import type { Sql } from "../../db/postgres.ts";

/** Rows read per query while streaming the rejected rows. */
const PAGE = 1000;
/** How many kept flights an undo names (it counts them all). */
const KEPT_LISTED = 100;

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
 * Undoes a finished import: deletes each flight it created that nobody held, bought or paid for
 * (through the flight's actor, audited like a single delete), and keeps the others, counted and
 * named with why. 409 while the import is still running, and for a validation run.
 */
export async function undoImport(deps: FlightAdminDeps, actor: Actor, id: string) {
  const job = await importJob(deps.sql, id);
  if (job.status === "queued" || job.status === "running") {
    throw new AppError(409, "job_running", { detail: "The import is still running." });
  }
  if (job.dryRun) {
    throw new AppError(409, "nothing_to_undo", { detail: "A validation run created no flights." });
  }
  let removed = 0;
  let kept = 0;
  const keptFlights: { id: string; flight: string; reason: string }[] = [];
  let after: string | undefined;
  for (;;) {
    const batch = await listImportedFlights(deps.sql, id, { after, limit: 200 });
    if (!batch.length) break;
    after = batch[batch.length - 1].id;
    for (const f of batch) {
      try {
        await removeFlight(deps, actor, f.id);
        removed++;
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        kept++;
        if (keptFlights.length < KEPT_LISTED) {
          keptFlights.push({ id: f.id, flight: f.label, reason: err.detail ?? err.code });
        }
      }
    }
  }
  await recordAudit(
    deps.sql,
    auditEntry(actor, "flights.import_undone", { type: "job", id }, { removed, kept }),
  );
  return { removed, kept, keptFlights };
}
