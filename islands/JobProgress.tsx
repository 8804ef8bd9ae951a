import { defineIsland } from "./island.ts";
import { useEffect, useState } from "preact/hooks";
import {
  IMPORT_UNDO_JOB,
  type JobReport,
  type JobSummary,
  type Rejection,
} from "../domain/views/job.ts";
import { api } from "./client/api.ts";
import { Pager } from "./parts/Pager.tsx";

/** Props of JobProgress. */
export interface JobProgressProps {
  job: JobSummary;
  /** One page of the job's rejected rows, in line order. */
  rejections: Rejection[];
  page: number;
  pageSize: number;
}

const POLL_MS = 1000;
const finished = (j: JobSummary) => j.status === "succeeded" || j.status === "failed";

/** What an import's counters mean, or an undo's (flights deleted and kept). */
interface Words {
  unit: string;
  accepted: string;
  rejected: string;
  rejections: string;
  none: string;
  reason: string;
}
const IMPORT: Words = {
  unit: "Rows",
  accepted: "Accepted",
  rejected: "Rejected",
  rejections: "Rejected rows",
  none: "No row was rejected",
  reason: "Reason",
};
const UNDO: Words = {
  unit: "Flights",
  accepted: "Deleted",
  rejected: "Kept",
  rejections: "Kept flights",
  none: "No flight was kept",
  reason: "Flight and why it was kept",
};

const flights = (n: number | null) => `${n} flight${n === 1 ? "" : "s"}`;

function undoSummary(j: JobSummary): string {
  if (j.status === "failed") return `The undo failed: ${j.failure ?? "unknown reason"}`;
  const counts = `${j.accepted} deleted, ${j.rejected} kept`;
  if (j.status === "succeeded") return `Done: ${flights(j.processed)} gone through; ${counts}.`;
  if (j.status === "queued") return `Queued: ${flights(j.total)} to go through.`;
  return `Undoing: ${j.processed} of ${flights(j.total)}; ${counts}.`;
}

function summary(j: JobSummary): string {
  if (j.kind === IMPORT_UNDO_JOB) return undoSummary(j);
  if (j.status === "failed") return `The import failed: ${j.failure ?? "unknown reason"}`;
  if (j.total === null) return "The file is still arriving.";
  const counts = `${j.accepted} ${j.dryRun ? "would be imported" : "imported"}, ` +
    `${j.rejected} rejected`;
  if (j.status === "succeeded" && j.dryRun) {
    return `Validated: ${j.total} rows read; ${counts}. Nothing was written.`;
  }
  if (j.status === "succeeded") return `Done: ${j.total} rows read; ${counts}.`;
  if (j.status === "queued") return `Queued: ${j.total} rows wait for the importer.`;
  return `Importing: ${j.processed} of ${j.total} rows; ${counts}.`;
}

/**
 * A CSV import's progress (or its undo's), polled every second until the job finishes, and its
 * rejected rows (line and reason; the flights an undo kept), paged by plain links. Without
 * JavaScript a reload shows the progress.
 */
function JobProgress(p: JobProgressProps) {
  const words = p.job.kind === IMPORT_UNDO_JOB ? UNDO : IMPORT;
  const [job, setJob] = useState(p.job);
  const [rejections, setRejections] = useState(p.rejections);
  useEffect(() => {
    if (finished(p.job)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await api<JobReport>(`/api/admin/jobs/${p.job.id}`);
      if (stopped || !res.ok) return;
      const { rejections: first, ...next } = res.data;
      setJob(next);
      // The report carries the first page of rejections; other pages are links.
      if (p.page === 1) setRejections(first.slice(0, p.pageSize));
      if (finished(next)) clearInterval(timer);
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  const pages = Math.max(1, Math.ceil(job.rejected / p.pageSize));
  return (
    <div class="job-progress">
      <div class="form-field">
        <label for="job-bar">{words.unit} processed</label>
        <progress
          id="job-bar"
          max={job.total ?? undefined}
          value={job.total === null ? undefined : job.processed}
          aria-valuemin={0}
          aria-valuemax={job.total ?? undefined}
          aria-valuenow={job.total === null ? undefined : job.processed}
        />
      </div>
      <p role="status" class={`job-summary job-${job.status}`}>{summary(job)}</p>
      <dl class="fact-list">
        <div>
          <dt>Status</dt>
          <dd>{job.status}</dd>
        </div>
        <div>
          <dt>{words.unit}</dt>
          <dd>{job.total ?? "—"}</dd>
        </div>
        <div>
          <dt>{words.accepted}</dt>
          <dd>{job.accepted}</dd>
        </div>
        <div>
          <dt>{words.rejected}</dt>
          <dd>{job.rejected}</dd>
        </div>
      </dl>
      {!finished(job) && (
        <p>
          <a href="">Reload to check again</a>
        </p>
      )}
      <h2>{words.rejections}</h2>
      {job.rejected === 0
        ? <p>{words.none}{finished(job) ? "" : " so far"}.</p>
        : (
          <table class="data">
            <caption class="visually-hidden">{words.rejections} by line</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">{words.reason}</th>
              </tr>
            </thead>
            <tbody>
              {rejections.map((r) => (
                <tr key={r.line}>
                  <th scope="row">{r.line}</th>
                  <td>
                    {r.flight && <a href={`/admin/flights/${r.flight.id}`}>{r.flight.label}</a>}
                    {r.flight && ": "}
                    {r.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      <Pager path={`/admin/jobs/${job.id}`} query={{}} page={p.page} pages={pages} />
    </div>
  );
}

/** The JobProgress island, as pages embed it. */
export default defineIsland("JobProgress", JobProgress);
