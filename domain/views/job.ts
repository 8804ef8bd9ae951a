/** View types of background jobs (the CSV import and its undo) and their rejected rows. */

/**
 * The kind of job that undoes a CSV import: `accepted` counts the flights it deleted,
 * `rejected` the ones it kept (its "rejections" name them and say why).
 */
export const IMPORT_UNDO_JOB = "flights.import_undo";

/** A background job's progress as the admin API shows it. */
export interface JobSummary {
  id: string;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed";
  /** Null while the upload is still arriving. */
  total: number | null;
  processed: number;
  accepted: number;
  rejected: number;
  /** The uploaded file's name, when the job came from an upload. */
  filename: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why the job failed as a whole (not a row's rejection). */
  failure: string | null;
  /** A validation run: `accepted` counts the flights it would have created; none were. */
  dryRun: boolean;
  /** For an undo job: the import it undoes. */
  undoes: string | null;
  /** For an import: the job that undoes it, once one was asked for. */
  undoneBy: string | null;
}

/** How many rows a job rejected for one reason. */
export interface ReasonCount {
  reason: string;
  count: number;
}

/** A job with the first of its rejected rows. */
export interface JobReport extends JobSummary {
  rejections: Rejection[];
  /** The most common reasons, most rows first (up to 20). */
  reasons: ReasonCount[];
}

/** A rejected row as reports show it. */
export interface Rejection {
  line: number;
  reason: string;
  /** The row's fields as read; null when the CSV reader could not read it (only in storage). */
  fields?: string[] | null;
  /** An unreadable row's line as sent, its first 2 KiB (only in storage). */
  raw?: string | null;
  /** The raw text was cut. */
  rawTruncated?: boolean;
  /** For an undo job: the flight it kept. */
  flight?: { id: string; label: string };
}
