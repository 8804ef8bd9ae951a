/** View types of background jobs (the CSV import) and their rejected rows. */
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
}
