import { defineIsland } from "./island.ts";
import { useEffect, useState } from "preact/hooks";
import type { JobReport, JobSummary } from "../domain/views/job.ts";
import type { Rejection } from "../domain/views/job.ts";
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

function summary(j: JobSummary): string {
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
 * A CSV import's progress, polled every second until the job finishes, and its rejected rows
 * (line and reason), paged by plain links. Without JavaScript a reload shows the progress.
 */
function JobProgress(p: JobProgressProps) {
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
        <label for="job-bar">Rows processed</label>
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
          <dt>Rows</dt>
          <dd>{job.total ?? "—"}</dd>
        </div>
        <div>
          <dt>Accepted</dt>
          <dd>{job.accepted}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd>{job.rejected}</dd>
        </div>
      </dl>
      {!finished(job) && (
        <p>
          <a href="">Reload to check again</a>
        </p>
      )}
      <h2>Rejected rows</h2>
      {job.rejected === 0
        ? <p>No row was rejected{finished(job) ? "" : " so far"}.</p>
        : (
          <table class="data">
            <caption class="visually-hidden">Rejected rows by line</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rejections.map((r) => (
                <tr key={r.line}>
                  <th scope="row">{r.line}</th>
                  <td>{r.reason}</td>
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
